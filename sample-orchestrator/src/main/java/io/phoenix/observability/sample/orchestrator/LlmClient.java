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

import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.stereotype.Component;

/**
 * Calls the LLM backend (an OpenAI-compatible server such as llama-server or vLLM)
 * through Spring AI's OpenAI {@link ChatModel}, inside the {@code llm} circuit breaker.
 * Spring AI observes each call: the {@code gen_ai_client_*} metrics, its span, and
 * Phoenix's {@code phoenix.llm} line.
 *
 * @author Phoenix Observability
 */
@Component
class LlmClient {

	private final ChatModel chat;

	private final CircuitBreaker breaker;

	LlmClient(ChatModel chat, CircuitBreakerRegistry breakers) {
		this.chat = chat;
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
			ChatResponse response = this.chat.call(new Prompt(prompt));
			return (response.getResult() != null) ? Objects.toString(response.getResult().getOutput().getText(), "")
					: "";
		});
	}

}
