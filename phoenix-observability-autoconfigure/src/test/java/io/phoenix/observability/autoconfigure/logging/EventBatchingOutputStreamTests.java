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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventBatchingOutputStream}.
 *
 * @author Phoenix Observability
 */
class EventBatchingOutputStreamTests {

	private final RecordingConsole console = new RecordingConsole();

	@Test
	void writesNothingUntilFlushedThenAllEventsInOneWrite() throws IOException {
		EventBatchingOutputStream stream = new EventBatchingOutputStream(() -> this.console, 1024);
		event(stream, "{\"n\":1}\n");
		event(stream, "{\"n\":2}\n");
		assertThat(this.console.writes).isEmpty();
		stream.flush();
		assertThat(this.console.writes).containsExactly("{\"n\":1}\n{\"n\":2}\n");
		assertThat(this.console.flushes).isEqualTo(1);
	}

	@Test
	void eventThatDoesNotFitFlushesTheEventsBeforeItAndIsNeverSplit() throws IOException {
		EventBatchingOutputStream stream = new EventBatchingOutputStream(() -> this.console, 16);
		event(stream, "{\"a\":\"1234\"}\n");
		event(stream, "{\"b\":\"5678\"}\n");
		stream.flush();
		assertThat(this.console.writes).containsExactly("{\"a\":\"1234\"}\n", "{\"b\":\"5678\"}\n");
	}

	@Test
	void eventLargerThanTheBufferIsWrittenOnItsOwnAfterTheOnesBeforeIt() throws IOException {
		EventBatchingOutputStream stream = new EventBatchingOutputStream(() -> this.console, 8);
		event(stream, "{}\n");
		event(stream, "{\"large\":true}\n");
		event(stream, "[]\n");
		stream.flush();
		assertThat(this.console.writes).containsExactly("{}\n", "{\"large\":true}\n", "[]\n");
	}

	@Test
	void closeWritesWhatIsBufferedAndLeavesTheConsoleOpen() throws IOException {
		EventBatchingOutputStream stream = new EventBatchingOutputStream(() -> this.console, 1024);
		event(stream, "{\"last\":true}\n");
		stream.close();
		assertThat(this.console.writes).containsExactly("{\"last\":true}\n");
		assertThat(this.console.closed).isFalse();
	}

	@Test
	void looksUpTheConsoleOnEveryWrite() throws IOException {
		ByteArrayOutputStream[] current = { new ByteArrayOutputStream() };
		ByteArrayOutputStream first = current[0];
		EventBatchingOutputStream stream = new EventBatchingOutputStream(() -> current[0], 1024);
		event(stream, "one\n");
		stream.flush();
		current[0] = new ByteArrayOutputStream();
		event(stream, "two\n");
		stream.flush();
		assertThat(first.toString(StandardCharsets.UTF_8)).isEqualTo("one\n");
		assertThat(current[0].toString(StandardCharsets.UTF_8)).isEqualTo("two\n");
	}

	private static void event(OutputStream stream, String line) throws IOException {
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		stream.write(bytes, 0, bytes.length);
	}

	static class RecordingConsole extends OutputStream {

		final List<String> writes = new ArrayList<>();

		int flushes;

		boolean closed;

		@Override
		public void write(int b) {
			this.writes.add(String.valueOf((char) b));
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
		}

		@Override
		public void flush() {
			this.flushes++;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
