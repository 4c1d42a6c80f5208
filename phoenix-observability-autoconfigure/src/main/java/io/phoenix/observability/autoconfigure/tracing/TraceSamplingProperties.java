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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Trace sampling: {@code phoenix.observability.tracing.sampling.*}. The share of traces
 * sampled is Spring Boot's own {@code management.tracing.sampling.probability}.
 * <p>
 * The latency threshold, when not set, is that of the latency SLO of the request's route
 * on {@code http.server.requests} (the smallest, with several), for routes without one
 * the smallest latency SLO threshold of the service, and
 * {@link #DEFAULT_LATENCY_THRESHOLD} when no latency SLO is declared.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.tracing.sampling")
public class TraceSamplingProperties {

	/**
	 * The latency threshold when neither the property nor a latency SLO sets one.
	 */
	public static final Duration DEFAULT_LATENCY_THRESHOLD = Duration.ofSeconds(1);

	/**
	 * When to decide whether a trace is kept: 'tail' when its local root span ends,
	 * keeping the probability's share and every trace with an error or slower than the
	 * latency threshold; 'head' when it starts, by the probability alone. Defaults to
	 * 'tail', or 'head' when management.opentelemetry.tracing.export.include-unsampled is
	 * true.
	 */
	private @Nullable SamplingMode mode;

	/**
	 * Local traces whose root span takes longer than this are kept, in tail mode, on
	 * every route. Defaults to the thresholds of the latency SLOs on
	 * http.server.requests, else 1s.
	 */
	private @Nullable Duration latencyThreshold;

	/**
	 * Most local traces held while their decision is pending, in tail mode; beyond that,
	 * a held trace is decided early on the spans it holds.
	 */
	private int maxTraces = 2048;

	/**
	 * Most ended spans held while their trace's decision is pending, in tail mode; the
	 * trace of a span that does not fit is decided early on the spans it holds.
	 */
	private int maxSpans = 16384;

	/**
	 * Longest time a local trace waits after its root span ended for child spans that are
	 * still open, such as asynchronous work, before it is decided, in tail mode.
	 */
	private Duration maxWait = Duration.ofSeconds(5);

	public @Nullable SamplingMode getMode() {
		return this.mode;
	}

	public void setMode(@Nullable SamplingMode mode) {
		this.mode = mode;
	}

	public @Nullable Duration getLatencyThreshold() {
		return this.latencyThreshold;
	}

	public void setLatencyThreshold(Duration latencyThreshold) {
		Assert.isTrue(latencyThreshold != null && !latencyThreshold.isNegative() && !latencyThreshold.isZero(),
				() -> "must be a positive duration, such as 1s, but was " + latencyThreshold);
		this.latencyThreshold = latencyThreshold;
	}

	public int getMaxTraces() {
		return this.maxTraces;
	}

	public void setMaxTraces(int maxTraces) {
		Assert.isTrue(maxTraces > 0, () -> "must be positive, such as 2048, but was " + maxTraces);
		this.maxTraces = maxTraces;
	}

	public int getMaxSpans() {
		return this.maxSpans;
	}

	public void setMaxSpans(int maxSpans) {
		Assert.isTrue(maxSpans > 0, () -> "must be positive, such as 16384, but was " + maxSpans);
		this.maxSpans = maxSpans;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		Assert.isTrue(maxWait != null && !maxWait.isNegative() && !maxWait.isZero(),
				() -> "must be a positive duration, such as 5s, but was " + maxWait);
		this.maxWait = maxWait;
	}

	/**
	 * When the decision to keep a trace is made.
	 */
	public enum SamplingMode {

		/**
		 * When the trace starts, by Spring Boot's sampler: parent-based, with the
		 * probability as the ratio of new traces.
		 */
		HEAD,

		/**
		 * When the local root span ends: kept when sampled upstream, by the ratio, for an
		 * error or for its latency.
		 */
		TAIL

	}

}
