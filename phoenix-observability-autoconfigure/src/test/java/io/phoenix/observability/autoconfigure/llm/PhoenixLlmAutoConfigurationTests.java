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

import java.util.Map;

import io.phoenix.observability.autoconfigure.dependency.DependencyDeclarations;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixLlmAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixLlmAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ObservationAutoConfiguration.class, PhoenixLlmAutoConfiguration.class));

	@Test
	void defaultsCreateTheLogAndBothHandlers() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(LlmCallLog.class)
			.hasSingleBean(LlmDependencies.class)
			.hasSingleBean(LlmCallLogObservationHandler.class)
			.hasSingleBean(ChatModelCallLogObservationHandler.class));
	}

	@Test
	void disabledByItsProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.llm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmCallLog.class)
				.doesNotHaveBean(LlmCallLogObservationHandler.class)
				.doesNotHaveBean(ChatModelCallLogObservationHandler.class));
	}

	@Test
	void usersLogWins() {
		LlmCallLog log = new LlmCallLog(
				new LlmDependencies(new MockEnvironment(), new DependencyDeclarations(Map.of())));
		this.contextRunner.withBean(LlmCallLog.class, () -> log)
			.run((context) -> assertThat(context.getBean(LlmCallLog.class)).isSameAs(log));
	}

	@Test
	void withoutSpringAiOnlyTheLlmCallsHandlerIsThere() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModelObservationContext.class))
			.run((context) -> assertThat(context).hasSingleBean(LlmCallLogObservationHandler.class)
				.doesNotHaveBean(ChatModelCallLogObservationHandler.class));
	}

	@Test
	void badSwitchFailsWithItsName() {
		this.contextRunner.withPropertyValues("phoenix.observability.llm.enabled=maybe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("phoenix.observability.llm.enabled"));
	}

}
