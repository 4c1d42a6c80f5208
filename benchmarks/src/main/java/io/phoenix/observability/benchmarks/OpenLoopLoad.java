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

package io.phoenix.observability.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate (open-loop) HTTP/1.1 load generator for latency percentiles, in the
 * manner of wrk2: every connection has its own fixed schedule, and latency is measured
 * from when a request was due, not from when it was sent, so that a stalled server is
 * charged for the queueing delay it causes (coordinated omission corrected). Usage:
 * {@code OpenLoopLoad <port> <path-prefix> <rate/s> <seconds> <connections>}; requests go
 * to 127.0.0.1 and the path prefix is followed by a rotating id.
 * <p>
 * Percentiles at a rate the server cannot serve measure a queue that grows for the whole
 * run, so the result says whether the rate was sustained: {@code sustained=false} when a
 * request failed, when requests were still due a grace period after the end
 * ({@code missed}, never sent), or when the requests completed at less than 95% of the
 * rate over the time they took ({@code achieved}, from the first due time to the last
 * answer). {@code late_ms} is how late the last request of the run was sent: near zero
 * when the server kept up, the length of the queue when it did not.
 *
 * @author Phoenix Observability
 */
public final class OpenLoopLoad {

	private OpenLoopLoad() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String prefix = args[1];
		double rate = Double.parseDouble(args[2]);
		int seconds = Integer.parseInt(args[3]);
		int connections = Integer.parseInt(args[4]);
		long interval = (long) (1_000_000_000L * connections / rate);
		long start = System.nanoTime() + 100_000_000L;
		long end = start + seconds * 1_000_000_000L;
		// Long enough for a pause near the end to be caught up, short enough that a
		// server behind schedule leaves requests unsent
		long deadline = end + Math.max(1_000_000_000L, seconds * 100_000_000L);
		Worker[] workers = new Worker[connections];
		for (int i = 0; i < connections; i++) {
			workers[i] = new Worker(port, prefix, start + i * interval / connections, interval, end, deadline,
					(int) (seconds * 1_000_000_000L / interval) + 2);
			workers[i].start();
		}
		int count = 0;
		long errors = 0;
		long missed = 0;
		long lastAnswer = start;
		long late = 0;
		for (Worker worker : workers) {
			worker.join();
			count += worker.count;
			errors += worker.errors;
			missed += worker.missed;
			lastAnswer = Math.max(lastAnswer, worker.lastAnswer);
			late = Math.max(late, worker.lastLate);
		}
		long[] all = new long[count];
		int offset = 0;
		for (Worker worker : workers) {
			System.arraycopy(worker.latencies, 0, all, offset, worker.count);
			offset += worker.count;
		}
		Arrays.sort(all);
		double elapsed = Math.max(lastAnswer - start, 1) / 1e9;
		double achieved = count / Math.max(elapsed, seconds - interval / 1e9);
		boolean sustained = errors == 0 && missed == 0 && achieved >= 0.95 * rate;
		System.out.printf(
				"rate=%.0f completed=%d errors=%d missed=%d achieved=%.0f late_ms=%.3f sustained=%s p50_ms=%.3f"
						+ " p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
				rate, count, errors, missed, achieved, late / 1e6, sustained, percentile(all, 50), percentile(all, 90),
				percentile(all, 99), percentile(all, 99.9), (count > 0) ? all[count - 1] / 1e6 : Double.NaN);
	}

	private static double percentile(long[] sorted, double percent) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

	private static final class Worker extends Thread {

		private final int port;

		private final String prefix;

		private final long first;

		private final long interval;

		private final long end;

		private final long deadline;

		private final long[] latencies;

		private int count;

		private long errors;

		private long missed;

		private long lastAnswer;

		private long lastLate;

		private Socket socket;

		private InputStream in;

		private OutputStream out;

		Worker(int port, String prefix, long first, long interval, long end, long deadline, int capacity) {
			this.port = port;
			this.prefix = prefix;
			this.first = first;
			this.interval = interval;
			this.end = end;
			this.deadline = deadline;
			this.latencies = new long[capacity];
			setDaemon(true);
		}

		@Override
		public void run() {
			long due = this.first;
			int id = 0;
			while (due < this.end && this.count < this.latencies.length) {
				long now;
				while ((now = System.nanoTime()) < due) {
					LockSupport.parkNanos(due - now);
				}
				if (now >= this.deadline) {
					// Still due, never sent: the server did not keep up
					this.missed += (this.end - due + this.interval - 1) / this.interval;
					break;
				}
				this.lastLate = now - due;
				byte[] request = ("GET " + this.prefix + (id++ % 1000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII);
				try {
					exchange(request);
					this.lastAnswer = System.nanoTime();
					this.latencies[this.count++] = this.lastAnswer - due;
				}
				catch (IOException ex) {
					this.errors++;
					close();
				}
				due += this.interval;
			}
			close();
		}

		private void exchange(byte[] request) throws IOException {
			if (this.socket == null) {
				this.socket = new Socket();
				this.socket.setTcpNoDelay(true);
				this.socket.setSoTimeout(30_000);
				this.socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5_000);
				this.in = new BufferedInputStream(this.socket.getInputStream(), 16_384);
				this.out = this.socket.getOutputStream();
			}
			this.out.write(request);
			this.out.flush();
			String status = line();
			if (!status.startsWith("HTTP/1.1 2")) {
				this.errors++;
			}
			long length = -1;
			boolean chunked = false;
			boolean closing = false;
			String header;
			while (!(header = line()).isEmpty()) {
				String lower = header.toLowerCase();
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					closing = true;
				}
			}
			if (chunked) {
				long size;
				while ((size = Long.parseLong(line().trim(), 16)) > 0) {
					skip(size);
					line();
				}
				line();
			}
			else if (length > 0) {
				skip(length);
			}
			if (closing) {
				close();
			}
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			int c;
			while ((c = this.in.read()) != '\n') {
				if (c < 0) {
					throw new IOException("Connection closed");
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		private void skip(long bytes) throws IOException {
			long left = bytes;
			while (left > 0) {
				long skipped = this.in.skip(left);
				if (skipped <= 0) {
					if (this.in.read() < 0) {
						throw new IOException("Connection closed");
					}
					skipped = 1;
				}
				left -= skipped;
			}
		}

		private void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// Reconnects on the next request
				}
				this.socket = null;
			}
		}

	}

}
