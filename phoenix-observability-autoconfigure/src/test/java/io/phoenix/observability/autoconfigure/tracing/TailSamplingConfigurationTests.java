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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.phoenix.observability.autoconfigure.tracing.FailureReportingSpanExporterTests.TestExporter;
import io.phoenix.observability.autoconfigure.tracing.TailSamplingSpanProcessor.Limit;
import io.phoenix.observability.autoconfigure.tracing.TailSamplingSpanProcessor.Reason;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the tail sampling of {@link PhoenixTracingAutoConfiguration}: the beans, and
 * the bounds of what the processor holds with the collector down.
 *
 * @author Phoenix Observability
 */
class TailSamplingConfigurationTests {

	// The collector is down: every export fails
	private final TestExporter failing = new TestExporter(CompletableResultCode::ofFailure);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PhoenixTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
						OpenTelemetryTracingAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SpanExporter.class, () -> this.failing)
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("management.tracing.sampling.probability=0.1");

	@Test
	void tailSamplingByDefaultReplacesSpringBootsSamplerAndAddsTheProcessor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TailSamplingSpanProcessor.class).hasSingleBean(Sampler.class);
			assertThat(context.getBean(Sampler.class)).isInstanceOf(TailSampler.class);
			assertThat(context.getBean(Sampler.class).getDescription()).contains("TraceIdRatioBased{0.100000}");
			assertThat(context.getBean(SdkTracerProvider.class).toString()).contains("TailSamplingSpanProcessor{");
			assertThat(context.getBean(MeterRegistry.class)
				.get("phoenix.tracing.sampling.traces")
				.tags("decision", "kept", "reason", "error")
				.functionCounter()
				.count()).isZero();
		});
	}

	@Test
	void tailModeSetExplicitlyAddsTheProcessor() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=TAIL")
			.run((context) -> assertThat(context).hasSingleBean(TailSamplingSpanProcessor.class)
				.getBean(Sampler.class)
				.isInstanceOf(TailSampler.class));
	}

	@Test
	void headModeKeepsSpringBootsSampler() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=head").run((context) -> {
			assertThat(context).doesNotHaveBean(TailSamplingSpanProcessor.class).doesNotHaveBean(TailSampler.class);
			assertThat(context.getBean(Sampler.class).getDescription())
				.startsWith("ParentBased{root:TraceIdRatioBased");
		});
	}

	@Test
	void exportingUnsampledSpansWithoutAModeKeepsSpringBootsSampler() {
		this.contextRunner.withPropertyValues("management.opentelemetry.tracing.export.include-unsampled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(TailSamplingSpanProcessor.class);
				assertThat(context.getBean(Sampler.class).getDescription())
					.startsWith("ParentBased{root:TraceIdRatioBased");
			});
	}

	@Test
	void aBlankModeIsTheDefault() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode= ")
			.run((context) -> assertThat(context).hasSingleBean(TailSamplingSpanProcessor.class));
		// Unset, not tail: with unsampled spans exported, the default is head
		this.contextRunner
			.withPropertyValues("phoenix.observability.tracing.sampling.mode= ",
					"management.opentelemetry.tracing.export.include-unsampled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TailSamplingSpanProcessor.class));
	}

	@Test
	void headModeWithUnsampledSpansExportedStartsWithSpringBootsSampler() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.tracing.sampling.mode=Head",
					"management.opentelemetry.tracing.export.include-unsampled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TailSamplingSpanProcessor.class));
	}

	@Test
	void usersSamplerWins() {
		Sampler sampler = Sampler.alwaysOff();
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=tail")
			.withBean(Sampler.class, () -> sampler)
			.run((context) -> {
				assertThat(context.getBean(Sampler.class)).isSameAs(sampler);
				assertThat(context).hasSingleBean(TailSamplingSpanProcessor.class);
			});
	}

	@Test
	void usersProcessorWins() {
		TailSamplingSpanProcessor processor = new TailSamplingSpanProcessor(SpanProcessor.composite(),
				java.time.Duration.ofSeconds(1), 1, 1, java.time.Duration.ofSeconds(1),
				java.time.Duration.ofSeconds(1));
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=tail")
			.withBean(TailSamplingSpanProcessor.class, () -> processor)
			.run((context) -> assertThat(context.getBean(TailSamplingSpanProcessor.class)).isSameAs(processor));
	}

	@Test
	void backsOffWithoutTheOpenTelemetrySdk() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=tail")
			.withClassLoader(new FilteredClassLoader(SpanExporter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TailSamplingSpanProcessor.class)
				.doesNotHaveBean(TailSampler.class));
	}

	@Test
	void backsOffWhenTracingIsDisabled() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.tracing.sampling.mode=tail",
					"phoenix.observability.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TailSamplingSpanProcessor.class));
	}

	@Test
	void badModeFailsWithItsName() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=later")
			.run((context) -> assertFailedOn(context, "phoenix.observability.tracing.sampling.mode", "later"));
	}

	@Test
	void badLimitFailsWithItsName() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.max-spans=0")
			.run((context) -> assertFailedOn(context, "phoenix.observability.tracing.sampling.max-spans",
					"must be positive"));
	}

	@Test
	void exportingUnsampledSpansTooFailsWithBothNames() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.tracing.sampling.mode=tail",
					"management.opentelemetry.tracing.export.include-unsampled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("management.opentelemetry.tracing.export.include-unsampled")
				.hasMessageContaining("phoenix.observability.tracing.sampling.mode=tail"));
	}

	@Test
	void underLoadWithTheCollectorDownHeldTracesAndSpansNeverExceedTheirLimits() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=tail",
				"management.tracing.sampling.probability=0.0", "phoenix.observability.tracing.sampling.max-traces=20",
				"phoenix.observability.tracing.sampling.max-spans=100",
				// Traces with an open child wait until a limit decides them
				"phoenix.observability.tracing.sampling.max-wait=1h",
				"phoenix.observability.tracing.sampling.latency-threshold=1h")
			.run((context) -> {
				TailSamplingSpanProcessor processor = context.getBean(TailSamplingSpanProcessor.class);
				Tracer tracer = context.getBean(SdkTracerProvider.class).get("test");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				int threads = 4;
				int tracesPerThread = 500;
				AtomicBoolean running = new AtomicBoolean(true);
				AtomicInteger mostTraces = new AtomicInteger();
				AtomicInteger mostSpans = new AtomicInteger();
				Thread watcher = new Thread(() -> {
					while (running.get()) {
						mostTraces.accumulateAndGet(processor.getHeldTraces(), Math::max);
						mostSpans.accumulateAndGet(processor.getHeldSpans(), Math::max);
					}
				});
				watcher.start();
				ExecutorService load = Executors.newFixedThreadPool(threads);
				try {
					List<Future<?>> work = new ArrayList<>();
					for (int t = 0; t < threads; t++) {
						work.add(load.submit(() -> {
							for (int i = 0; i < tracesPerThread; i++) {
								request(tracer, i);
							}
						}));
					}
					for (Future<?> future : work) {
						future.get(2, TimeUnit.MINUTES);
					}
				}
				finally {
					running.set(false);
					load.shutdownNow();
					watcher.join();
				}
				assertThat(mostTraces.get()).isLessThanOrEqualTo(20);
				assertThat(mostSpans.get()).isLessThanOrEqualTo(100);
				assertThat(processor.getEvictedTraces(Limit.MAX_TRACES)).isPositive();
				assertThat(processor.getEvictedTraces(Limit.MAX_SPANS)).isPositive();
				// Every trace is decided once and counted, or still held; a decided
				// trace stays held while it waits for its open spans
				long kept = 0;
				for (Reason reason : Reason.values()) {
					kept += processor.getKeptTraces(reason);
				}
				long decided = kept + processor.getDroppedTraces();
				assertThat(decided).isLessThanOrEqualTo(threads * tracesPerThread);
				assertThat(decided + processor.getHeldTraces()).isGreaterThanOrEqualTo(threads * tracesPerThread);
				assertThat(registry.get("phoenix.tracing.sampling.evictions").functionCounters())
					.extracting((counter) -> (long) counter.count())
					.containsExactlyInAnyOrder(processor.getEvictedTraces(Limit.MAX_TRACES),
							processor.getEvictedTraces(Limit.MAX_SPANS));
				// What is kept waits in the export queue, which stays within its capacity
				assertThat(registry.get("phoenix.tracing.export.queue.size").gauge().value())
					.isLessThanOrEqualTo(registry.get("phoenix.tracing.export.queue.capacity").gauge().value());
			});
	}

	// A request: a few children, some failed, some left open after the response as
	// asynchronous work that never ends, and now and then one with many children
	private static void request(Tracer tracer, int i) {
		io.opentelemetry.api.trace.Span root = tracer.spanBuilder("request-" + i).startSpan();
		Context parent = Context.root().with(root);
		int children = (i % 50 == 0) ? 150 : i % 7;
		for (int c = 0; c < children; c++) {
			io.opentelemetry.api.trace.Span child = tracer.spanBuilder("child").setParent(parent).startSpan();
			if (i % 5 == 0 && c == 0) {
				child.setStatus(StatusCode.ERROR);
			}
			child.end();
		}
		if (i % 3 == 0) {
			tracer.spanBuilder("async").setParent(parent).startSpan();
		}
		root.end();
	}

	@Test
	void heldTracesAndSpansStayWithinTheirLimitsWithTheCollectorDown() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.sampling.mode=tail",
				"management.tracing.sampling.probability=0.0", "phoenix.observability.tracing.sampling.max-traces=10",
				"phoenix.observability.tracing.sampling.max-spans=50",
				// Nothing is decided by waiting in this test
				"phoenix.observability.tracing.sampling.max-wait=1h",
				"phoenix.observability.tracing.sampling.latency-threshold=1h")
			.run((context) -> {
				TailSamplingSpanProcessor processor = context.getBean(TailSamplingSpanProcessor.class);
				Tracer tracer = context.getBean(SdkTracerProvider.class).get("test");
				// 40 requests that have not finished, each with a failed child span
				for (int i = 0; i < 40; i++) {
					io.opentelemetry.api.trace.Span root = tracer.spanBuilder("request-" + i).startSpan();
					tracer.spanBuilder("child")
						.setParent(Context.root().with(root))
						.startSpan()
						.setStatus(StatusCode.ERROR)
						.end();
					assertThat(processor.getHeldTraces()).isLessThanOrEqualTo(10);
				}
				assertThat(processor.getHeldTraces()).isEqualTo(10);
				assertThat(processor.getHeldSpans()).isEqualTo(10);
				// Decided early on what they held: a failed child, so kept
				assertThat(processor.getEvictedTraces(Limit.MAX_TRACES)).isEqualTo(30);
				assertThat(processor.getKeptTraces(Reason.ERROR)).isEqualTo(30);
				// One request with many children that ended
				io.opentelemetry.api.trace.Span big = tracer.spanBuilder("big").startSpan();
				for (int i = 0; i < 100; i++) {
					tracer.spanBuilder("child-" + i).setParent(Context.root().with(big)).startSpan().end();
					assertThat(processor.getHeldSpans()).isLessThanOrEqualTo(50);
				}
				big.end();
				assertThat(processor.getHeldTraces()).isLessThanOrEqualTo(10);
				// Decided once, on what it held, and its later spans followed the
				// decision
				assertThat(processor.getEvictedTraces(Limit.MAX_SPANS)).isEqualTo(1);
				assertThat(processor.getDroppedTraces()).isEqualTo(1);
				// It took the place of one of the ten unfinished requests
				assertThat(processor.getHeldSpans()).isEqualTo(9);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("phoenix.tracing.sampling.evictions")
					.tag("limit", "max-traces")
					.functionCounter()
					.count()).isEqualTo(31);
				assertThat(registry.get("phoenix.tracing.sampling.held.spans").gauge().value()).isLessThanOrEqualTo(50);
			});
	}

}
