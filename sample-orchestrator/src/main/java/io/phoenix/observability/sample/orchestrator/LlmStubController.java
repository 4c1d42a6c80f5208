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

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for an OpenAI-compatible LLM server, so that the sample runs without one:
 * {@code /v1/chat/completions} answers as the OpenAI API does, with the {@code usage} of
 * the call. Point {@code orchestrator.llm.base-url} at a real server and set
 * {@code orchestrator.llm.stub.enabled=false} to use it instead.
 *
 * @author Phoenix Observability
 */
@RestController
@RequestMapping("/llm-stub")
@ConditionalOnBooleanProperty(name = "orchestrator.llm.stub.enabled", matchIfMissing = true)
class LlmStubController {

	@GetMapping("/health")
	Map<String, String> health() {
		return Map.of("status", "ok");
	}

	@PostMapping("/v1/chat/completions")
	Map<String, Object> complete(@RequestBody Map<String, Object> request) {
		String prompt = String.valueOf(request.getOrDefault("messages", ""));
		// The usage an OpenAI-compatible server reports, at about four characters a token
		int promptTokens = (prompt.length() + 3) / 4;
		int completionTokens = 4;
		return Map.of("id", "chatcmpl-stand-in", "object", "chat.completion", "created",
				System.currentTimeMillis() / 1000, "model", "stand-in", "choices",
				List.of(Map.of("index", 0, "finish_reason", "stop", "message",
						Map.of("role", "assistant", "content", "A short summary."))),
				"usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens",
						promptTokens + completionTokens));
	}

}
