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

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.phoenix.observability.autoconfigure.throttle.ThrottledLog;
import org.apache.commons.logging.LogFactory;

/**
 * Span exporter that counts failed exports and reports them in one log line per interval,
 * without a stack trace, instead of one error per export cycle.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class FailureReportingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final ThrottledLog log;

	private final LongAdder failedExports = new LongAdder();

	private final LongAdder failedSpans = new LongAdder();

	/**
	 * Create a new exporter.
	 * @param delegate the exporter that sends the spans
	 * @param logInterval the minimum time between two log lines
	 */
	public FailureReportingSpanExporter(SpanExporter delegate, Duration logInterval) {
		this.delegate = delegate;
		this.log = new ThrottledLog(LogFactory.getLog(FailureReportingSpanExporter.class), logInterval);
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
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

	private void recordFailure(int spans, Throwable cause) {
		this.failedExports.increment();
		this.failedSpans.add(spans);
		this.log
			.warn(() -> "Failed to export %d spans with %s%s; %d exports and %d spans failed so far".formatted(spans,
					this.delegate.getClass().getSimpleName(), (cause != null) ? ": " + cause : "",
					this.failedExports.sum(), this.failedSpans.sum()));
	}

	/**
	 * Return the number of exports that failed.
	 * @return the number of failed exports
	 */
	public long getFailedExports() {
		return this.failedExports.sum();
	}

	/**
	 * Return the number of spans whose export failed.
	 * @return the number of spans
	 */
	public long getFailedSpans() {
		return this.failedSpans.sum();
	}

	/**
	 * Return the exporter that sends the spans.
	 * @return the delegate
	 */
	public SpanExporter getDelegate() {
		return this.delegate;
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
		return "FailureReporting{" + this.delegate + "}";
	}

}
