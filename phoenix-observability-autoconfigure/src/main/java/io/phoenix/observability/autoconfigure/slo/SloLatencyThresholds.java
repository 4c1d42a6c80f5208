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

package io.phoenix.observability.autoconfigure.slo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.phoenix.observability.autoconfigure.tracing.LatencyThresholds;
import org.jspecify.annotations.Nullable;

/**
 * The thresholds of the latency SLOs on served HTTP requests, as the thresholds above
 * which tail sampling keeps a request's trace: a request is slow for its trace when it is
 * a bad event of an SLO that counts it.
 * <p>
 * An SLO with a route counts the requests of that route, one without a route counts every
 * request; a route takes the smallest threshold among the SLOs that count it. Routes that
 * no SLO counts take the smallest threshold of all, the strictest latency the service
 * promises; so do the routes of an SLO that picks them by a pattern ({@code =~},
 * {@code !=}), whose threshold is never below that. Other tags of an SLO, such as the
 * method, are not looked at: the trace of a request that only a stricter SLO of its route
 * counts is kept too. SLOs on other meters, such as outbound calls or pipeline runs,
 * measure something other than the request and are left out.
 *
 * @author Phoenix Observability
 */
final class SloLatencyThresholds {

	// The meter of the server observation whose span is the request's local root
	static final String SERVER_REQUESTS = "http.server.requests";

	private static final String ROUTE_TAG = "uri";

	private SloLatencyThresholds() {
	}

	static LatencyThresholds of(List<ServiceLevelObjective> objectives) {
		Map<String, Duration> byRoute = new HashMap<>();
		Duration everyRoute = null;
		Duration smallest = null;
		for (ServiceLevelObjective objective : objectives) {
			ServiceLevelIndicator sli = objective.sli();
			if (objective.kind() != SliKind.LATENCY || !SERVER_REQUESTS.equals(sli.meter())
					|| sli.threshold() == null) {
				continue;
			}
			List<TagMatcher> routeMatchers = sli.events().stream().filter((m) -> ROUTE_TAG.equals(m.tag())).toList();
			if (routeMatchers.isEmpty()) {
				everyRoute = min(everyRoute, sli.threshold());
			}
			else if (routeMatchers.size() == 1 && routeMatchers.get(0).operator() == TagMatcher.Operator.EQUAL) {
				byRoute.merge(routeMatchers.get(0).value(), sli.threshold(), SloLatencyThresholds::min);
			}
			// Routes chosen by a pattern take the smallest threshold, which is never
			// above
			// their own: their traces are kept at least as often as the SLO asks
			smallest = min(smallest, sli.threshold());
		}
		if (everyRoute != null) {
			Duration all = everyRoute;
			byRoute.replaceAll((route, threshold) -> min(threshold, all));
		}
		return LatencyThresholds.byRoute(byRoute, (everyRoute != null) ? everyRoute : smallest);
	}

	private static Duration min(@Nullable Duration a, Duration b) {
		return (a == null || b.compareTo(a) < 0) ? b : a;
	}

}
