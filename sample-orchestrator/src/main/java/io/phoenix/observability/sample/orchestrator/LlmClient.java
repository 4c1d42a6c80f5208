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

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.phoenix.observability.autoconfigure.pipeline.LlmCalls;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the LLM backend (an OpenAI-compatible server such as llama-server or vLLM)
 * through the {@code llm} circuit breaker, and records each call, with the tokens it
 * used, through Phoenix's {@link LlmCalls}: under Spring AI's metric names, so that the
 * dashboards and SLOs of services on Spring AI read this one too.
 *
 * @author Phoenix Observability
 */
@Component
class LlmClient {

	// As Spring AI's OpenAI client names any OpenAI-compatible server
	private static final String PROVIDER = "openai";

	private final RestClient client;

	private final CircuitBreaker breaker;

	private final LlmCalls calls;

	private final String model;

	LlmClient(RestClient.Builder builder, CircuitBreakerRegistry breakers, LlmCalls calls,
			@Value("${orchestrator.llm.base-url}") String baseUrl, @Value("${orchestrator.llm.model}") String model) {
		this.client = builder.baseUrl(baseUrl).build();
		this.breaker = breakers.circuitBreaker("llm");
		this.calls = calls;
		this.model = model;
	}

	/**
	 * Ask the LLM for a completion.
	 * @param prompt the prompt
	 * @return the completion
	 * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException while the
	 * breaker is open
	 */
	String complete(String prompt) {
		return this.calls.call(PROVIDER, this.model, (call) -> this.breaker.executeSupplier(() -> {
			ChatCompletion completion = this.client.post()
				.uri("/v1/chat/completions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("model", this.model, "messages", List.of(Map.of("role", "user", "content", prompt))))
				.retrieve()
				.body(ChatCompletion.class);
			String content = (completion != null && !completion.choices().isEmpty())
					? completion.choices().get(0).message().content() : "";
			if (completion != null && completion.model() != null) {
				call.responseModel(completion.model());
			}
			if (completion != null && completion.usage() != null) {
				call.usage(completion.usage().promptTokens(), completion.usage().completionTokens());
			}
			else {
				// A server that reports no usage: estimated at about four characters a
				// token, as OpenAI's rule of thumb for English text
				call.usage(estimate(prompt), estimate(content));
			}
			return content;
		}));
	}

	private static long estimate(String text) {
		return (text.length() + 3) / 4;
	}

	record ChatCompletion(String model, List<Choice> choices, Usage usage) {

	}

	record Choice(Message message) {

	}

	record Message(String role, String content) {

	}

	record Usage(@JsonProperty("prompt_tokens") long promptTokens,
			@JsonProperty("completion_tokens") long completionTokens) {

	}

}
