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

package io.phoenix.observability.autoconfigure.tracing;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.phoenix.observability.autoconfigure.tracing.FailureReportingSpanExporterTests.TestExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixTracingAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixTracingAutoConfigurationTests {

	private final TestExporter failing = new TestExporter(CompletableResultCode::ofFailure);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixTracingAutoConfiguration.class))
		.withBean(SpanExporter.class, () -> this.failing);

	@Test
	void wrapsEveryExporter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SpanExporters.class);
			assertThat(context.getBean(SpanExporters.class).list()).singleElement()
				.isInstanceOfSatisfying(FailureReportingSpanExporter.class,
						(exporter) -> assertThat(exporter.getDelegate()).isSameAs(this.failing));
		});
	}

	@Test
	void failedExportsOfSpringBootsTracerAreCountedAsMetrics() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("management.tracing.sampling.probability=1.0")
			.run((context) -> {
				SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
				provider.get("test").spanBuilder("checkout").startSpan().end();
				provider.get("test").spanBuilder("payment").startSpan().end();
				provider.forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(this.failing.exported).hasSize(2);
				FailureReportingSpanExporter reporting = (FailureReportingSpanExporter) context
					.getBean(SpanExporters.class)
					.list()
					.get(0);
				assertThat(reporting.getFailedSpans()).isEqualTo(2);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("phoenix.tracing.export.failures").functionCounter().count())
					.isEqualTo(reporting.getFailedExports())
					.isPositive();
				assertThat(registry.get("phoenix.tracing.export.failed.spans").functionCounter().count()).isEqualTo(2);
			});
	}

	@Test
	void failureLogIntervalIsBound() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.failure-log-interval=5m")
			.run((context) -> assertThat(context.getBean(TracingExportProperties.class).getFailureLogInterval())
				.hasMinutes(5));
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExporters.class));
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SpanExporters.class));
	}

	@Test
	void userSpanExportersWin() {
		SpanExporters user = SpanExporters.of(this.failing);
		this.contextRunner.withBean(SpanExporters.class, () -> user)
			.run((context) -> assertThat(context).getBean(SpanExporters.class).isSameAs(user));
	}

	@Test
	void backsOffWithoutSpringBootOpenTelemetryTracing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SpanExporters.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SpanExporters.class));
	}

	@Test
	void backsOffWithoutMicrometerTracingBridge() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing.otel"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SpanExporters.class));
	}

	@Test
	void backsOffWithoutOpenTelemetrySdk() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PhoenixTracingAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.opentelemetry.sdk.trace"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SpanExporters.class));
	}

	@Test
	void zeroFailureLogIntervalFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.failure-log-interval=0s")
			.run((context) -> assertFailedOn(context, "phoenix.observability.tracing.failure-log-interval",
					"must be a positive duration, such as 30s, but was PT0S"));
	}

}
