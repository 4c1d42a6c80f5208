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

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessorBuilder;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.phoenix.observability.autoconfigure.throttle.ThrottledLog;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Counts the log records that OpenTelemetry's {@code BatchLogRecordProcessor} drops
 * because its queue is full, reads how many are queued, counts the exports that fail, and
 * reports both in one warning per interval.
 * <p>
 * The processor reports its queue through the {@link MeterProvider} given to
 * {@link BatchLogRecordProcessorBuilder#setMeterProvider(MeterProvider)}: this monitor is
 * that meter provider, and passes every instrument on to the application's own (none by
 * default). The warning is written by this class's logger, whose events the OpenTelemetry
 * appender leaves out (see {@link ExportLoggers}).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class LogExportMonitor {

	private final int capacity;

	private final MeterProvider meterProvider;

	private final ThrottledLog log;

	private final LongAdder dropped = new LongAdder();

	private final LongAdder failedExports = new LongAdder();

	private final LongAdder failedRecords = new LongAdder();

	private volatile @Nullable Consumer<ObservableLongMeasurement> queueSize;

	private volatile @Nullable Throwable lastFailure;

	// Read and written under the log's throttle only
	private long reportedDrops;

	private long reportedFailures;

	/**
	 * Create a new monitor.
	 * @param capacity the capacity of the processor's queue ({@code max-queue-size})
	 * @param logInterval the minimum time between two log lines
	 * @param delegate the meter provider that also receives the processor's instruments,
	 * or {@code null}
	 */
	public LogExportMonitor(int capacity, Duration logInterval, @Nullable MeterProvider delegate) {
		this.capacity = capacity;
		this.meterProvider = new ProcessorMeterProvider((delegate != null) ? delegate : MeterProvider.noop(),
				this.dropped::add, (callback) -> this.queueSize = callback);
		this.log = new ThrottledLog(LogFactory.getLog(LogExportMonitor.class), logInterval);
	}

	/**
	 * Return the meter provider to give to the processor's builder.
	 * @return the meter provider
	 */
	public MeterProvider getMeterProvider() {
		return this.meterProvider;
	}

	/**
	 * Wrap the processor's exporter so that failed exports are counted, and drops and
	 * failures reported, at most once per interval.
	 * @param exporter the exporter that sends the records
	 * @return the exporter to give to the processor
	 */
	public LogRecordExporter monitoring(LogRecordExporter exporter) {
		return new MonitoringExporter(exporter);
	}

	/**
	 * Return the number of records dropped because the queue was full.
	 * @return the number of dropped records
	 */
	public long getDroppedRecords() {
		return this.dropped.sum();
	}

	/**
	 * Return the number of exports that failed.
	 * @return the number of failed exports
	 */
	public long getFailedExports() {
		return this.failedExports.sum();
	}

	/**
	 * Return the number of records whose export failed.
	 * @return the number of records
	 */
	public long getFailedRecords() {
		return this.failedRecords.sum();
	}

	/**
	 * Return the number of records waiting in the queue; zero until the first record.
	 * @return the number of queued records
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
	 * @return the maximum number of queued records
	 */
	public int getQueueCapacity() {
		return this.capacity;
	}

	private void report() {
		if (this.dropped.sum() > this.reportedDrops || this.failedExports.sum() > this.reportedFailures) {
			this.log.warn(this::message);
		}
	}

	private String message() {
		long drops = this.dropped.sum();
		long failures = this.failedExports.sum();
		StringBuilder message = new StringBuilder("Log records not exported over OTLP: ");
		if (drops > this.reportedDrops) {
			message.append("%d dropped because the export queue (capacity %d) was full; "
				.formatted(drops - this.reportedDrops, this.capacity));
		}
		if (failures > this.reportedFailures) {
			Throwable cause = this.lastFailure;
			message.append("%d exports failed%s; ".formatted(failures - this.reportedFailures,
					(cause != null) ? " (" + cause + ")" : ""));
		}
		message.append("%d records dropped and %d exports (%d records) failed so far. ".formatted(drops, failures,
				this.failedRecords.sum()));
		message.append("Check the collector at management.opentelemetry.logging.export.otlp.endpoint, "
				+ "or raise management.opentelemetry.logging.export.max-queue-size");
		this.reportedDrops = drops;
		this.reportedFailures = failures;
		return message.toString();
	}

	private void recordFailure(int records, @Nullable Throwable cause) {
		this.lastFailure = cause;
		this.failedRecords.add(records);
		this.failedExports.increment();
		report();
	}

	private final class MonitoringExporter implements LogRecordExporter {

		private final LogRecordExporter delegate;

		MonitoringExporter(LogRecordExporter delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletableResultCode export(Collection<LogRecordData> records) {
			// On the export thread, once per batch
			report();
			int count = records.size();
			CompletableResultCode result;
			try {
				result = this.delegate.export(records);
			}
			catch (RuntimeException ex) {
				recordFailure(count, ex);
				return CompletableResultCode.ofFailure();
			}
			result.whenComplete(() -> {
				if (!result.isSuccess()) {
					recordFailure(count, result.getFailureThrowable());
				}
			});
			return result;
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
			return "Monitoring{" + this.delegate + "}";
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
