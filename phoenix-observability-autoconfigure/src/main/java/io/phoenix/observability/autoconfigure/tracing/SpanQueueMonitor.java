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

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.phoenix.observability.autoconfigure.exportqueue.ExportQueueInstruments;
import io.phoenix.observability.autoconfigure.throttle.ThrottledLog;
import org.apache.commons.logging.LogFactory;

/**
 * Reads what OpenTelemetry's {@code BatchSpanProcessor} records about its own queue: the
 * spans it dropped because the queue was full, and how many spans are queued. The
 * processor reports both through the {@link MeterProvider} given to
 * {@link BatchSpanProcessorBuilder#setMeterProvider(MeterProvider)}; this monitor's
 * {@link ExportQueueInstruments} is that meter provider, and the monitor reports drops in
 * one log line per interval from the export thread, instead of OpenTelemetry's warning on
 * every export cycle.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class SpanQueueMonitor {

	private final int capacity;

	private final ExportQueueInstruments instruments;

	private final ThrottledLog log;

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
		this.instruments = new ExportQueueInstruments(ExportQueueInstruments.Signal.SPANS, delegate);
		this.log = new ThrottledLog(LogFactory.getLog(SpanQueueMonitor.class), logInterval);
	}

	/**
	 * Return the meter provider to give to the processor's builder.
	 * @return the meter provider
	 */
	public MeterProvider getMeterProvider() {
		return this.instruments;
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
		return this.instruments.getDropped();
	}

	/**
	 * Return the number of spans waiting in the queue; zero until the first span ended.
	 * @return the number of queued spans
	 */
	public long getQueueSize() {
		return this.instruments.getQueueSize();
	}

	/**
	 * Return the capacity of the queue.
	 * @return the maximum number of queued spans
	 */
	public int getQueueCapacity() {
		return this.capacity;
	}

	private void reportDrops() {
		if (this.instruments.getDropped() > this.reported) {
			this.log.warn(() -> {
				long total = this.instruments.getDropped();
				long since = total - this.reported;
				this.reported = total;
				return ("Dropped %d spans because the span export queue (capacity %d) was full; %d dropped so far. "
						+ "Sample fewer requests (management.tracing.sampling.probability) "
						+ "or raise management.opentelemetry.tracing.export.max-queue-size")
					.formatted(since, this.capacity, total);
			});
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
