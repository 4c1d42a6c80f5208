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

import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the LLM backend (an OpenAI-compatible server such as llama-server or vLLM)
 * through the {@code llm} circuit breaker.
 *
 * @author Phoenix Observability
 */
@Component
class LlmClient {

	private final RestClient client;

	private final CircuitBreaker breaker;

	LlmClient(RestClient.Builder builder, CircuitBreakerRegistry breakers,
			@Value("${orchestrator.llm.base-url}") String baseUrl) {
		this.client = builder.baseUrl(baseUrl).build();
		this.breaker = breakers.circuitBreaker("llm");
	}

	/**
	 * Ask the LLM for a completion.
	 * @param prompt the prompt
	 * @return the completion
	 * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException while the
	 * breaker is open
	 */
	String complete(String prompt) {
		return this.breaker.executeSupplier(() -> {
			ChatCompletion completion = this.client.post()
				.uri("/v1/chat/completions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("model", "default", "messages", List.of(Map.of("role", "user", "content", prompt))))
				.retrieve()
				.body(ChatCompletion.class);
			return (completion != null && !completion.choices().isEmpty())
					? completion.choices().get(0).message().content() : "";
		});
	}

	record ChatCompletion(List<Choice> choices) {

	}

	record Choice(Message message) {

	}

	record Message(String role, String content) {

	}

}
