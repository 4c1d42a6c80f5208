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

package io.phoenix.observability.sample.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible LLM server that a drill can break: it answers
 * {@code /v1/chat/completions} as the OpenAI API does, refuses every call with 503, or
 * answers after a delay.
 *
 * @author Phoenix Observability
 */
final class DrillLlm implements AutoCloseable {

	private static final String COMPLETION = """
			{"id":"chatcmpl-drill","object":"chat.completion","created":0,"model":"stand-in",\
			"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"A short summary."}}],\
			"usage":{"prompt_tokens":21,"completion_tokens":4,"total_tokens":25}}""";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private volatile boolean refusing;

	private volatile Duration delay = Duration.ZERO;

	private DrillLlm(HttpServer server) {
		this.server = server;
		server.setExecutor(this.executor);
		server.createContext("/", this::handle);
		server.start();
	}

	static DrillLlm start() throws IOException {
		return new DrillLlm(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Refuse every call and fail the health check, as an LLM server that is down.
	 */
	void refusing() {
		this.refusing = true;
	}

	/**
	 * Answer every call after a delay.
	 * @param delay the delay
	 */
	void slow(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Answer at once again.
	 */
	void answering() {
		this.refusing = false;
		this.delay = Duration.ZERO;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			if (this.refusing) {
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			Thread.sleep(this.delay.toMillis());
			byte[] body = (exchange.getRequestURI().getPath().endsWith("/health") ? "{\"status\":\"ok\"}" : COMPLETION)
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
