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
import java.util.List;
import java.util.stream.Collectors;

import static io.phoenix.observability.autoconfigure.alerting.PromQl.duration;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.labelName;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.quote;

/**
 * The Prometheus series and PromQL expressions of a service level indicator.
 *
 * @author Phoenix Observability
 */
final class SliQueries {

	private SliQueries() {
	}

	/**
	 * Return the {@code le} label value of the histogram bucket at a duration, as the
	 * Prometheus registry writes it.
	 * @param threshold the bucket's upper bound
	 * @return the label value, such as {@code 0.5}
	 */
	static String le(Duration threshold) {
		return Double.toString(threshold.toNanos() / 1e9);
	}

	/**
	 * Return the series that counts an SLI's events.
	 * @param slo the SLO
	 * @return the series name, such as {@code http_server_requests_seconds_count}
	 */
	static String countSeries(ServiceLevelObjective slo) {
		ServiceLevelIndicator sli = slo.sli();
		String base = labelName(sli.meter());
		return (sli.meterType() == MeterType.TIMER) ? base + "_seconds_count" : base + "_total";
	}

	static String bucketSeries(ServiceLevelObjective slo) {
		return labelName(slo.sli().meter()) + "_seconds_bucket";
	}

	/**
	 * Return the label matchers of every event of an SLI: the service and the event
	 * matchers.
	 * @param slo the SLO
	 * @return the matchers, without braces
	 */
	static String eventMatchers(ServiceLevelObjective slo) {
		return TagMatcher.equal("service", slo.service()).promQl() + promQl(slo.sli().events());
	}

	/**
	 * Return the label matchers of the bad events of an availability SLI: those of every
	 * event and the bad event matchers.
	 * @param slo the SLO
	 * @return the matchers, without braces
	 */
	static String badEventMatchers(ServiceLevelObjective slo) {
		return eventMatchers(slo) + promQl(slo.sli().badEvents());
	}

	private static String promQl(List<TagMatcher> matchers) {
		return matchers.stream().map((matcher) -> "," + matcher.promQl()).collect(Collectors.joining());
	}

	/**
	 * Return the PromQL error ratio of an SLO over a window.
	 * @param slo the SLO
	 * @param window the window
	 * @return the expression
	 */
	static String errorRatio(ServiceLevelObjective slo, Duration window) {
		String range = "[" + duration(window) + "]";
		ServiceLevelIndicator sli = slo.sli();
		String base = eventMatchers(slo);
		String total = "sum(rate(" + countSeries(slo) + "{" + base + "}" + range + "))";
		return switch (slo.kind()) {
			// No bad series yet is no error yet: 0, not an empty answer
			case AVAILABILITY -> "(sum(rate(" + countSeries(slo) + "{" + badEventMatchers(slo) + "}" + range
					+ ")) or vector(0))\n/\n(" + total + ")";
			case LATENCY -> "(" + total + "\n- sum(rate(" + bucketSeries(slo) + "{" + base + ",le="
					+ quote(le(sli.threshold())) + "}" + range + ")))\n/\n(" + total + ")";
			case RATIO -> "1 - ((" + sli.good().replace("{{window}}", duration(window)) + ")\n/\n("
					+ sli.total().replace("{{window}}", duration(window)) + "))";
		};
	}

}
