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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.phoenix.observability.autoconfigure.throttle.ThrottledLog;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Span processor for tail sampling: holds the ended spans of local traces that were not
 * sampled when they started (see {@link TailSampler}) and decides when their local root
 * span has ended and no span of theirs is open any more, or {@code maxWait} after the
 * root ended. A trace with a span whose status is ERROR (or that Spring's HTTP
 * observations tagged {@code outcome=SERVER_ERROR}), or whose local root took at least
 * the latency threshold, is kept: its spans are handed to the exporting processor marked
 * sampled, as a head-sampled trace's are. Other traces are dropped.
 * <p>
 * Memory is bounded: at most {@code maxTraces} traces and {@code maxSpans} ended spans
 * are held. A trace that does not fit is decided early on the spans it holds, which is
 * counted and reported in one log line per interval. Spans of a trace that ended after
 * its trace was decided follow the decision; those that end after it was forgotten are
 * counted as late and dropped.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class TailSamplingSpanProcessor implements SpanProcessor, TraceKeeping {

	// Spring's HTTP observation conventions tag a 5xx answered without an exception so
	private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

	// The route template: OpenTelemetry's convention, then Spring's default one
	private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	private static final AttributeKey<String> URI = AttributeKey.stringKey("uri");

	private final SpanProcessor exporting;

	private final LatencyThresholds latencyThresholds;

	private final int maxTraces;

	private final int maxSpans;

	private final long maxWaitNanos;

	private final Map<String, LocalTrace> traces = new ConcurrentHashMap<>();

	private final AtomicInteger heldTraces = new AtomicInteger();

	private final AtomicInteger heldSpans = new AtomicInteger();

	private final LongAdder[] kept = { new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder() };

	private final LongAdder dropped = new LongAdder();

	private final LongAdder[] evicted = { new LongAdder(), new LongAdder() };

	private final LongAdder lateSpans = new LongAdder();

	private final ThrottledLog log;

	private final ScheduledThreadPoolExecutor scheduler;

	/**
	 * Create a new processor and start its thread, which decides the traces that waited
	 * {@code maxWait} for late spans.
	 * @param exporting the processor that exports the spans of kept traces
	 * @param latencyThreshold local traces whose root takes at least this long are kept
	 * @param maxTraces the most traces held
	 * @param maxSpans the most ended spans held
	 * @param maxWait the longest time a trace waits for late spans after its root ended
	 * @param logInterval the minimum time between two log lines about early decisions
	 */
	public TailSamplingSpanProcessor(SpanProcessor exporting, Duration latencyThreshold, int maxTraces, int maxSpans,
			Duration maxWait, Duration logInterval) {
		this(exporting, LatencyThresholds.everywhere(latencyThreshold), maxTraces, maxSpans, maxWait, logInterval);
	}

	/**
	 * Create a new processor and start its thread, which decides the traces that waited
	 * {@code maxWait} for late spans.
	 * @param exporting the processor that exports the spans of kept traces
	 * @param latencyThresholds local traces whose root takes at least the threshold of
	 * its route are kept; they must have a threshold for every route
	 * @param maxTraces the most traces held
	 * @param maxSpans the most ended spans held
	 * @param maxWait the longest time a trace waits for late spans after its root ended
	 * @param logInterval the minimum time between two log lines about early decisions
	 */
	public TailSamplingSpanProcessor(SpanProcessor exporting, LatencyThresholds latencyThresholds, int maxTraces,
			int maxSpans, Duration maxWait, Duration logInterval) {
		Assert.isTrue(latencyThresholds.nanos(null) > 0, () -> "A threshold is needed for every route, but only "
				+ latencyThresholds + " were given: use LatencyThresholds.orElse");
		this.exporting = exporting;
		this.latencyThresholds = latencyThresholds;
		this.maxTraces = maxTraces;
		this.maxSpans = maxSpans;
		this.maxWaitNanos = maxWait.toNanos();
		this.log = new ThrottledLog(LogFactory.getLog(TailSamplingSpanProcessor.class), logInterval);
		this.scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "phoenix-trace-sampling");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.setRemoveOnCancelPolicy(true);
		long sweep = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
				Math.min(this.maxWaitNanos / 2, TimeUnit.SECONDS.toNanos(1)));
		this.scheduler.scheduleWithFixedDelay(this::decideWaiting, sweep, sweep, TimeUnit.NANOSECONDS);
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		SpanContext context = span.getSpanContext();
		if (context.isSampled()) {
			return;
		}
		String traceId = context.getTraceId();
		LocalTrace trace = this.traces.get(traceId);
		if (trace == null && isLocalRoot(span)) {
			trace = hold(traceId);
		}
		if (trace != null) {
			trace.started();
		}
	}

	@Override
	public void onEnd(ReadableSpan span) {
		SpanContext context = span.getSpanContext();
		if (context.isSampled()) {
			if (isLocalRoot(span)) {
				SpanContext parent = span.getParentSpanContext();
				this.kept[(parent.isValid() ? Reason.PARENT : Reason.RATIO).ordinal()].increment();
			}
			return;
		}
		LocalTrace trace = this.traces.get(context.getTraceId());
		if (trace == null) {
			this.lateSpans.increment();
			return;
		}
		List<ReadableSpan> export = trace.ended(span);
		export(export);
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public boolean isKept(String traceId, @Nullable String route, boolean sampled, boolean failed, long durationNanos) {
		if (sampled || failed || durationNanos >= this.latencyThresholds.nanos(route)) {
			return true;
		}
		LocalTrace trace = this.traces.get(traceId);
		return trace != null && trace.isKeptSoFar();
	}

	private LocalTrace hold(String traceId) {
		int held;
		do {
			held = this.heldTraces.get();
			if (held >= this.maxTraces && !evictOne()) {
				// Slots are reserved by traces being added right now: leave this one out,
				// decided early on nothing
				this.dropped.increment();
				reportEarlyDecision(Limit.MAX_TRACES);
				return null;
			}
		}
		while (held >= this.maxTraces || !this.heldTraces.compareAndSet(held, held + 1));
		LocalTrace trace = new LocalTrace(this, traceId);
		LocalTrace existing = this.traces.putIfAbsent(traceId, trace);
		if (existing != null) {
			this.heldTraces.decrementAndGet();
			return existing;
		}
		return trace;
	}

	// Never above the limit, not even for a moment, so that the gauge shows no more
	boolean reserveSpan() {
		int held;
		do {
			held = this.heldSpans.get();
			if (held >= this.maxSpans) {
				return false;
			}
		}
		while (!this.heldSpans.compareAndSet(held, held + 1));
		return true;
	}

	private boolean evictOne() {
		// The map's first entry: with random trace ids, an arbitrary trace
		Iterator<LocalTrace> iterator = this.traces.values().iterator();
		while (iterator.hasNext()) {
			LocalTrace trace = iterator.next();
			if (forget(trace)) {
				export(trace.decideEarly(Limit.MAX_TRACES));
				return true;
			}
		}
		return false;
	}

	boolean forget(LocalTrace trace) {
		if (this.traces.remove(trace.traceId(), trace)) {
			this.heldTraces.decrementAndGet();
			return true;
		}
		return false;
	}

	private void decideWaiting() {
		long now = System.nanoTime();
		for (LocalTrace trace : this.traces.values()) {
			export(trace.decideIfWaitedSince(now));
		}
	}

	private void export(List<ReadableSpan> spans) {
		if (spans == null) {
			return;
		}
		for (ReadableSpan span : spans) {
			this.exporting.onEnd(new SampledSpan(span));
		}
	}

	void releaseSpans(int count) {
		this.heldSpans.addAndGet(-count);
	}

	long maxWaitNanos() {
		return this.maxWaitNanos;
	}

	// A trace decided: kept for a reason, or dropped (null)
	void decided(@Nullable Reason reason) {
		if (reason != null) {
			this.kept[reason.ordinal()].increment();
		}
		else {
			this.dropped.increment();
		}
	}

	void reportEarlyDecision(Limit limit) {
		this.evicted[limit.ordinal()].increment();
		this.log.warn(() -> ("Decided a trace before its spans ended because %d were held "
				+ "(phoenix.observability.tracing.sampling.%s); %d traces decided early so far")
			.formatted((limit == Limit.MAX_TRACES) ? this.maxTraces : this.maxSpans, limit.property,
					getEvictedTraces(Limit.MAX_TRACES) + getEvictedTraces(Limit.MAX_SPANS)));
	}

	static boolean isLocalRoot(ReadableSpan span) {
		SpanContext parent = span.getParentSpanContext();
		return !parent.isValid() || parent.isRemote();
	}

	long latencyThresholdNanos(ReadableSpan root) {
		if (!this.latencyThresholds.dependsOnRoute()) {
			return this.latencyThresholds.nanos(null);
		}
		String route = root.getAttribute(HTTP_ROUTE);
		return this.latencyThresholds.nanos((route != null) ? route : root.getAttribute(URI));
	}

	static boolean isError(ReadableSpan span) {
		return "SERVER_ERROR".equals(span.getAttribute(OUTCOME))
				|| span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR;
	}

	/**
	 * Return the number of local traces kept for a reason.
	 * @param reason the reason
	 * @return the number of traces
	 */
	public long getKeptTraces(Reason reason) {
		return this.kept[reason.ordinal()].sum();
	}

	/**
	 * Return the number of local traces dropped.
	 * @return the number of traces
	 */
	public long getDroppedTraces() {
		return this.dropped.sum();
	}

	/**
	 * Return the number of traces decided before their spans ended because a limit was
	 * reached.
	 * @param limit the limit
	 * @return the number of traces
	 */
	public long getEvictedTraces(Limit limit) {
		return this.evicted[limit.ordinal()].sum();
	}

	/**
	 * Return the number of spans that ended after their trace was decided and forgotten,
	 * and were dropped.
	 * @return the number of spans
	 */
	public long getLateSpans() {
		return this.lateSpans.sum();
	}

	/**
	 * Return the number of local traces held.
	 * @return the number of traces
	 */
	public int getHeldTraces() {
		return this.heldTraces.get();
	}

	/**
	 * Return the number of ended spans held.
	 * @return the number of spans
	 */
	public int getHeldSpans() {
		return this.heldSpans.get();
	}

	/**
	 * Return the most traces held.
	 * @return the limit
	 */
	public int getMaxTraces() {
		return this.maxTraces;
	}

	/**
	 * Return the most ended spans held.
	 * @return the limit
	 */
	public int getMaxSpans() {
		return this.maxSpans;
	}

	@Override
	public CompletableResultCode forceFlush() {
		// The exporting processor is registered with the tracer provider on its own
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		this.scheduler.shutdownNow();
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "TailSamplingSpanProcessor{latencyThresholds=" + this.latencyThresholds + ", maxTraces=" + this.maxTraces
				+ ", maxSpans=" + this.maxSpans + ", maxWait=" + Duration.ofNanos(this.maxWaitNanos) + ", exporting="
				+ this.exporting + "}";
	}

	/**
	 * Why a local trace was kept: its parent was sampled, the ratio sampled it, it has an
	 * error, or its local root was slow.
	 */
	public enum Reason {

		/**
		 * Sampled upstream.
		 */
		PARENT,

		/**
		 * Sampled by the ratio when it started here.
		 */
		RATIO,

		/**
		 * A span has an error.
		 */
		ERROR,

		/**
		 * The local root took at least the latency threshold of its route.
		 */
		LATENCY

	}

	/**
	 * A limit that makes a trace be decided before its spans ended.
	 */
	public enum Limit {

		/**
		 * The most traces held.
		 */
		MAX_TRACES("max-traces"),

		/**
		 * The most ended spans held.
		 */
		MAX_SPANS("max-spans");

		private final String property;

		Limit(String property) {
			this.property = property;
		}

		/**
		 * Return the name of the property that sets the limit.
		 * @return the property's name, such as {@code max-traces}
		 */
		public String property() {
			return this.property;
		}

	}

}
