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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
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

	private final ApplicationContextRunner withSpringBootTracing = this.contextRunner
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	@Test
	void spanProcessorOfSpringBootIsMonitored() {
		// Head sampling: the tracer provider's only processor is Spring Boot's
		this.withSpringBootTracing
			.withPropertyValues("management.opentelemetry.tracing.export.max-queue-size=64",
					"phoenix.observability.tracing.sampling.mode=head")
			.run((context) -> {
				assertThat(context).hasSingleBean(BatchSpanProcessor.class).hasSingleBean(SpanQueueMonitor.class);
				assertThat(context.getBean("otelSpanProcessor")).isInstanceOf(BatchSpanProcessor.class);
				// The tracer provider uses this processor, not one of its own
				assertThat(context.getBean(SdkTracerProvider.class).toString())
					.contains("spanProcessor=BatchSpanProcessor{spanExporter=DropReporting{");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("phoenix.tracing.export.queue.capacity").gauge().value()).isEqualTo(64);
				assertThat(registry.get("phoenix.tracing.export.queue.size").gauge().value()).isZero();
				assertThat(registry.get("phoenix.tracing.export.dropped.spans").functionCounter().count()).isZero();
			});
	}

	@Test
	void aQueueSmallerThanTheBatchSizeMakesTheBatchesSmallerWithoutAWarning() {
		// The SDK logs through java.util.logging, whatever bridge a test run installed
		Logger builderLogger = Logger.getLogger(BatchSpanProcessorBuilder.class.getName());
		List<LogRecord> records = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		Level level = builderLogger.getLevel();
		builderLogger.setLevel(Level.ALL);
		builderLogger.addHandler(handler);
		try {
			this.withSpringBootTracing
				.withPropertyValues("management.opentelemetry.tracing.export.max-queue-size=100",
						"management.opentelemetry.tracing.export.max-batch-size=512")
				.run((context) -> assertThat(context.getBean(SdkTracerProvider.class).toString())
					.contains("maxExportBatchSize=100,"));
		}
		finally {
			builderLogger.removeHandler(handler);
			builderLogger.setLevel(level);
		}
		assertThat(records).extracting(LogRecord::getMessage).noneMatch((message) -> message.contains("exceed"));
	}

	@Test
	void spanProcessorKeepsSpringBootsExportingPredicates() {
		SpanExportingPredicate noHealth = (span) -> !span.getName().equals("health");
		this.withSpringBootTracing.withBean(SpanExportingPredicate.class, () -> noHealth).run((context) -> {
			SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
			provider.get("test").spanBuilder("health").startSpan().end();
			provider.get("test").spanBuilder("checkout").startSpan().end();
			provider.forceFlush().join(10, TimeUnit.SECONDS);
			assertThat(this.failing.exported).extracting("name").containsExactly("checkout");
		});
	}

	@Test
	void spansReachTheExportersAsTheSdkRecordedThem() {
		this.withSpringBootTracing.run((context) -> {
			SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
			provider.get("test").spanBuilder("checkout").setAttribute("order", "42").startSpan().end();
			provider.forceFlush().join(10, TimeUnit.SECONDS);
			// Not copied through Micrometer's FinishedSpan when nothing filters or maps
			assertThat(this.failing.exported).singleElement().satisfies((span) -> {
				assertThat(span.getClass().getName()).doesNotStartWith("io.micrometer");
				assertThat(span.getAttributes().get(AttributeKey.stringKey("order"))).isEqualTo("42");
			});
		});
	}

	@Test
	void spanProcessorKeepsSpringBootsSpanFilters() {
		SpanFilter renaming = (span) -> span.setName(span.getName() + "-filtered");
		this.withSpringBootTracing.withBean(SpanFilter.class, () -> renaming).run((context) -> {
			SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
			provider.get("test").spanBuilder("checkout").startSpan().end();
			provider.forceFlush().join(10, TimeUnit.SECONDS);
			assertThat(this.failing.exported).extracting("name").containsExactly("checkout-filtered");
		});
	}

	@Test
	void userSpanProcessorWins() {
		BatchSpanProcessor user = BatchSpanProcessor.builder(this.failing).build();
		this.withSpringBootTracing.withBean(BatchSpanProcessor.class, () -> user).run((context) -> {
			assertThat(context).getBean(BatchSpanProcessor.class).isSameAs(user);
			assertThat(context).doesNotHaveBean(SpanQueueMonitor.class);
			assertThat(context.getBean(MeterRegistry.class).find("phoenix.tracing.export.queue.size").gauge()).isNull();
		});
	}

	@Test
	void userSpanQueueMonitorWins() {
		SpanQueueMonitor user = new SpanQueueMonitor(8, Duration.ofMinutes(1), null);
		this.withSpringBootTracing.withBean(SpanQueueMonitor.class, () -> user)
			.run((context) -> assertThat(context).getBean(SpanQueueMonitor.class).isSameAs(user));
	}

	@Test
	void springBootsOwnSpanProcessorWhenDisabled() {
		this.withSpringBootTracing.withPropertyValues("phoenix.observability.tracing.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(BatchSpanProcessor.class)
				.doesNotHaveBean(SpanQueueMonitor.class));
	}

	@Test
	void noSpanProcessorWhenOpenTelemetryIsDisabled() {
		this.withSpringBootTracing.withPropertyValues("management.opentelemetry.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BatchSpanProcessor.class)
				.doesNotHaveBean(SpanQueueMonitor.class));
	}

	@Test
	void applicationsMeterProviderStillReceivesTheProcessorsInstruments() {
		TestMetricReader reader = new TestMetricReader();
		SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(reader).build();
		TestExporter succeeding = new TestExporter(CompletableResultCode::ofSuccess);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixTracingAutoConfiguration.class,
					OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class))
			.withPropertyValues("management.tracing.sampling.probability=1.0")
			.withBean(SpanExporter.class, () -> succeeding)
			.withBean(MeterProvider.class, () -> meterProvider)
			.run((context) -> {
				SdkTracerProvider provider = context.getBean(SdkTracerProvider.class);
				provider.get("test").spanBuilder("checkout").startSpan().end();
				provider.forceFlush().join(10, TimeUnit.SECONDS);
				assertThat(reader.registration.collectAllMetrics()).extracting(MetricData::getName)
					.contains("processedSpans", "queueSize");
			});
		meterProvider.close();
	}

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

	static class TestMetricReader implements MetricReader {

		private CollectionRegistration registration = CollectionRegistration.noop();

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = registration;
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

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
