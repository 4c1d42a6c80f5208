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

import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.dependency.DependencyDeclarations;
import io.phoenix.observability.autoconfigure.pipeline.PipelineProperties;
import io.phoenix.observability.autoconfigure.pipeline.TagValueLimiter;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the {@code phoenix.llm} line of each LLM call: calls made
 * through Spring AI, read from its {@link ChatModelObservationContext}, and calls
 * recorded through Phoenix's {@code LlmCalls}. Spring AI's own metrics and spans are left
 * as they are.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"io.phoenix.observability.autoconfigure.dependency.PhoenixDependencyAutoConfiguration",
				"io.phoenix.observability.autoconfigure.pipeline.PhoenixPipelineAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnPhoenixFeature("llm")
public final class PhoenixLlmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LlmDependencies llmDependencies(Environment environment, ObjectProvider<DependencyDeclarations> declarations) {
		return new LlmDependencies(environment,
				declarations.getIfAvailable(() -> DependencyDeclarations.bind(environment)));
	}

	@Bean
	@ConditionalOnMissingBean
	LlmCallLog llmCallLog(LlmDependencies dependencies) {
		return new LlmCallLog(dependencies);
	}

	@Bean
	@ConditionalOnMissingBean
	LlmCallLogObservationHandler llmCallLogObservationHandler(LlmCallLog log) {
		return new LlmCallLogObservationHandler(log);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatModelObservationContext.class)
	static class SpringAiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatModelCallLogObservationHandler chatModelCallLogObservationHandler(LlmCallLog log, Environment environment) {
			// Spring AI's own switches decide whether the text may be written at all
			return new ChatModelCallLogObservationHandler(log,
					environment.getProperty("spring.ai.chat.observations.log-prompt", Boolean.class, false),
					environment.getProperty("spring.ai.chat.observations.log-completion", Boolean.class, false));
		}

		@Bean
		@ConditionalOnMissingBean
		ChatModelTagValueLimitingFilter chatModelTagValueLimitingFilter(ObjectProvider<TagValueLimiter> limiter,
				Environment environment) {
			// The pipelines' limiter when they are on, so that a model counts once for
			// both
			return new ChatModelTagValueLimitingFilter(
					limiter.getIfAvailable(() -> new TagValueLimiter(Binder.get(environment)
						.bindOrCreate("phoenix.observability.pipelines", PipelineProperties.class)
						.getMaxTagValues())));
		}

	}

}
