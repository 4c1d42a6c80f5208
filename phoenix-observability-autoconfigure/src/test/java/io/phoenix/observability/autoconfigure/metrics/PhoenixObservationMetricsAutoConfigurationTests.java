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

package io.phoenix.observability.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.phoenix.observability.autoconfigure.pipeline.PhoenixPipelineAutoConfiguration;
import io.phoenix.observability.autoconfigure.pipeline.PipelineMeterObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixObservationMetricsAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixObservationMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixObservationMetricsAutoConfiguration.class,
				ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void observationsAreRecordedOnceByPhoenixsHandler() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CachedMeterObservationHandler.class);
			observe(context, "work");
			observe(context, "work");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("work").tag("error", "none").timer().count()).isEqualTo(2);
			assertThat(registry.get("work.active").longTaskTimer().activeTasks()).isZero();
			assertThat(context.getBean(CachedMeterObservationHandler.class).size()).isEqualTo(2);
		});
	}

	@Test
	void ignoredMetersAreHonoured() {
		this.contextRunner.withPropertyValues("management.metrics.observations.ignored-meters=long-task-timer")
			.run((context) -> {
				observe(context, "work");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("work").timer().count()).isEqualTo(1);
				assertThat(registry.find("work.active").meters()).isEmpty();
			});
	}

	@Test
	void disabledByItsPropertySpringBootsHandlerRecords() {
		this.contextRunner.withPropertyValues("phoenix.observability.metrics.observation-meter-cache.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CachedMeterObservationHandler.class)
					.hasSingleBean(DefaultMeterObservationHandler.class);
				observe(context, "work");
				assertThat(context.getBean(MeterRegistry.class).get("work").timer().count()).isEqualTo(1);
			});
	}

	@Test
	void disabledWithPhoenixsMetrics() {
		this.contextRunner.withPropertyValues("phoenix.observability.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CachedMeterObservationHandler.class));
	}

	@Test
	void backsOffWhenTheUserDeclaresAMeterObservationHandler() {
		MeterObservationHandler<Observation.Context> user = new MeterObservationHandler<>() {
		};
		this.contextRunner.withBean("userMeterObservationHandler", MeterObservationHandler.class, () -> user)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CachedMeterObservationHandler.class));
	}

	@Test
	void comesAfterPhoenixsPipelineHandlerAndBeforeSpringBoots() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(PhoenixPipelineAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(CachedMeterObservationHandler.class)
					.hasSingleBean(PipelineMeterObservationHandler.class);
				assertThat(context.getBeanProvider(MeterObservationHandler.class).orderedStream().map(Object::getClass))
					.containsExactly(PipelineMeterObservationHandler.class, CachedMeterObservationHandler.class,
							DefaultMeterObservationHandler.class);
			});
	}

	@Test
	void backsOffWithoutSpringBootsMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixObservationMetricsAutoConfiguration.class,
					ObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CachedMeterObservationHandler.class));
	}

	@Test
	void exemplarsStillCarryTheTraceOfTheObservation() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixObservationMetricsAutoConfiguration.class,
					ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
					OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
					MicrometerTracingAutoConfiguration.class, PrometheusExemplarsAutoConfiguration.class))
			.withPropertyValues("management.tracing.sampling.probability=1.0",
					"management.metrics.distribution.percentiles-histogram.work=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(CachedMeterObservationHandler.class);
				ObservationRegistry observations = context.getBean(ObservationRegistry.class);
				String[] traceId = new String[1];
				Observation.createNotStarted("work", observations)
					.observe(() -> traceId[0] = context.getBean(Tracer.class).currentSpan().context().traceId());
				String scrape = context.getBean(PrometheusMeterRegistry.class)
					.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
				assertThat(scrape).containsPattern("work_seconds_bucket\\{.*\\} 1 # \\{.*trace_id=\"" + traceId[0]);
				assertThat(context.getBean(CachedMeterObservationHandler.class).size()).isPositive();
				assertThat(context.getBean(PrometheusMeterRegistry.class).get("work").timer().count()).isEqualTo(1);
			});
	}

	private static void observe(AssertableApplicationContext context, String name) {
		Observation.createNotStarted(name, context.getBean(ObservationRegistry.class)).observe(() -> {
		});
	}

}
