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
package io.phoenix.observability.sample.orchestrator;

import com.github.tomakehurst.wiremock.WireMockServer;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An OpenAI-compatible LLM server stood in for by WireMock, on a random loopback port,
 * answering {@code /v1/chat/completions} with the contract of the OpenAI API.
 *
 * @author Phoenix Observability
 */
final class LlmBackend implements AutoCloseable {

	/**
	 * The prompt's tokens each completion reports, as an OpenAI-compatible server does.
	 */
	static final int PROMPT_TOKENS = 21;

	/**
	 * The completion's tokens each completion reports.
	 */
	static final int COMPLETION_TOKENS = 4;

	/**
	 * The model each completion says answered.
	 */
	static final String RESPONSE_MODEL = "qwen2.5-7b-instruct";

	private final WireMockServer server;

	private LlmBackend(WireMockServer server) {
		this.server = server;
	}

	/**
	 * Start a backend whose health endpoint and completions answer.
	 * @return the backend
	 */
	static LlmBackend start() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		LlmBackend backend = new LlmBackend(server);
		backend.healthy();
		backend.answering();
		return backend;
	}

	/**
	 * Point the orchestrator at this backend.
	 * @param registry the registry of the test's properties
	 */
	void register(DynamicPropertyRegistry registry) {
		registry.add("orchestrator.llm.base-url", this::baseUrl);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	void healthy() {
		this.server.stubFor(get(urlEqualTo("/health")).willReturn(okJson("{\"status\":\"ok\"}")));
	}

	void answering() {
		answering(0);
	}

	/**
	 * Answer completions after a delay.
	 * @param delayMillis how long each completion takes
	 */
	void answering(int delayMillis) {
		// The fields the OpenAI API promises, which Spring AI's client checks
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.willReturn(okJson("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,"
					+ "\"model\":\"" + RESPONSE_MODEL + "\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
					+ "\"message\":{\"role\":\"assistant\",\"content\":\"A short summary.\"}}],"
					+ "\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS + ",\"completion_tokens\":" + COMPLETION_TOKENS
					+ ",\"total_tokens\":" + (PROMPT_TOKENS + COMPLETION_TOKENS) + "}}")
				.withFixedDelay(delayMillis)));
	}

	void failing() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
	}

	void slowHealth(int millis) {
		this.server.stubFor(get(urlEqualTo("/health")).willReturn(okJson("{}").withFixedDelay(millis)));
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
