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

package io.phoenix.observability.autoconfigure.pipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for observing the application's pipelines, agents, interrupts and
 * LLM calls: the {@link Pipelines} and {@link LlmCalls} API, the
 * {@link PipelineRun @PipelineRun} and {@link AgentStep @AgentStep} annotations, and the
 * observation handlers that give their metrics and log lines. Nothing is recorded until
 * the application calls them.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnPhoenixFeature("pipelines")
@EnableConfigurationProperties(PipelineProperties.class)
public final class PhoenixPipelineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TagValueLimiter pipelineTagValueLimiter(PipelineProperties properties) {
		return new TagValueLimiter(properties.getMaxTagValues());
	}

	@Bean
	@ConditionalOnMissingBean
	Pipelines pipelines(ObjectProvider<ObservationRegistry> registry, TagValueLimiter limiter) {
		// Without an observation registry the runs still put their fields in the MDC
		return new Pipelines(registry.getIfAvailable(() -> ObservationRegistry.NOOP), limiter);
	}

	@Bean
	@ConditionalOnMissingBean
	LlmCalls llmCalls(ObjectProvider<ObservationRegistry> registry, TagValueLimiter limiter) {
		return new LlmCalls(registry.getIfAvailable(() -> ObservationRegistry.NOOP), limiter);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "phoenix.observability.pipelines.run-log.enabled", matchIfMissing = true)
	PipelineRunLogObservationHandler pipelineRunLogObservationHandler() {
		return new PipelineRunLogObservationHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "phoenix.observability.pipelines.annotations.enabled", matchIfMissing = true)
	// Infrastructure: Boot's proxy creator without AspectJ applies infrastructure
	// advisors
	// only
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static PipelineAnnotationsAdvisor pipelineAnnotationsAdvisor(ObjectProvider<Pipelines> pipelines) {
		return new PipelineAnnotationsAdvisor(pipelines);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		// First among the meter handlers, which take an observation each: before
		// Micrometer's default one
		@Order(Ordered.HIGHEST_PRECEDENCE + 100)
		PipelineMeterObservationHandler pipelineMeterObservationHandler(MeterRegistry registry) {
			return new PipelineMeterObservationHandler(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		LlmTokenUsageObservationHandler llmTokenUsageObservationHandler(MeterRegistry registry) {
			return new LlmTokenUsageObservationHandler(registry);
		}

		@Bean
		MeterBinder pipelineTagValueMetrics(TagValueLimiter limiter) {
			return (registry) -> FunctionCounter
				.builder("phoenix.pipelines.tag.values.folded", limiter, TagValueLimiter::getFoldedValues)
				.description("Pipeline, agent, interrupt and model names folded into 'OTHER' because a tag "
						+ "reached its limit of distinct values")
				.register(registry);
		}

	}

}
