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
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.phoenix.observability.autoconfigure.alerting.AlertPackRuleTestGenerator;
import org.jspecify.annotations.Nullable;

import static io.phoenix.observability.autoconfigure.alerting.PromQl.duration;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.labelName;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.matchers;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.number;

/**
 * Unit tests for {@code promtool test rules}: for each burn-rate alert of each SLO,
 * synthetic series of the SLI's own metrics with an error ratio 5% above the alert's
 * threshold, where the alert must fire, and 5% below it, where it must stay silent. The
 * series carry label values that the SLI's tag matchers select, for its bad events and
 * for its good ones, taken from the values the matchers name and from their regexes read
 * as literals (each alternative, without or with its optional groups). Ratio SLIs are
 * left out, their series being whatever their expressions select, and so is an SLI whose
 * matchers name no such values. The cases of the default alert pack, from
 * {@link AlertPackRuleTestGenerator}, follow.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class SloRuleTestGenerator {

	/**
	 * Events per minute in the synthetic series.
	 */
	private static final BigDecimal EVENTS_PER_MINUTE = BigDecimal.valueOf(10000);

	// Rules are evaluated every 5 minutes: fine enough for the 5m window, and days of
	// series stay fast to evaluate
	private static final Duration EVALUATION_INTERVAL = Duration.ofMinutes(5);

	private static final BigDecimal ABOVE = new BigDecimal("1.05");

	private static final BigDecimal BELOW = new BigDecimal("0.95");

	private static final List<String> NEUTRAL_VALUES = List.of("SUCCESS", "OK", "other");

	private final SloModel model;

	/**
	 * Create a new instance.
	 * @param model the objectives and alerts
	 */
	public SloRuleTestGenerator(SloModel model) {
		this.model = model;
	}

	/**
	 * Return the test file, as a document to be written as YAML.
	 * @param rulesFile the name of the rule file, relative to the test file
	 * @return the document
	 */
	public Map<String, Object> document(String rulesFile) {
		List<Object> tests = new ArrayList<>();
		for (ServiceLevelObjective slo : this.model.objectives()) {
			if (slo.kind() == SliKind.RATIO || !hasSeries(slo)) {
				continue;
			}
			for (BurnRateAlert alert : slo.alerts()) {
				tests.add(test(slo, alert, ABOVE, true));
				tests.add(test(slo, alert, BELOW, false));
			}
		}
		tests.addAll(new AlertPackRuleTestGenerator(this.model.alertPack()).tests(EVALUATION_INTERVAL));
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("rule_files", List.of(rulesFile));
		root.put("evaluation_interval", duration(EVALUATION_INTERVAL));
		root.put("tests", tests);
		return root;
	}

	private Map<String, Object> test(ServiceLevelObjective slo, BurnRateAlert alert, BigDecimal factor, boolean fires) {
		BigDecimal errorRatio = alert.burnRate().multiply(slo.errorBudget()).multiply(factor).min(BigDecimal.ONE);
		// One sample a minute where the short window is 5m, else one every five minutes
		long step = alert.shortWindow().toMinutes() <= 5 ? 1 : 5;
		BigDecimal perStep = EVENTS_PER_MINUTE.multiply(BigDecimal.valueOf(step));
		BigDecimal bad = perStep.multiply(errorRatio).setScale(6, RoundingMode.HALF_EVEN);
		BigDecimal good = perStep.subtract(bad);
		// Long enough for the long window to be full of the synthetic error ratio
		long samples = (alert.longWindow().toMinutes() + 10) / step;
		Duration evalTime = alert.longWindow().plusMinutes(5);
		Map<String, Object> test = new LinkedHashMap<>();
		test.put("name",
				"%s %s %s at %s%% errors (%sx its threshold)".formatted(slo.name(), alert.alertName(),
						fires ? "fires" : "stays silent", number(errorRatio.multiply(BigDecimal.valueOf(100))),
						number(factor)));
		test.put("interval", step + "m");
		test.put("input_series", series(slo, good, bad, perStep, samples));
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("eval_time", duration(evalTime));
		expected.put("alertname", alert.alertName());
		List<Object> alerts = new ArrayList<>();
		if (fires) {
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put("sloth_id", slo.id());
			labels.put("sloth_service", slo.service());
			labels.put("sloth_slo", slo.name());
			labels.putAll(slo.alertLabels(alert));
			alerts.add(map("exp_labels", labels, "exp_annotations", slo.alertAnnotations(alert)));
		}
		expected.put("exp_alerts", alerts);
		test.put("alert_rule_test", List.of(expected));
		return test;
	}

	private List<Object> series(ServiceLevelObjective slo, BigDecimal good, BigDecimal bad, BigDecimal all,
			long minutes) {
		List<Object> series = new ArrayList<>();
		if (slo.kind() == SliKind.AVAILABILITY) {
			Map<String, String> errors = labels(slo, slo.sli().badEvents(), null);
			Map<String, String> successes = successLabels(slo);
			series.add(counter(SliQueries.countSeries(slo), errors, bad, minutes));
			series.add(counter(SliQueries.countSeries(slo), successes, good, minutes));
		}
		else {
			Map<String, String> base = labels(slo, List.of(), null);
			Map<String, String> fast = new LinkedHashMap<>(base);
			fast.put("le", SliQueries.le(slo.sli().threshold()));
			series.add(counter(SliQueries.countSeries(slo), base, all, minutes));
			series.add(counter(SliQueries.bucketSeries(slo), fast, good, minutes));
		}
		return series;
	}

	/**
	 * Return whether synthetic series can be written for an SLO: label values that its
	 * event matchers select, for its bad events and for its good ones.
	 */
	private static boolean hasSeries(ServiceLevelObjective slo) {
		if (labels(slo, List.of(), null) == null) {
			return false;
		}
		return slo.kind() != SliKind.AVAILABILITY
				|| (labels(slo, slo.sli().badEvents(), null) != null && successLabels(slo) != null);
	}

	// A good event satisfies every event matcher and fails one bad event matcher
	private static @Nullable Map<String, String> successLabels(ServiceLevelObjective slo) {
		for (TagMatcher failed : slo.sli().badEvents()) {
			Map<String, String> labels = labels(slo, List.of(), failed);
			if (labels != null) {
				return labels;
			}
		}
		return null;
	}

	/**
	 * Return the labels of a series that the SLO's event matchers and the given ones
	 * select, and the failed matcher, if any, does not; {@code null} when no value tried
	 * fits. The values tried are those the matchers name (a regex's literal alternatives
	 * included), then a few neutral ones.
	 */
	private static @Nullable Map<String, String> labels(ServiceLevelObjective slo, List<TagMatcher> also,
			@Nullable TagMatcher failed) {
		Map<String, List<TagMatcher>> byLabel = new LinkedHashMap<>();
		byLabel.computeIfAbsent("service", (label) -> new ArrayList<>())
			.add(TagMatcher.equal("service", slo.service()));
		for (TagMatcher matcher : slo.sli().events()) {
			byLabel.computeIfAbsent(labelName(matcher.tag()), (label) -> new ArrayList<>()).add(matcher);
		}
		for (TagMatcher matcher : also) {
			byLabel.computeIfAbsent(labelName(matcher.tag()), (label) -> new ArrayList<>()).add(matcher);
		}
		if (failed != null) {
			byLabel.computeIfAbsent(labelName(failed.tag()), (label) -> new ArrayList<>());
		}
		Map<String, String> labels = new LinkedHashMap<>();
		for (Map.Entry<String, List<TagMatcher>> entry : byLabel.entrySet()) {
			boolean failsHere = failed != null && labelName(failed.tag()).equals(entry.getKey());
			Set<String> candidates = new LinkedHashSet<>();
			entry.getValue().forEach((matcher) -> candidates.addAll(examples(matcher)));
			if (failsHere) {
				candidates.addAll(examples(failed));
			}
			candidates.addAll(NEUTRAL_VALUES);
			String value = candidates.stream()
				.filter((candidate) -> entry.getValue().stream().allMatch((matcher) -> matcher.matches(candidate)))
				.filter((candidate) -> !failsHere || !failed.matches(candidate))
				.findFirst()
				.orElse(null);
			if (value == null) {
				return null;
			}
			labels.put(entry.getKey(), value);
		}
		return labels;
	}

	private static List<String> examples(TagMatcher matcher) {
		List<String> examples = new ArrayList<>();
		examples.add(matcher.value());
		if (matcher.operator().regex()) {
			// Literal alternatives, then the regex without its optional groups, then with
			// the groups' contents
			for (String alternative : matcher.value().split("(?<!\\\\)\\|")) {
				examples.add(alternative.replaceAll("\\\\(.)", "$1"));
			}
			examples
				.add(matcher.value().replaceAll("(?<!\\\\)\\([^()]*(?<!\\\\)\\)\\?", "").replaceAll("\\\\(.)", "$1"));
			examples.add(matcher.value().replaceAll("(?<!\\\\)[()?]", "").replaceAll("\\\\(.)", "$1"));
		}
		return examples;
	}

	private static Map<String, Object> counter(String name, Map<String, String> labels, BigDecimal perStep,
			long samples) {
		return map("series", name + "{" + matchers(labels) + "}", "values", "0+" + number(perStep) + "x" + samples);
	}

	private static Map<String, Object> map(String key1, Object value1, String key2, Object value2) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key1, value1);
		map.put(key2, value2);
		return map;
	}

}
