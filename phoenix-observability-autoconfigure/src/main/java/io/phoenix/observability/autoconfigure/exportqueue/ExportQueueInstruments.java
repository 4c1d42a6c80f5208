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
package io.phoenix.observability.autoconfigure.exportqueue;

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
import org.jspecify.annotations.Nullable;

/**
 * The meter provider of one of OpenTelemetry's batch processors
 * ({@code BatchSpanProcessor}, {@code BatchLogRecordProcessor}), given to its builder's
 * {@code setMeterProvider}: it reads what the processor records about its own queue (the
 * items it dropped because the queue was full, and how many are queued) and passes every
 * instrument on to the application's own meter provider (none by default).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class ExportQueueInstruments implements MeterProvider {

	// What the processors record with InternalTelemetryVersion.LEGACY, their default
	private static final String LEGACY_QUEUE_SIZE = "queueSize";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

	// ... and with the semantic conventions (InternalTelemetryVersion.LATEST)
	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final Signal signal;

	private final MeterProvider delegate;

	private final LongAdder dropped = new LongAdder();

	private volatile @Nullable Consumer<ObservableLongMeasurement> queueSize;

	/**
	 * Create the meter provider of a processor.
	 * @param signal what the processor exports
	 * @param delegate the meter provider that also receives the processor's instruments,
	 * or {@code null}
	 */
	public ExportQueueInstruments(Signal signal, @Nullable MeterProvider delegate) {
		this.signal = signal;
		this.delegate = (delegate != null) ? delegate : MeterProvider.noop();
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return new MonitoringMeterBuilder(this.delegate.meterBuilder(instrumentationScopeName));
	}

	/**
	 * Return the number of items dropped because the queue was full.
	 * @return the number of dropped items
	 */
	public long getDropped() {
		return this.dropped.sum();
	}

	/**
	 * Return the number of items waiting in the queue; zero until the first one.
	 * @return the number of queued items
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

	private static boolean isDrop(Attributes attributes) {
		return Boolean.TRUE.equals(attributes.get(LEGACY_DROPPED)) || "queue_full".equals(attributes.get(ERROR_TYPE));
	}

	/**
	 * What a processor exports, and the names of its instruments.
	 */
	public enum Signal {

		/**
		 * Spans, by {@code BatchSpanProcessor}.
		 */
		SPANS("processedSpans", "otel.sdk.processor.span.processed", "otel.sdk.processor.span.queue.size"),

		/**
		 * Log records, by {@code BatchLogRecordProcessor}.
		 */
		LOG_RECORDS("processedLogs", "otel.sdk.processor.log.processed", "otel.sdk.processor.log.queue.size");

		private final String legacyProcessed;

		private final String processed;

		private final String queueSize;

		Signal(String legacyProcessed, String processed, String queueSize) {
			this.legacyProcessed = legacyProcessed;
			this.processed = processed;
			this.queueSize = queueSize;
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
			return (ExportQueueInstruments.this.signal.legacyProcessed.equals(name)
					|| ExportQueueInstruments.this.signal.processed.equals(name)) ? new DropCountingBuilder(builder)
							: builder;
		}

		@Override
		public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
			LongUpDownCounterBuilder builder = this.delegate.upDownCounterBuilder(name);
			return ExportQueueInstruments.this.signal.queueSize.equals(name)
					? new QueueSizeUpDownCounterBuilder(builder) : builder;
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
			// Called on the thread that ends the span or emits the record, and only when
			// the
			// queue is full
			if (isDrop(attributes)) {
				ExportQueueInstruments.this.dropped.add(value);
			}
			this.delegate.add(value, attributes);
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			if (isDrop(attributes)) {
				ExportQueueInstruments.this.dropped.add(value);
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
			ExportQueueInstruments.this.queueSize = callback;
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
			ExportQueueInstruments.this.queueSize = callback;
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

}
