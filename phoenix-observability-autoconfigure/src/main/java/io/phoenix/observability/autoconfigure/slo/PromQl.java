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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.phoenix.observability.autoconfigure.slo.SloProperties.MeterType;
import io.phoenix.observability.autoconfigure.slo.SloProperties.Sli;

/**
 * PromQL for the SLIs, using the names Micrometer's Prometheus registry publishes.
 *
 * @author Phoenix Observability
 */
final class PromQl {

	private PromQl() {
	}

	/**
	 * Format a duration as Prometheus does, in its largest whole unit: {@code 30d},
	 * {@code 6h}, {@code 5m}, {@code 10s}.
	 * @param duration the duration
	 * @return the Prometheus duration
	 */
	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds > 0 && seconds % 86400 == 0) {
			return (seconds / 86400) + "d";
		}
		if (seconds > 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds > 0 && seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		if (duration.toMillis() % 1000 == 0) {
			return seconds + "s";
		}
		return duration.toMillis() + "ms";
	}

	/**
	 * Format a number without exponent or trailing zeros.
	 * @param number the number
	 * @return the formatted number
	 */
	static String number(BigDecimal number) {
		return number.stripTrailingZeros().toPlainString();
	}

	static String number(double number) {
		return number(BigDecimal.valueOf(number));
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

	static String labelName(String tag) {
		String name = tag.replaceAll("[^a-zA-Z0-9_]", "_");
		return Character.isDigit(name.charAt(0)) ? "_" + name : name;
	}

	static String metricName(String meter) {
		return labelName(meter);
	}

	static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	/**
	 * Return the series that counts an SLI's events.
	 * @param slo the SLO
	 * @return the series name, such as {@code http_server_requests_seconds_count}
	 */
	static String countSeries(ServiceLevelObjective slo) {
		Sli sli = slo.sli();
		String base = metricName(sli.getMeter());
		return (sli.meterType() == MeterType.TIMER) ? base + "_seconds_count" : base + "_total";
	}

	static String bucketSeries(ServiceLevelObjective slo) {
		return metricName(slo.sli().getMeter()) + "_seconds_bucket";
	}

	/**
	 * Return the label matchers of every event of an SLI: the service and the tag
	 * filters.
	 * @param slo the SLO
	 * @return the matchers, without braces
	 */
	static Map<String, String> baseLabels(ServiceLevelObjective slo) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("service", slo.service());
		slo.sli().tagFilters().forEach((key, value) -> labels.put(labelName(key), value));
		return labels;
	}

	static String matchers(Map<String, String> labels) {
		return labels.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + quote(entry.getValue()))
			.collect(Collectors.joining(","));
	}

	static String errorMatcher(Sli sli) {
		if (sli.getErrorValues().size() == 1) {
			return labelName(sli.getErrorTag()) + "=" + quote(sli.getErrorValues().get(0));
		}
		String regex = sli.getErrorValues()
			.stream()
			.map((value) -> value.replaceAll("([\\\\.+*?()\\[\\]{}|^$])", "\\\\$1"))
			.collect(Collectors.joining("|"));
		return labelName(sli.getErrorTag()) + "=~" + quote(regex);
	}

	/**
	 * Return the PromQL error ratio of an SLO over a window.
	 * @param slo the SLO
	 * @param window the window
	 * @return the expression
	 */
	static String errorRatio(ServiceLevelObjective slo, Duration window) {
		String range = "[" + duration(window) + "]";
		Sli sli = slo.sli();
		String base = matchers(baseLabels(slo));
		String total = "sum(rate(" + countSeries(slo) + "{" + base + "}" + range + "))";
		return switch (slo.kind()) {
			case AVAILABILITY -> "(sum(rate(" + countSeries(slo) + "{" + base + "," + errorMatcher(sli) + "}" + range
					+ ")))\n/\n(" + total + ")";
			case LATENCY -> "(" + total + "\n- sum(rate(" + bucketSeries(slo) + "{" + base + ",le="
					+ quote(le(sli.getThreshold())) + "}" + range + ")))\n/\n(" + total + ")";
			case RATIO -> "1 - ((" + sli.getGood().replace("{{window}}", duration(window)) + ")\n/\n("
					+ sli.getTotal().replace("{{window}}", duration(window)) + "))";
		};
	}

}
