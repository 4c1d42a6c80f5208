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

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.InvalidPropertyAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixPipelineAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixPipelineAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				AopAutoConfiguration.class, PhoenixPipelineAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void defaultsCreateTheApiTheHandlersAndTheAdvisor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Pipelines.class)
				.hasSingleBean(LlmCalls.class)
				.hasSingleBean(TagValueLimiter.class)
				.hasSingleBean(PipelineMeterObservationHandler.class)
				.hasSingleBean(LlmTokenUsageObservationHandler.class)
				.hasSingleBean(PipelineRunLogObservationHandler.class)
				.hasSingleBean(PipelineAnnotationsAdvisor.class);
		});
	}

	@Test
	void oneRunRecordsItsCounterThroughBootsObservationRegistry() {
		this.contextRunner.run((context) -> {
			context.getBean(Pipelines.class).run("summarize", "run-1", () -> {
			});
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("pipeline.executions").tag("pipeline", "summarize").counter().count()).isEqualTo(1);
			// Micrometer's default handler left it to ours
			assertThat(meters.find("pipeline.execute").meters()).isEmpty();
		});
	}

	@Test
	void annotatedBeanIsProxied() {
		this.contextRunner.withBean(Annotated.class).run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(Annotated.class))).isTrue();
			context.getBean(Annotated.class).run();
			assertThat(context.getBean(MeterRegistry.class)
				.get("pipeline.executions")
				.tag("pipeline", "annotated")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void annotationsCanBeSwitchedOff() {
		this.contextRunner.withBean(Annotated.class)
			.withPropertyValues("phoenix.observability.pipelines.annotations.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PipelineAnnotationsAdvisor.class);
				assertThat(AopUtils.isAopProxy(context.getBean(Annotated.class))).isFalse();
			});
	}

	@Test
	void runLogCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("phoenix.observability.pipelines.run-log.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PipelineRunLogObservationHandler.class)
				.hasSingleBean(Pipelines.class));
	}

	@Test
	void disabledByItsProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.pipelines.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Pipelines.class)
				.doesNotHaveBean(PipelineMeterObservationHandler.class)
				.doesNotHaveBean(PipelineAnnotationsAdvisor.class));
	}

	@Test
	void disabledWithPhoenix() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Pipelines.class));
	}

	@Test
	void usersBeansWin() {
		Pipelines pipelines = new Pipelines(ObservationRegistry.NOOP, new TagValueLimiter(1));
		LlmCalls llm = new LlmCalls(ObservationRegistry.NOOP, new TagValueLimiter(1));
		this.contextRunner.withBean(Pipelines.class, () -> pipelines)
			.withBean(LlmCalls.class, () -> llm)
			.run((context) -> {
				assertThat(context.getBean(Pipelines.class)).isSameAs(pipelines);
				assertThat(context.getBean(LlmCalls.class)).isSameAs(llm);
			});
	}

	@Test
	void metricsHandlersBackOffWithoutMicrometerMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ObservationAutoConfiguration.class, PhoenixPipelineAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(Pipelines.class)
				.doesNotHaveBean(PipelineMeterObservationHandler.class)
				.doesNotHaveBean(LlmTokenUsageObservationHandler.class));
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationRegistry.class, ObservationHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(Pipelines.class));
	}

	@Test
	void withoutAnObservationRegistryRunsStillWork() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PhoenixPipelineAutoConfiguration.class))
			.run((context) -> assertThat(
					context.getBean(Pipelines.class).run("summarize", "run-1", Pipelines::currentRunId))
				.isEqualTo("run-1"));
	}

	@Test
	void invalidMaxTagValuesFailsWithThePropertysName() {
		this.contextRunner.withPropertyValues("phoenix.observability.pipelines.max-tag-values=0")
			.run((context) -> InvalidPropertyAssertions.assertFailedOn(context,
					"phoenix.observability.pipelines.max-tag-values", "must be greater than 0"));
	}

	static class Annotated {

		@PipelineRun("annotated")
		void run() {
		}

	}

}
