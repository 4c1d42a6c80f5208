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

package io.phoenix.observability.autoconfigure.logging.otlp;

import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.context.Context;

/**
 * The meter provider given to OpenTelemetry's {@code BatchLogRecordProcessor}: passes
 * every instrument on to a delegate, and tells {@link LogExportMonitor} of the records
 * dropped because the queue was full and of the callback that reads the queue's size.
 *
 * @author Phoenix Observability
 */
final class ProcessorMeterProvider implements MeterProvider {

	// What BatchLogRecordProcessor records with InternalTelemetryVersion.LEGACY, its
	// default
	private static final String LEGACY_PROCESSED = "processedLogs";

	private static final String LEGACY_QUEUE_SIZE = "queueSize";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

	// ... and with the semantic conventions (InternalTelemetryVersion.LATEST)
	private static final String PROCESSED = "otel.sdk.processor.log.processed";

	private static final String QUEUE_SIZE = "otel.sdk.processor.log.queue.size";

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final MeterProvider delegate;

	private final LongConsumer drops;

	private final Consumer<Consumer<ObservableLongMeasurement>> queueSize;

	ProcessorMeterProvider(MeterProvider delegate, LongConsumer drops,
			Consumer<Consumer<ObservableLongMeasurement>> queueSize) {
		this.delegate = delegate;
		this.drops = drops;
		this.queueSize = queueSize;
	}

	@Override
	public MeterBuilder meterBuilder(String instrumentationScopeName) {
		return new MonitoringMeterBuilder(this.delegate.meterBuilder(instrumentationScopeName));
	}

	private static boolean isDrop(Attributes attributes) {
		return Boolean.TRUE.equals(attributes.get(LEGACY_DROPPED)) || "queue_full".equals(attributes.get(ERROR_TYPE));
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
			// Called on the thread that logs, and only when the queue is full
			if (isDrop(attributes)) {
				ProcessorMeterProvider.this.drops.accept(value);
			}
			this.delegate.add(value, attributes);
		}

		@Override
		public void add(long value, Attributes attributes, Context context) {
			if (isDrop(attributes)) {
				ProcessorMeterProvider.this.drops.accept(value);
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
		public ObservableDoubleGauge buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
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
			ProcessorMeterProvider.this.queueSize.accept(callback);
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
		public DoubleUpDownCounterBuilder ofDoubles() {
			return this.delegate.ofDoubles();
		}

		@Override
		public LongUpDownCounter build() {
			return this.delegate.build();
		}

		@Override
		public ObservableLongUpDownCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
			ProcessorMeterProvider.this.queueSize.accept(callback);
			return this.delegate.buildWithCallback(callback);
		}

	}

}
