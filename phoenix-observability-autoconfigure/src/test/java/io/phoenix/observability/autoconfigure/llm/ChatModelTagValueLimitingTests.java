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

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.pipeline.TagValueLimiter;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the model names of Spring AI's chat observations, which the server chooses,
 * make a bounded number of series, in a real application with Spring AI's own convention,
 * with the pipelines feature on or off.
 *
 * @author Phoenix Observability
 */
class ChatModelTagValueLimitingTests {

	@Test
	void tenThousandResponseModelsMakeABoundedNumberOfSeries() {
		assertBoundedSeries(true, "phoenix.observability.pipelines.max-tag-values=20");
	}

	@Test
	void withoutPipelinesTheirLimitStillBoundsTheSeries() {
		// No pipelines' limiter to share: the filter's own, bound to their properties
		assertBoundedSeries(false, "phoenix.observability.pipelines.enabled=false",
				"phoenix.observability.pipelines.max-tag-values=20");
	}

	private void assertBoundedSeries(boolean pipelines, String... properties) {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LlmApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=llm-models")
			.properties(properties)
			.run()) {
			assertThat(app.getBeanNamesForType(TagValueLimiter.class)).hasSize(pipelines ? 1 : 0);
			ObservationRegistry observations = app.getBean(ObservationRegistry.class);
			for (int i = 0; i < 10_000; i++) {
				chat(observations, "qwen2.5", "qwen2.5-snapshot-" + i);
			}
			List<Timer> timers = app.getBean(MeterRegistry.class)
				.find("gen_ai.client.operation")
				.timers()
				.stream()
				.toList();
			Set<String> responseModels = timers.stream()
				.map((timer) -> timer.getId().getTag("gen_ai.response.model"))
				.collect(Collectors.toSet());
			assertThat(responseModels).hasSize(21).contains("qwen2.5-snapshot-0", "OTHER");
			assertThat(timers.stream().mapToLong(Timer::count).sum()).isEqualTo(10_000);
			assertThat(timers)
				.allSatisfy((timer) -> assertThat(timer.getId().getTag("gen_ai.request.model")).isEqualTo("qwen2.5"));
		}
	}

	private static void chat(ObservationRegistry registry, String requestModel, String responseModel) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(new Prompt(new UserMessage("Hello"), ChatOptions.builder().model(requestModel).build()))
			.provider("openai")
			.build();
		// As Spring AI's chat models observe their calls, with its own convention
		ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, registry)
			.observe(() -> context.setResponse(new ChatResponse(List.of(new Generation(new AssistantMessage("Hi."))),
					ChatResponseMetadata.builder().model(responseModel).usage(new DefaultUsage(3, 2)).build())));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class LlmApplication {

	}

}
