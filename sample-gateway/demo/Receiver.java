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

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * The demo's stand-in for Slack, PagerDuty and a webhook: prints every notification
 * Alertmanager sends it, and appends it to a file. JDK only, run as a source file:
 * {@code java Receiver.java <port> <file>}.
 */
public class Receiver {

	public static void main(String[] args) throws IOException {
		int port = Integer.parseInt(args[0]);
		Path file = Path.of(args[1]);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		server.createContext("/", (exchange) -> {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			String line = "[receiver " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
					+ exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body + "\n";
			System.out.print(line);
			Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			// PagerDuty's Events API answers 202 with a small JSON body; Slack and a
			// webhook only need a 2xx
			byte[] answer = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(202, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
		System.out.println("[receiver] listening on http://127.0.0.1:" + port + ", writing to " + file);
	}

}
