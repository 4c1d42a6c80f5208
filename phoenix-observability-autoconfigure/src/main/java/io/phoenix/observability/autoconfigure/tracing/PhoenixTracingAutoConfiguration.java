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
import java.util.Locale;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.tracing.TailSamplingSpanProcessor.Limit;
import io.phoenix.observability.autoconfigure.tracing.TailSamplingSpanProcessor.Reason;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.boot.opentelemetry.autoconfigure.ConditionalOnEnabledOpenTelemetry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that reports failed span exports, and spans dropped because the
 * export queue was full, as metrics and as one log line per interval, whatever exporters
 * Spring Boot configured, and tail sampling (the default; see
 * {@link TraceSamplingProperties}).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
// Spring Boot's OpenTelemetry tracing, which uses the SpanExporters, needs the bridge too
@ConditionalOnClass(value = { SpanExporter.class, SpanExporters.class },
		name = "io.micrometer.tracing.otel.bridge.OtelTracer")
@ConditionalOnPhoenixFeature("tracing")
@EnableConfigurationProperties({ TracingExportProperties.class, TraceSamplingProperties.class })
public final class PhoenixTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpanExporters spanExporters(ObjectProvider<SpanExporter> exporters, TracingExportProperties properties) {
		List<FailureReportingSpanExporter> reporting = exporters.orderedStream()
			.map((exporter) -> new FailureReportingSpanExporter(exporter, properties.getFailureLogInterval()))
			.toList();
		return SpanExporters.of(reporting);
	}

	/**
	 * Spring Boot's span processor, built as Spring Boot builds it, with a meter provider
	 * that reads the processor's own count of dropped spans and its queue.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledOpenTelemetry
	@ConditionalOnMissingBean(BatchSpanProcessor.class)
	@EnableConfigurationProperties(OpenTelemetryTracingProperties.class)
	static class SpanProcessorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpanQueueMonitor spanQueueMonitor(OpenTelemetryTracingProperties openTelemetry,
				TracingExportProperties properties, ObjectProvider<MeterProvider> meterProvider) {
			return new SpanQueueMonitor(openTelemetry.getExport().getMaxQueueSize(), properties.getFailureLogInterval(),
					meterProvider.getIfAvailable());
		}

		// Same inputs as OpenTelemetryTracingAutoConfiguration#otelSpanProcessor, which
		// backs off for this bean
		@Bean
		BatchSpanProcessor otelSpanProcessor(SpanExporters spanExporters,
				ObjectProvider<SpanExportingPredicate> spanExportingPredicates,
				ObjectProvider<SpanReporter> spanReporters, ObjectProvider<SpanFilter> spanFilters,
				OpenTelemetryTracingProperties openTelemetry, SpanQueueMonitor monitor) {
			OpenTelemetryTracingProperties.Export export = openTelemetry.getExport();
			SpanExporter exporter = exporter(spanExporters.list(), spanExportingPredicates.orderedStream().toList(),
					spanReporters.orderedStream().toList(), spanFilters.orderedStream().toList());
			return BatchSpanProcessor.builder(monitor.reportingDrops(exporter))
				.setExportUnsampledSpans(export.isIncludeUnsampled())
				.setExporterTimeout(export.getTimeout())
				// A batch never larger than the queue: the SDK warns and shrinks it
				// otherwise
				.setMaxExportBatchSize(Math.min(export.getMaxBatchSize(), export.getMaxQueueSize()))
				.setMaxQueueSize(export.getMaxQueueSize())
				.setScheduleDelay(export.getScheduleDelay())
				.setMeterProvider(monitor.getMeterProvider())
				.build();
		}

		/**
		 * Micrometer's composite copies every span into a {@code FinishedSpan} and back
		 * (about 2 KB a span, its attributes rebuilt on every read by the marshaller)
		 * even when there is nothing to filter, map or report: without predicates,
		 * reporters and filters the spans go to the exporters as the SDK made them.
		 */
		static SpanExporter exporter(List<SpanExporter> exporters, List<SpanExportingPredicate> predicates,
				List<SpanReporter> reporters, List<SpanFilter> filters) {
			if (predicates.isEmpty() && reporters.isEmpty() && filters.isEmpty()) {
				return SpanExporter.composite(exporters);
			}
			return new CompositeSpanExporter(exporters, predicates, reporters, filters);
		}

	}

	/**
	 * Tail sampling: a sampler that records what it does not sample, and a processor that
	 * keeps the error and slow traces among those and hands them to Spring Boot's
	 * exporting processor.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledOpenTelemetry
	@Conditional(OnTailSamplingCondition.class)
	@EnableConfigurationProperties({ TracingProperties.class, OpenTelemetryTracingProperties.class })
	static class TailSamplingConfiguration {

		// Replaces OpenTelemetryTracingAutoConfiguration#otelSampler, with the same ratio
		@Bean
		@ConditionalOnMissingBean
		Sampler tailSampler(TracingProperties tracing) {
			return new TailSampler(tracing.getSampling().getProbability());
		}

		@Bean
		@ConditionalOnMissingBean
		TailSamplingSpanProcessor tailSamplingSpanProcessor(ObjectProvider<BatchSpanProcessor> exporting,
				TraceSamplingProperties sampling, TracingExportProperties export,
				OpenTelemetryTracingProperties openTelemetry, ObjectProvider<LatencyThresholds> latencyThresholds) {
			if (openTelemetry.getExport().isIncludeUnsampled()) {
				// Every recorded span would be exported twice, and the decisions not
				// apply; reached only when the mode was set to tail (unset, it is head
				// then)
				throw new InvalidConfigurationPropertyValueException(OnTailSamplingCondition.INCLUDE_UNSAMPLED, true,
						"phoenix.observability.tracing.sampling.mode=tail exports the unsampled traces it keeps, "
								+ "and only those: set include-unsampled to false, or the mode to head");
			}
			// The property set explicitly wins over the SLOs' thresholds
			Duration threshold = sampling.getLatencyThreshold();
			LatencyThresholds thresholds = (threshold != null) ? LatencyThresholds.everywhere(threshold)
					: latencyThresholds
						.getIfAvailable(
								() -> LatencyThresholds.everywhere(TraceSamplingProperties.DEFAULT_LATENCY_THRESHOLD))
						.orElse(TraceSamplingProperties.DEFAULT_LATENCY_THRESHOLD);
			return new TailSamplingSpanProcessor(
					SpanProcessor
						.composite(exporting.orderedStream().<SpanProcessor>map((processor) -> processor).toList()),
					thresholds, sampling.getMaxTraces(), sampling.getMaxSpans(), sampling.getMaxWait(),
					export.getFailureLogInterval());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		MeterBinder spanExportFailureMetrics(SpanExporters exporters) {
			return (registry) -> bind(exporters, registry);
		}

		@Bean
		MeterBinder spanQueueMetrics(ObjectProvider<SpanQueueMonitor> monitor) {
			return (registry) -> monitor.ifAvailable((state) -> bind(state, registry));
		}

		@Bean
		MeterBinder traceSamplingMetrics(ObjectProvider<TailSamplingSpanProcessor> processor) {
			return (registry) -> processor.ifAvailable((state) -> bind(state, registry));
		}

		private static void bind(TailSamplingSpanProcessor processor, MeterRegistry registry) {
			for (Reason reason : Reason.values()) {
				FunctionCounter
					.builder("phoenix.tracing.sampling.traces", processor, (state) -> state.getKeptTraces(reason))
					.description("Local traces decided: kept, and why, or dropped")
					.tags("decision", "kept", "reason", reason.name().toLowerCase(Locale.ROOT))
					.register(registry);
			}
			FunctionCounter
				.builder("phoenix.tracing.sampling.traces", processor, TailSamplingSpanProcessor::getDroppedTraces)
				.description("Local traces decided: kept, and why, or dropped")
				.tags("decision", "dropped", "reason", "none")
				.register(registry);
			for (Limit limit : Limit.values()) {
				FunctionCounter
					.builder("phoenix.tracing.sampling.evictions", processor, (state) -> state.getEvictedTraces(limit))
					.description("Local traces decided before their spans ended because a limit was reached")
					.tag("limit", limit.property())
					.register(registry);
			}
			FunctionCounter
				.builder("phoenix.tracing.sampling.late.spans", processor, TailSamplingSpanProcessor::getLateSpans)
				.description("Spans dropped because they ended after their trace was decided and forgotten")
				.register(registry);
			Gauge.builder("phoenix.tracing.sampling.held.traces", processor, TailSamplingSpanProcessor::getHeldTraces)
				.description("Local traces held until they are decided")
				.register(registry);
			Gauge.builder("phoenix.tracing.sampling.held.spans", processor, TailSamplingSpanProcessor::getHeldSpans)
				.description("Ended spans held until their trace is decided")
				.register(registry);
		}

		private static void bind(SpanQueueMonitor monitor, MeterRegistry registry) {
			FunctionCounter.builder("phoenix.tracing.export.dropped.spans", monitor, SpanQueueMonitor::getDroppedSpans)
				.description("Spans dropped before export because the export queue was full")
				.register(registry);
			Gauge.builder("phoenix.tracing.export.queue.size", monitor, SpanQueueMonitor::getQueueSize)
				.description("Spans waiting in the export queue")
				.register(registry);
			Gauge.builder("phoenix.tracing.export.queue.capacity", monitor, SpanQueueMonitor::getQueueCapacity)
				.description("Spans the export queue holds at most; spans that end when it is full are dropped")
				.register(registry);
		}

		private static void bind(SpanExporters exporters, MeterRegistry registry) {
			// The state object is the context's bean: Micrometer holds it weakly
			FunctionCounter
				.builder("phoenix.tracing.export.failures", exporters,
						(state) -> sum(state, FailureReportingSpanExporter::getFailedExports))
				.description("Span exports that failed, for example because the collector is down")
				.register(registry);
			FunctionCounter
				.builder("phoenix.tracing.export.failed.spans", exporters,
						(state) -> sum(state, FailureReportingSpanExporter::getFailedSpans))
				.description("Spans whose export failed")
				.register(registry);
		}

		private static double sum(SpanExporters exporters, ToLongFunction<FailureReportingSpanExporter> count) {
			return exporters.list()
				.stream()
				.filter(FailureReportingSpanExporter.class::isInstance)
				.map(FailureReportingSpanExporter.class::cast)
				.mapToLong(count)
				.sum();
		}

	}

}
