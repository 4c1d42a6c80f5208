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

import io.opentelemetry.sdk.trace.ReadableSpan;
import io.phoenix.observability.autoconfigure.tracing.TailSamplingSpanProcessor.Limit;
import io.phoenix.observability.autoconfigure.tracing.TailSamplingSpanProcessor.Reason;

/**
 * The spans of one unsampled trace in this service, until it is decided, and the decision
 * until its last open span ended. Held by a {@link TailSamplingSpanProcessor}, whose
 * counters and limits it reads.
 *
 * @author Phoenix Observability
 */
final class LocalTrace {

	private final TailSamplingSpanProcessor processor;

	private final String traceId;

	private List<ReadableSpan> spans = new ArrayList<>(4);

	private int open;

	private boolean rootEnded;

	private long since;

	private boolean error;

	private boolean slow;

	private Boolean kept;

	LocalTrace(TailSamplingSpanProcessor processor, String traceId) {
		this.processor = processor;
		this.traceId = traceId;
	}

	String traceId() {
		return this.traceId;
	}

	synchronized void started() {
		this.open++;
	}

	synchronized boolean isKeptSoFar() {
		return (this.kept != null) ? this.kept : this.error;
	}

	/**
	 * Take an ended span; return the spans to export now, if any.
	 */
	List<ReadableSpan> ended(ReadableSpan span) {
		List<ReadableSpan> export;
		boolean done;
		synchronized (this) {
			this.open = Math.max(0, this.open - 1);
			if (this.kept != null) {
				export = this.kept ? List.of(span) : null;
			}
			else {
				this.error |= TailSamplingSpanProcessor.isError(span);
				if (TailSamplingSpanProcessor.isLocalRoot(span)) {
					this.rootEnded = true;
					this.since = System.nanoTime();
					this.slow |= span.getLatencyNanos() >= this.processor.latencyThresholdNanos(span);
				}
				this.spans.add(span);
				if (!this.processor.reserveSpan()) {
					// Not held after all: decided now, with this span
					export = decide(this.spans.size() - 1, Limit.MAX_SPANS);
				}
				else if (this.rootEnded && this.open == 0) {
					export = decide(this.spans.size(), null);
				}
				else {
					export = null;
				}
			}
			done = this.kept != null && this.open == 0;
		}
		if (done) {
			this.processor.forget(this);
		}
		return export;
	}

	synchronized List<ReadableSpan> decideEarly(Limit limit) {
		return (this.kept == null) ? decide(this.spans.size(), limit) : null;
	}

	List<ReadableSpan> decideIfWaitedSince(long now) {
		List<ReadableSpan> export = null;
		boolean done;
		synchronized (this) {
			boolean waited = (this.rootEnded || this.kept != null) && now - this.since >= this.processor.maxWaitNanos();
			if (waited && this.kept == null) {
				export = decide(this.spans.size(), null);
			}
			// Spans of a decided trace that end from now on are late
			done = waited;
		}
		if (done) {
			this.processor.forget(this);
		}
		return export;
	}

	// Called holding the lock
	private List<ReadableSpan> decide(int counted, Limit limit) {
		List<ReadableSpan> held = this.spans;
		this.spans = null;
		this.processor.releaseSpans(counted);
		this.since = System.nanoTime();
		Reason reason = this.error ? Reason.ERROR : this.slow ? Reason.LATENCY : null;
		this.kept = reason != null;
		if (limit != null) {
			this.processor.reportEarlyDecision(limit);
		}
		if (reason == null) {
			this.processor.decided(null);
			return null;
		}
		this.processor.decided(reason);
		return held;
	}

}
