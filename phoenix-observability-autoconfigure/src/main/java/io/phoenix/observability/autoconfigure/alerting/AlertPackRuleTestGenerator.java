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

package io.phoenix.observability.autoconfigure.alerting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.phoenix.observability.autoconfigure.alerting.ThresholdAlert.Measure;

import static io.phoenix.observability.autoconfigure.alerting.PromQl.duration;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.matchers;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.number;

/**
 * Generates {@code promtool test rules} cases for every alert of an {@link AlertPack}:
 * from synthetic series of the metrics the alert reads, each alert fires when its measure
 * is 5% beyond its threshold once its {@code for} has passed, is still pending one
 * evaluation before, and stays silent 5% short of the threshold.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class AlertPackRuleTestGenerator {

	private static final BigDecimal BEYOND = new BigDecimal("1.05");

	private static final BigDecimal SHORT = new BigDecimal("0.95");

	private static final BigDecimal EVENTS_PER_MINUTE = BigDecimal.valueOf(1000);

	private static final BigDecimal BYTES = BigDecimal.valueOf(1_000_000_000L);

	// The rate windows of the pack: the first evaluation that sees a rate
	private static final Duration RATE_WINDOW = Duration.ofMinutes(5);

	private static final Pattern MATCHER = Pattern
		.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(!=|=)\\s*\"([^\"]*)\"\\s*");

	private static final String DISK_PATH = "/data";

	private static final String DB_POOL = "main";

	private static final String DEPENDENCY = "llm";

	private static final String PIPELINE = "checkout";

	private static final BigDecimal TWO = BigDecimal.valueOf(2);

	private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);

	// Large enough that 5% beyond or short of a threshold is a whole number of
	// connections
	private static final BigDecimal POOL_SIZE = BigDecimal.valueOf(1000);

	private final AlertPack pack;

	/**
	 * Create a new instance.
	 * @param pack the alert pack
	 */
	public AlertPackRuleTestGenerator(AlertPack pack) {
		this.pack = pack;
	}

	/**
	 * Return the test cases.
	 * @param evaluationInterval the evaluation interval of the test file
	 * @return the cases, each a document to be written as YAML
	 */
	public List<Object> tests(Duration evaluationInterval) {
		List<Object> tests = new ArrayList<>();
		Duration start = Duration.ofMillis(ceil(RATE_WINDOW.toMillis(), evaluationInterval.toMillis()));
		for (ThresholdAlert alert : this.pack.alerts()) {
			if (alert.measure() == Measure.LLM_FAILURE_RATIO
					&& !MATCHER.matcher(this.pack.llmErrorMatcher()).matches()) {
				// Only an equality matcher tells which label values to synthesize
				continue;
			}
			Duration firesAt = start.plusMillis(ceil(alert.forDuration().toMillis(), evaluationInterval.toMillis()));
			BigDecimal beyond = value(alert, true);
			if (holds(alert, beyond)) {
				tests.add(test(alert, beyond, firesAt, "fires at %s once its for of %s has passed"
					.formatted(number(beyond), duration(alert.forDuration())), start, evaluationInterval));
				if (!alert.forDuration().isZero()) {
					tests.add(test(alert, beyond, firesAt.minus(evaluationInterval),
							"is pending at %s before its for of %s has passed".formatted(number(beyond),
									duration(alert.forDuration())),
							start, evaluationInterval));
				}
			}
			BigDecimal shortOf = value(alert, false);
			tests.add(test(alert, shortOf, firesAt, "stays silent at %s".formatted(number(shortOf)), start,
					evaluationInterval));
		}
		return tests;
	}

	private Map<String, Object> test(ThresholdAlert alert, BigDecimal value, Duration evalTime, String what,
			Duration start, Duration evaluationInterval) {
		long minutes = evalTime.toMinutes() + 10;
		Map<String, Object> test = new LinkedHashMap<>();
		test.put("name", alert.name() + " " + alert.severity() + " " + what);
		test.put("interval", "1m");
		test.put("input_series", series(alert.measure(), value, start, minutes));
		List<Object> expected = new ArrayList<>();
		// Alerts of one name at other severities fire too when their condition holds
		for (ThresholdAlert other : this.pack.alerts()) {
			Duration otherFiresAt = start
				.plusMillis(ceil(other.forDuration().toMillis(), evaluationInterval.toMillis()));
			if (other.name().equals(alert.name()) && holds(other, value) && otherFiresAt.compareTo(evalTime) <= 0) {
				Map<String, String> labels = other.labels(this.pack.service());
				if (other.measure() == Measure.DISK_FREE) {
					labels.put("path", DISK_PATH);
				}
				if (other.measure() == Measure.DB_POOL) {
					labels.put("pool", DB_POOL);
				}
				Map<String, String> annotations = other.annotations(humanize(value));
				if (other.measure() == Measure.DEPENDENCIES_DOWN) {
					labels.put("dependency", DEPENDENCY);
					annotations.replaceAll((name, text) -> text.replace("{{ $labels.dependency }}", DEPENDENCY));
				}
				if (other.measure() == Measure.PIPELINE_FAILURE_RATIO
						|| other.measure() == Measure.PIPELINE_LATENCY_P99) {
					labels.put("pipeline", PIPELINE);
				}
				expected.add(map("exp_labels", labels, "exp_annotations", annotations));
			}
		}
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("eval_time", duration(evalTime));
		rule.put("alertname", alert.name());
		rule.put("exp_alerts", expected);
		test.put("alert_rule_test", List.of(rule));
		return test;
	}

	private List<Object> series(Measure measure, BigDecimal value, Duration start, long minutes) {
		Map<String, String> service = new LinkedHashMap<>();
		service.put("service", this.pack.service());
		List<Object> series = new ArrayList<>();
		switch (measure) {
			case ERROR_RATIO -> {
				series.add(counter("http_server_requests_seconds_count", with(service, "outcome", "SERVER_ERROR"),
						EVENTS_PER_MINUTE.multiply(value), minutes));
				series.add(counter("http_server_requests_seconds_count", with(service, "outcome", "SUCCESS"),
						EVENTS_PER_MINUTE.multiply(BigDecimal.ONE.subtract(value)), minutes));
			}
			case LATENCY_P95 -> {
				// Every request in the first bucket: its 95th percentile is 0.95 of its
				// bound
				BigDecimal bound = value.divide(SHORT, MathContext.DECIMAL64);
				series.add(counter("http_server_requests_seconds_bucket", with(service, "le", number(bound)),
						EVENTS_PER_MINUTE, minutes));
				series.add(counter("http_server_requests_seconds_bucket", with(service, "le", "+Inf"),
						EVENTS_PER_MINUTE, minutes));
			}
			case LLM_FAILURE_RATIO -> {
				Matcher matcher = MATCHER.matcher(this.pack.llmErrorMatcher());
				matcher.matches();
				String label = matcher.group(1);
				boolean equals = matcher.group(2).equals("=");
				String bad = equals ? matcher.group(3) : matcher.group(3) + "_error";
				String good = equals ? matcher.group(3) + "_ok" : matcher.group(3);
				series.add(counter(this.pack.llmMetric(), with(service, label, bad), EVENTS_PER_MINUTE.multiply(value),
						minutes));
				series.add(counter(this.pack.llmMetric(), with(service, label, good),
						EVENTS_PER_MINUTE.multiply(BigDecimal.ONE.subtract(value)), minutes));
			}
			case PIPELINE_FAILURE_RATIO -> {
				// Half the failures are errors, half timeouts; half the other runs
				// end for their own reason, which is no failure
				Map<String, String> pipeline = with(service, "pipeline", PIPELINE);
				BigDecimal failed = EVENTS_PER_MINUTE.multiply(value).divide(TWO);
				BigDecimal other = EVENTS_PER_MINUTE.multiply(BigDecimal.ONE.subtract(value)).divide(TWO);
				series.add(counter("pipeline_executions_total", with(pipeline, "status", "error"), failed, minutes));
				series.add(counter("pipeline_executions_total", with(pipeline, "status", "timeout"), failed, minutes));
				series.add(counter("pipeline_executions_total", with(pipeline, "status", "success"), other, minutes));
				series.add(counter("pipeline_executions_total", with(pipeline, "status", "max_iterations"), other,
						minutes));
			}
			case PIPELINE_LATENCY_P99 -> {
				// Every run in the first bucket: its 99th percentile is 0.99 of its bound
				Map<String, String> pipeline = with(service, "pipeline", PIPELINE);
				BigDecimal bound = value.divide(new BigDecimal("0.99"), MathContext.DECIMAL64);
				series.add(counter("pipeline_duration_seconds_bucket", with(pipeline, "le", number(bound)),
						EVENTS_PER_MINUTE, minutes));
				series.add(counter("pipeline_duration_seconds_bucket", with(pipeline, "le", "+Inf"), EVENTS_PER_MINUTE,
						minutes));
			}
			case INTERRUPT_RATE -> {
				// Each raised interrupt is answered: the answers are not counted again
				Map<String, String> interrupt = with(service, "kind", "clarification");
				BigDecimal perMinute = value.multiply(SECONDS_PER_MINUTE);
				series.add(counter("interrupts_total", with(interrupt, "status", "raised"), perMinute, minutes));
				series.add(counter("interrupts_total", with(interrupt, "status", "answered"), perMinute, minutes));
			}
			case CPU -> series.add(gauge("process_cpu_usage", service, value, start, minutes));
			case HEAP -> {
				Map<String, String> heap = with(with(service, "area", "heap"), "id", "G1 Old Gen");
				series.add(gauge("jvm_memory_used_bytes", heap, BYTES.multiply(value), start, minutes));
				series.add(gauge("jvm_memory_max_bytes", heap, BYTES, start, minutes));
			}
			case DISK_FREE -> {
				Map<String, String> disk = with(service, "path", DISK_PATH);
				series.add(gauge("disk_free_bytes", disk, BYTES.multiply(value), start, minutes));
				series.add(gauge("disk_total_bytes", disk, BYTES, start, minutes));
			}
			case DB_POOL -> {
				Map<String, String> pool = with(service, "pool", DB_POOL);
				series.add(gauge("hikaricp_connections_active", pool, POOL_SIZE.multiply(value), start, minutes));
				series.add(gauge("hikaricp_connections_max", pool, POOL_SIZE, start, minutes));
			}
			case DEPENDENCIES_DOWN -> {
				Map<String, String> dependency = with(service, "critical", "true");
				for (int i = 0; i < value.intValue(); i++) {
					series.add(gauge("phoenix_dependency_up", with(dependency, "dependency", DEPENDENCY),
							BigDecimal.ZERO, start, minutes));
				}
				// A critical dependency that is up, and one that is not critical, are not
				// counted
				series.add(gauge("phoenix_dependency_up", with(dependency, "dependency", "up"), BigDecimal.ONE, start,
						minutes));
				series
					.add(gauge("phoenix_dependency_up", with(with(service, "critical", "false"), "dependency", "cache"),
							BigDecimal.ZERO, start, minutes));
			}
			case OPEN_BREAKERS -> {
				for (int i = 0; i < value.intValue(); i++) {
					series.add(gauge("resilience4j_circuitbreaker_state",
							with(with(service, "name", "breaker-" + i), "state", "open"), BigDecimal.ONE, start,
							minutes));
				}
				// A closed breaker is there too, and is not counted
				series.add(gauge("resilience4j_circuitbreaker_state",
						with(with(service, "name", "closed"), "state", "open"), BigDecimal.ZERO, start, minutes));
			}
		}
		return series;
	}

	private static BigDecimal value(ThresholdAlert alert, boolean beyond) {
		BigDecimal threshold = alert.threshold();
		if (alert.measure() == Measure.OPEN_BREAKERS || alert.measure() == Measure.DEPENDENCIES_DOWN) {
			BigDecimal floor = threshold.setScale(0, RoundingMode.FLOOR);
			return beyond ? floor.add(BigDecimal.ONE) : floor;
		}
		boolean up = beyond != alert.below();
		BigDecimal value;
		if (threshold.signum() == 0) {
			value = up ? new BigDecimal("0.01") : BigDecimal.ZERO;
		}
		else {
			value = threshold.multiply(up ? BEYOND : SHORT);
		}
		boolean ratio = alert.measure() != Measure.LATENCY_P95 && alert.measure() != Measure.PIPELINE_LATENCY_P99
				&& alert.measure() != Measure.INTERRUPT_RATE;
		return ratio ? value.min(BigDecimal.ONE) : value;
	}

	private static boolean holds(ThresholdAlert alert, BigDecimal value) {
		int comparison = value.compareTo(alert.threshold());
		return alert.below() ? comparison < 0 : comparison > 0;
	}

	/**
	 * Format a value as Prometheus's {@code humanize} template function does: four
	 * significant digits and an SI prefix.
	 * @param value the value
	 * @return the formatted value
	 */
	static String humanize(BigDecimal value) {
		if (value.signum() == 0) {
			return "0";
		}
		String[] large = { "", "k", "M", "G", "T", "P", "E", "Z", "Y" };
		String[] small = { "", "m", "u", "n", "p", "f", "a", "z", "y" };
		BigDecimal v = value;
		String prefix = "";
		BigDecimal thousand = BigDecimal.valueOf(1000);
		if (v.abs().compareTo(BigDecimal.ONE) >= 0) {
			for (int i = 1; i < large.length && v.abs().compareTo(thousand) >= 0; i++) {
				v = v.divide(thousand);
				prefix = large[i];
			}
		}
		else {
			for (int i = 1; i < small.length && v.abs().compareTo(BigDecimal.ONE) < 0; i++) {
				v = v.multiply(thousand);
				prefix = small[i];
			}
		}
		return v.round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString() + prefix;
	}

	private static Map<String, String> with(Map<String, String> labels, String name, String value) {
		Map<String, String> result = new LinkedHashMap<>(labels);
		result.put(name, value);
		return result;
	}

	private static Map<String, Object> counter(String name, Map<String, String> labels, BigDecimal perMinute,
			long minutes) {
		return map("series", name + "{" + matchers(labels) + "}", "values", "0+" + number(perMinute) + "x" + minutes);
	}

	private static Map<String, Object> gauge(String name, Map<String, String> labels, BigDecimal value, Duration start,
			long minutes) {
		// Absent until the first evaluation that sees a rate, so that every alert of the
		// pack becomes active at the same evaluation
		long blanks = start.toMinutes();
		return map("series", name + "{" + matchers(labels) + "}", "values",
				"_x" + blanks + " " + number(value) + "x" + (minutes - blanks));
	}

	private static long ceil(long value, long step) {
		return ((value + step - 1) / step) * step;
	}

	private static Map<String, Object> map(String key1, Object value1, String key2, Object value2) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key1, value1);
		map.put(key2, value2);
		return map;
	}

}
