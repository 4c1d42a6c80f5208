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

package io.phoenix.observability.autoconfigure.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.pipeline.LlmCalls;
import io.phoenix.observability.testing.JsonLogLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@code phoenix.llm} line of a real application's LLM calls, made as Spring AI's
 * chat models make them (an observation of a {@link ChatModelObservationContext} in the
 * application's registry) and through {@link LlmCalls}, read as JSON.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class LlmCallLogIntegrationTests {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void springAiCallHasOneLineWithItsModelTokensAndFinishReasonButNoText(CapturedOutput output) {
		ConfigurableApplicationContext app = start();
		chat(app, "Summarize: the quarterly report", "A summary.", null);
		Map<String, Object> line = JsonLogLines.await(output::getOut, (l) -> "phoenix.llm".equals(l.get("logger")));
		assertThat(line).containsEntry("level", "INFO")
			.containsEntry("provider", "openai")
			.containsEntry("operation", "chat")
			.containsEntry("model", "qwen2.5")
			.containsEntry("response_model", "qwen2.5-7b-instruct")
			.containsEntry("input_tokens", 12)
			.containsEntry("output_tokens", 5)
			.containsEntry("finish_reason", "STOP")
			.containsEntry("status", "success")
			.containsKey("duration_ms")
			.doesNotContainKeys("prompt", "completion", "dependency");
		assertThat(output.getOut()).doesNotContain("quarterly report").doesNotContain("A summary.");
	}

	@Test
	void callIsTiedToTheDeclaredDependencyAtTheProvidersBaseUrl(CapturedOutput output) {
		ConfigurableApplicationContext app = start("spring.ai.openai.base-url=http://127.0.0.1:18080/v1",
				"phoenix.observability.dependencies.model-server.type=http",
				"phoenix.observability.dependencies.model-server.url=http://127.0.0.1:18080/health",
				"phoenix.observability.dependencies.other.type=http",
				"phoenix.observability.dependencies.other.url=http://127.0.0.1:18081/health");
		chat(app, "Hello", "Hi.", null);
		Map<String, Object> line = JsonLogLines.await(output::getOut, (l) -> "phoenix.llm".equals(l.get("logger")));
		assertThat(line).containsEntry("dependency", "model-server").doesNotContainKey("circuit_breaker");
	}

	@Test
	void springAisOwnSwitchesAddThePromptAndCompletionMaskedLikeEveryValue(CapturedOutput output) {
		ConfigurableApplicationContext app = start("spring.ai.chat.observations.log-prompt=true",
				"spring.ai.chat.observations.log-completion=true");
		chat(app, "Log in with password=hunter2", "Done.", null);
		Map<String, Object> line = JsonLogLines.await(output::getOut, (l) -> "phoenix.llm".equals(l.get("logger")));
		assertThat(line).containsEntry("prompt", "Log in with password=****").containsEntry("completion", "Done.");
		assertThat(output.getOut()).doesNotContain("hunter2");
	}

	@Test
	void failedCallIsAWarningWithItsErrorType(CapturedOutput output) {
		ConfigurableApplicationContext app = start();
		assertThatIllegalStateException()
			.isThrownBy(() -> chat(app, "Hello", null, new IllegalStateException("Connection refused")));
		Map<String, Object> line = JsonLogLines.await(output::getOut, (l) -> "phoenix.llm".equals(l.get("logger")));
		assertThat(line).containsEntry("level", "WARN")
			.containsEntry("status", "error")
			.containsEntry("error_type", IllegalStateException.class.getName())
			.doesNotContainKeys("input_tokens", "output_tokens");
	}

	@Test
	void callWithoutSpringAiThroughLlmCallsWritesTheSameLine(CapturedOutput output) {
		ConfigurableApplicationContext app = start();
		app.getBean(LlmCalls.class).call("vllm", "qwen2.5", (call) -> {
			call.responseModel("qwen2.5-7b-instruct").usage(12, 5).finishReason("stop");
			return "A summary.";
		});
		Map<String, Object> line = JsonLogLines.await(output::getOut, (l) -> "phoenix.llm".equals(l.get("logger")));
		assertThat(line).containsEntry("level", "INFO")
			.containsEntry("provider", "vllm")
			.containsEntry("operation", "chat")
			.containsEntry("model", "qwen2.5")
			.containsEntry("response_model", "qwen2.5-7b-instruct")
			.containsEntry("input_tokens", 12)
			.containsEntry("output_tokens", 5)
			.containsEntry("finish_reason", "stop")
			.containsEntry("status", "success")
			.containsKey("duration_ms");
	}

	private static void chat(ConfigurableApplicationContext app, String prompt, String answer, RuntimeException error) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt(new UserMessage(prompt), ChatOptions.builder().model("qwen2.5").build()))
			.provider("openai")
			.build();
		// As Spring AI's chat models observe their calls
		Observation.createNotStarted("gen_ai.client.operation", () -> context, app.getBean(ObservationRegistry.class))
			.observe(() -> {
				if (error != null) {
					throw error;
				}
				context.setResponse(new ChatResponse(
						List.of(new Generation(new AssistantMessage(answer),
								ChatGenerationMetadata.builder().finishReason("STOP").build())),
						ChatResponseMetadata.builder()
							.model("qwen2.5-7b-instruct")
							.usage(new DefaultUsage(12, 5))
							.build()));
			});
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LlmApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=llm-calls")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LlmApplication {

	}

}
