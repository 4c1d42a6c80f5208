/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.phoenix.observability.autoconfigure.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Output stream of the console appender behind the asynchronous appender: keeps whole
 * encoded events and hands them to the console in one write when flushed. The
 * asynchronous appender flushes at the end of every batch it drains (what queued up
 * during one poll interval), so a busy service makes one system call for many lines
 * instead of one per line.
 * <p>
 * Events are never split between two writes: an event that does not fit in the buffer
 * first flushes the events before it, and an event larger than the buffer is written on
 * its own. The console is looked up on every write, so that a replaced {@code System.out}
 * (as in tests that capture output) receives the lines.
 *
 * @author Phoenix Observability
 */
final class EventBatchingOutputStream extends OutputStream {

	static final int DEFAULT_CAPACITY = 64 * 1024;

	private final Supplier<OutputStream> console;

	private final byte[] buffer;

	private int count;

	EventBatchingOutputStream(Supplier<OutputStream> console, int capacity) {
		this.console = console;
		this.buffer = new byte[capacity];
	}

	@Override
	public synchronized void write(int b) throws IOException {
		if (this.count == this.buffer.length) {
			writeBuffer();
		}
		this.buffer[this.count++] = (byte) b;
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
		if (length > this.buffer.length - this.count) {
			writeBuffer();
		}
		if (length > this.buffer.length) {
			this.console.get().write(bytes, offset, length);
			return;
		}
		System.arraycopy(bytes, offset, this.buffer, this.count, length);
		this.count += length;
	}

	@Override
	public synchronized void flush() throws IOException {
		writeBuffer();
		this.console.get().flush();
	}

	@Override
	public void close() throws IOException {
		// The console itself stays open: it is the process's standard output
		flush();
	}

	private void writeBuffer() throws IOException {
		if (this.count > 0) {
			this.console.get().write(this.buffer, 0, this.count);
			this.count = 0;
		}
	}

}
