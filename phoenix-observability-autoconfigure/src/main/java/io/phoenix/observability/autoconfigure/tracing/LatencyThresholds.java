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
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The latency above which tail sampling keeps a request's local trace, by the route
 * template of the request: a threshold per route, and one for every other route. A
 * {@code LatencyThresholds} bean, such as the one the latency SLOs make, is the default
 * of {@code phoenix.observability.tracing.sampling.latency-threshold}; the property, when
 * set, applies to every route.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class LatencyThresholds {

	private final Map<String, Long> nanosByRoute;

	private final long otherwiseNanos;

	private LatencyThresholds(Map<String, Long> nanosByRoute, long otherwiseNanos) {
		this.nanosByRoute = nanosByRoute;
		this.otherwiseNanos = otherwiseNanos;
	}

	/**
	 * Return thresholds that are the same for every route.
	 * @param threshold the threshold
	 * @return the thresholds
	 */
	public static LatencyThresholds everywhere(Duration threshold) {
		return new LatencyThresholds(Map.of(), nanos(threshold));
	}

	/**
	 * Return thresholds by route.
	 * @param byRoute the threshold of each route template, such as {@code /orders/{id}}
	 * @param otherwise the threshold of every other route, or {@code null} to leave it to
	 * {@link #orElse(Duration)}
	 * @return the thresholds
	 */
	public static LatencyThresholds byRoute(Map<String, Duration> byRoute, @Nullable Duration otherwise) {
		Map<String, Long> nanos = new HashMap<>();
		byRoute.forEach((route, threshold) -> nanos.put(route, nanos(threshold)));
		return new LatencyThresholds(Map.copyOf(nanos), (otherwise != null) ? nanos(otherwise) : -1);
	}

	/**
	 * Return these thresholds, with a threshold for every other route when they have
	 * none.
	 * @param otherwise the threshold of the routes these thresholds leave open
	 * @return the thresholds
	 */
	public LatencyThresholds orElse(Duration otherwise) {
		return (this.otherwiseNanos >= 0) ? this : new LatencyThresholds(this.nanosByRoute, nanos(otherwise));
	}

	/**
	 * Whether some routes have a threshold of their own, so that the route of a request
	 * must be looked up.
	 * @return whether the threshold depends on the route
	 */
	boolean dependsOnRoute() {
		return !this.nanosByRoute.isEmpty();
	}

	/**
	 * Return the threshold of a route, in nanoseconds.
	 * @param route the route template, or {@code null} when unknown
	 * @return the threshold
	 */
	long nanos(@Nullable String route) {
		if (route != null && !this.nanosByRoute.isEmpty()) {
			Long nanos = this.nanosByRoute.get(route);
			if (nanos != null) {
				return nanos;
			}
		}
		return this.otherwiseNanos;
	}

	private static long nanos(Duration threshold) {
		Assert.isTrue(threshold != null && !threshold.isNegative() && !threshold.isZero(),
				() -> "Threshold must be positive: " + threshold);
		return threshold.toNanos();
	}

	@Override
	public String toString() {
		Map<String, Duration> routes = new HashMap<>();
		this.nanosByRoute.forEach((route, nanos) -> routes.put(route, Duration.ofNanos(nanos)));
		return "LatencyThresholds{byRoute=" + routes + ", otherwise="
				+ ((this.otherwiseNanos >= 0) ? Duration.ofNanos(this.otherwiseNanos) : "unset") + "}";
	}

}
