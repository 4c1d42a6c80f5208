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
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local servers the benchmark apps talk to, on 127.0.0.1 only. Usage:
 * {@code Stubs <downstream-port> <otlp-healthy-port> <otlp-hanging-port> <seconds>}: the
 * downstream of {@code /work/{id}}, a healthy OTLP/HTTP sink that answers 200 to every
 * export, and a sink that accepts connections and never answers. All stop by themselves
 * after the given number of seconds.
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
		HttpServer downstream = HttpServer.create(new InetSocketAddress(loopback, Integer.parseInt(args[0])), 512);
		downstream.createContext("/", (exchange) -> respond(exchange, "application/json", PRICE));
		downstream.setExecutor(Executors.newFixedThreadPool(8));
		downstream.start();
		HttpServer sink = HttpServer.create(new InetSocketAddress(loopback, Integer.parseInt(args[1])), 128);
		sink.createContext("/", (exchange) -> {
			exports.incrementAndGet();
			respond(exchange, "application/x-protobuf", new byte[0]);
		});
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
		TimeUnit.SECONDS.sleep(Long.parseLong(args[3]));
		System.out.println("healthy sink received " + exports.get() + " exports; hanging sink held " + held.size()
				+ " connections");
		hanging.close();
		downstream.stop(0);
		sink.stop(0);
		System.exit(0);
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

}
