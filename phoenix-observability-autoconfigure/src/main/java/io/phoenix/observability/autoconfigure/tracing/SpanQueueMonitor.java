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
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.phoenix.observability.autoconfigure.throttle.ThrottledLog;
import org.apache.commons.logging.LogFactory;

/**
 * Reads what OpenTelemetry's {@code BatchSpanProcessor} records about its own queue: the
 * spans it dropped because the queue was full, and how many spans are queued. The
 * processor reports both through the {@link MeterProvider} given to
 * {@link BatchSpanProcessorBuilder#setMeterProvider(MeterProvider)}; this monitor is that
 * meter provider, passes every instrument on to the application's own meter provider
 * (none by default), and reports drops in one log line per interval from the export
 * thread, instead of OpenTelemetry's warning on every export cycle.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class SpanQueueMonitor {

	// What BatchSpanProcessor records with InternalTelemetryVersion.LEGACY, its default
	private static final String LEGACY_PROCESSED = "processedSpans";

	private static final String LEGACY_QUEUE_SIZE = "queueSize";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

	// ... and with the semantic conventions (InternalTelemetryVersion.LATEST)
	private static final String PROCESSED = "otel.sdk.processor.span.processed";

	private static final String QUEUE_SIZE = "otel.sdk.processor.span.queue.size";

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final int capacity;

	private final MeterProvider meterProvider;

	private final ThrottledLog log;

	private final LongAdder dropped = new LongAdder();

	private volatile Consumer<ObservableLongMeasurement> queueSize;

	// Written by the export thread only, under the log's throttle
	private long reported;

	/**
	 * Create a new monitor.
	 * @param capacity the capacity of the processor's queue ({@code max-queue-size})
	 * @param logInterval the minimum time between two log lines about dropped spans
	 * @param delegate the meter provider that also receives the processor's instruments,
	 * or {@code null}
	 */
	public SpanQueueMonitor(int capacity, Duration logInterval, MeterProvider delegate) {
		this.capacity = capacity;
		this.meterProvider = new MonitoringMeterProvider((delegate != null) ? delegate : MeterProvider.noop());
		this.log = new ThrottledLog(LogFactory.getLog(SpanQueueMonitor.class), logInterval);
	}

	/**
	 * Return the meter provider to give to the processor's builder.
	 * @return the meter provider
	 */
	public MeterProvider getMeterProvider() {
		return this.meterProvider;
	}

	/**
	 * Wrap the processor's exporter so that the spans dropped since the last line are
	 * reported, at most once per interval, before an export.
	 * @param exporter the exporter that sends the spans
	 * @return the exporter to give to the processor
	 */
	public SpanExporter reportingDrops(SpanExporter exporter) {
		return new DropReportingSpanExporter(exporter);
	}

	/**
	 * Return the number of spans dropped because the queue was full.
	 * @return the number of dropped spans
	 */
	public long getDroppedSpans() {
		return this.dropped.sum();
	}

	/**
	 * Return the number of spans waiting in the queue; zero until the first span ended.
	 * @return the number of queued spans
	 */
	public long getQueueSize() {
		Consumer<ObservableLongMeasurement> callback = this.queueSize;
		if (callback == null) {
			return 0;
		}
		LastValue value = new LastValue();
		callback.accept(value);
		return value.value;
	}

	/**
	 * Return the capacity of the queue.
	 * @return the maximum number of queued spans
	 */
	public int getQueueCapacity() {
		return this.capacity;
	}

	private void reportDrops() {
		if (this.dropped.sum() > this.reported) {
			this.log.warn(() -> {
				long total = this.dropped.sum();
				long since = total - this.reported;
				this.reported = total;
				return ("Dropped %d spans because the span export queue (capacity %d) was full; %d dropped so far. "
						+ "Sample fewer requests (management.tracing.sampling.probability) "
						+ "or raise management.opentelemetry.tracing.export.max-queue-size")
					.formatted(since, this.capacity, total);
			});
		}
	}

	private static boolean isDrop(Attributes attributes) {
		return Boolean.TRUE.equals(attributes.get(LEGACY_DROPPED)) || "queue_full".equals(attributes.get(ERROR_TYPE));
	}

	private final class MonitoringMeterProvider implements MeterProvider {

		private final MeterProvider delegate;

		MonitoringMeterProvider(MeterProvider delegate) {
			this.delegate = delegate;
		}

		@Override
		public MeterBuilder meterBuilder(String instrumentationScopeName) {
			return new MonitoringMeterBuilder(this.delegate.meterBuilder(instrumentationScopeName));
		}

	}

	private final class MonitoringMeterBuilder implements MeterBuilder {

		private final MeterBuilder delegate;

		MonitoringMeterBuilder(MeterBuilder delegate) {
			this.delegate = delegate;
		}

		@Override
		public MeterBuilder setSchemaUrl(String schemaUrl) {
			this.delegate.setSchemaUrl(schemaUrl);
			return this;
		}

		@Override
		public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
			this.delegate.setInstrumentationVersion(instrumentationScopeVersion);
			return this;
		}

		@Override
		public Meter build() {
			return new MonitoringMeter(this.delegate.build());
		}

	}

	private final class MonitoringMeter implements Meter {

		private final Meter delegate;

		MonitoringMeter(Meter delegate) {
			this.delegate = delegate;
		}

		@Override
		public LongCounterBuilder counterBuilder(String name) {
			LongCounterBuilder builder = this.delegate.counterBuilder(name);
			return (LEGACY_PROCESSED.equals(name) || PROCESSED.equals(name)) ? new DropCountingBuilder(builder)
					: builder;
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			LongUpDownCounterBuilder builder = this.delegate.upDownCounterBuilder(name);
			return QUEUE_SIZE.equals(name) ? new QueueSizeUpDownCounterBuilder(builder) : builder;
		}

		@Override
		public DoubleHistogramBuilder histogramBuilder(String name) {
			return this.delegate.histogramBuilder(name);
		}

		@Override
		public DoubleGaugeBuilder gaugeBuilder(String name) {
			DoubleGaugeBuilder builder = this.delegate.gaugeBuilder(name);
			return LEGACY_QUEUE_SIZE.equals(name) ? new QueueSizeGaugeBuilder(builder) : builder;
		}

	}

	private final class DropCountingBuilder implements LongCounterBuilder {

		private final LongCounterBuilder delegate;

		DropCountingBuilder(LongCounterBuilder delegate) {
			this.delegate = delegate;
		}

		@Override
		public LongCounterBuilder setDescription(String description) {
			this.delegate.setDescription(description);
			return this;
		}

		@Override
		public LongCounterBuilder setUnit(String unit) {
			this.delegate.setUnit(unit);
			return this;
		}

		@Override
		public DoubleCounterBuilder ofDoubles() {
			return this.delegate.ofDoubles();
		}

		@Override
		public LongCounter build() {
			return new DropCounter(this.delegate.build());
		}

		@Override
		public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			return this.delegate.buildWithCallback(callback);
		}

	}

	private final class DropCounter implements LongCounter {

		private final LongCounter delegate;

		DropCounter(LongCounter delegate) {
			this.delegate = delegate;
		}

		@Override
		public void add(long value) {
			this.delegate.add(value);
		}

		@Override
		public void add(long value, Attributes attributes) {
			// Called on the thread that ends the span, and only when the queue is full
			if (isDrop(attributes)) {
				SpanQueueMonitor.this.dropped.add(value);
			}
			this.delegate.add(value, attributes);
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			if (isDrop(attributes)) {
				SpanQueueMonitor.this.dropped.add(value);
			}
			this.delegate.add(value, attributes, context);
		}

	}

	private final class QueueSizeGaugeBuilder implements DoubleGaugeBuilder {

		private final DoubleGaugeBuilder delegate;

		QueueSizeGaugeBuilder(DoubleGaugeBuilder delegate) {
			this.delegate = delegate;
		}

		@Override
		public DoubleGaugeBuilder setDescription(String description) {
			this.delegate.setDescription(description);
			return this;
		}

		@Override
		public DoubleGaugeBuilder setUnit(String unit) {
			this.delegate.setUnit(unit);
			return this;
		}

		@Override
		public LongGaugeBuilder ofLongs() {
			return new QueueSizeLongGaugeBuilder(this.delegate.ofLongs());
		}

		@Override
		public io.opentelemetry.api.metrics.ObservableDoubleGauge buildWithCallback(
				Consumer<io.opentelemetry.api.metrics.ObservableDoubleMeasurement> callback) {
			return this.delegate.buildWithCallback(callback);
		}

	}

	private final class QueueSizeLongGaugeBuilder implements LongGaugeBuilder {

		private final LongGaugeBuilder delegate;

		QueueSizeLongGaugeBuilder(LongGaugeBuilder delegate) {
			this.delegate = delegate;
		}

		@Override
		public LongGaugeBuilder setDescription(String description) {
			this.delegate.setDescription(description);
			return this;
		}

		@Override
		public LongGaugeBuilder setUnit(String unit) {
			this.delegate.setUnit(unit);
			return this;
		}

		@Override
		public ObservableLongGauge buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			SpanQueueMonitor.this.queueSize = callback;
			return this.delegate.buildWithCallback(callback);
		}

	}

	private final class QueueSizeUpDownCounterBuilder implements LongUpDownCounterBuilder {

		private final LongUpDownCounterBuilder delegate;

		QueueSizeUpDownCounterBuilder(LongUpDownCounterBuilder delegate) {
			this.delegate = delegate;
		}

		@Override
		public LongUpDownCounterBuilder setDescription(String description) {
			this.delegate.setDescription(description);
			return this;
		}

		@Override
		public LongUpDownCounterBuilder setUnit(String unit) {
			this.delegate.setUnit(unit);
			return this;
		}

		@Override
		public io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder ofDoubles() {
			return this.delegate.ofDoubles();
		}

		@Override
		public io.opentelemetry.api.metrics.LongUpDownCounter build() {
			return this.delegate.build();
		}

		@Override
		public io.opentelemetry.api.metrics.ObservableLongUpDownCounter buildWithCallback(
				Consumer<ObservableLongMeasurement> callback) {
			SpanQueueMonitor.this.queueSize = callback;
			return this.delegate.buildWithCallback(callback);
		}

	}

	private static final class LastValue implements ObservableLongMeasurement {

		private long value;

		@Override
		public void record(long value) {
			this.value = value;
		}

		@Override
		public void record(long value, Attributes attributes) {
			this.value = value;
		}

	}

	private final class DropReportingSpanExporter implements SpanExporter {

		private final SpanExporter delegate;

		DropReportingSpanExporter(SpanExporter delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			// On the export thread, once per batch: where OpenTelemetry itself warns
			reportDrops();
			return this.delegate.export(spans);
		}

		@Override
		public CompletableResultCode flush() {
			return this.delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

		@Override
		public String toString() {
			return "DropReporting{" + this.delegate + "}";
		}

	}

}
