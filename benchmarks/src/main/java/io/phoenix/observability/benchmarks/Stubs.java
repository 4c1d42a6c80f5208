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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local servers the benchmark apps talk to, on 127.0.0.1 only. Usage:
 * {@code Stubs <downstream-port> <otlp-healthy-port> <otlp-hanging-port> [<owner-pid>]}:
 * the downstream of {@code /work/{id}}, a healthy OTLP/HTTP sink that answers 200 to
 * every export, and a sink that accepts connections and never answers. They run until
 * they are stopped, or until the owner process ends, so that they live exactly as long as
 * the run that started them, however long its warm-up or soak takes.
 * <p>
 * The healthy sink counts the spans it receives, and among them the server spans of
 * application requests (not of {@code /actuator} ones); {@code GET /stats} on its port
 * answers {@code exports=<n> spans=<n> server_spans=<n>}. A run compares the server spans
 * an app exported with the requests it served: what is missing at 100% sampling was
 * dropped on the way, by the app's export queue.
 *
 * @author Phoenix Observability
 */
public final class Stubs {

	private static final byte[] PRICE = "{\"amount\":\"19.99\",\"currency\":\"EUR\"}".getBytes(StandardCharsets.UTF_8);

	private Stubs() {
	}

	public static void main(String[] args) throws Exception {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		AtomicLong exports = new AtomicLong();
		SpanCounts counts = new SpanCounts();
		HttpServer downstream = HttpServer.create(new InetSocketAddress(loopback, Integer.parseInt(args[0])), 512);
		downstream.createContext("/", (exchange) -> respond(exchange, "application/json", PRICE));
		downstream.setExecutor(Executors.newFixedThreadPool(8));
		downstream.start();
		HttpServer sink = HttpServer.create(new InetSocketAddress(loopback, Integer.parseInt(args[1])), 128);
		sink.createContext("/", (exchange) -> {
			exports.incrementAndGet();
			if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
				counts.add(body(exchange));
			}
			respond(exchange, "application/x-protobuf", new byte[0]);
		});
		sink.createContext("/stats",
				(exchange) -> respond(exchange, "text/plain",
						("exports=" + exports.get() + " spans=" + counts.spans.get() + " server_spans="
								+ counts.serverSpans.get() + "\n")
							.getBytes(StandardCharsets.UTF_8)));
		sink.setExecutor(Executors.newFixedThreadPool(2));
		sink.start();
		List<Socket> held = new ArrayList<>();
		ServerSocket hanging = new ServerSocket(Integer.parseInt(args[2]), 128, loopback);
		Thread acceptor = new Thread(() -> {
			try {
				while (!hanging.isClosed()) {
					Socket socket = hanging.accept();
					// Held open and never read or answered
					synchronized (held) {
						held.add(socket);
					}
				}
			}
			catch (IOException ex) {
				// Closed at the end of the run
			}
		}, "hanging-sink");
		acceptor.setDaemon(true);
		acceptor.start();
		System.out.println("stubs ready");
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
		if (args.length > 3) {
			ProcessHandle.of(Long.parseLong(args[3]))
				.ifPresentOrElse((owner) -> owner.onExit().thenRun(stopped::countDown), stopped::countDown);
		}
		stopped.await();
		System.out.println("healthy sink received " + exports.get() + " exports; hanging sink held " + held.size()
				+ " connections");
		hanging.close();
		downstream.stop(0);
		sink.stop(0);
		System.exit(0);
	}

	private static byte[] body(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		if (!"gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
			return body;
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

	private static void respond(HttpExchange exchange, String contentType, byte[] body) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * Counts the spans of OTLP {@code ExportTraceServiceRequest} messages by walking the
	 * protobuf wire format (resource spans, field 1; scope spans, field 2; span, field 2;
	 * its name, field 5, and kind, field 6), without building the messages.
	 */
	static final class SpanCounts {

		private static final int SERVER = 2;

		final AtomicLong spans = new AtomicLong();

		final AtomicLong serverSpans = new AtomicLong();

		void add(byte[] request) throws IOException {
			CodedInputStream in = CodedInputStream.newInstance(request);
			each(in, 1, () -> each(in, 2, () -> each(in, 2, () -> span(in))));
		}

		private void span(CodedInputStream in) throws IOException {
			String name = "";
			int kind = 0;
			int tag;
			while ((tag = in.readTag()) != 0) {
				switch (WireFormat.getTagFieldNumber(tag)) {
					case 5 -> name = in.readString();
					case 6 -> kind = in.readEnum();
					default -> in.skipField(tag);
				}
			}
			this.spans.incrementAndGet();
			if (kind == SERVER && !name.contains("/actuator")) {
				this.serverSpans.incrementAndGet();
			}
		}

		// Calls the reader for each occurrence of the length-delimited field, with the
		// stream limited to it
		private static void each(CodedInputStream in, int field, Reader reader) throws IOException {
			int tag;
			while ((tag = in.readTag()) != 0) {
				if (WireFormat.getTagFieldNumber(tag) == field
						&& WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
					int limit = in.pushLimit(in.readRawVarint32());
					reader.read();
					in.popLimit(limit);
				}
				else {
					in.skipField(tag);
				}
			}
		}

		@FunctionalInterface
		private interface Reader {

			void read() throws IOException;

		}

	}

}
