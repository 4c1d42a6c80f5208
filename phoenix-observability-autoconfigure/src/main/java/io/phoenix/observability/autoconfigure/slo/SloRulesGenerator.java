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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.phoenix.observability.autoconfigure.alerting.AlertPack;
import io.phoenix.observability.autoconfigure.alerting.ThresholdAlert;

import static io.phoenix.observability.autoconfigure.alerting.PromQl.duration;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.number;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.quote;

/**
 * Generates the Prometheus rule file of a {@link SloModel}: for each SLO its SLI
 * recordings, its metadata recordings and its burn-rate alerts, then the rules of the
 * {@link AlertPack}.
 * <p>
 * Recording rules are named as Sloth names them ({@code slo:sli_error:ratio_rate5m} and
 * so on, labels {@code sloth_id}, {@code sloth_service}, {@code sloth_slo},
 * {@code sloth_window}), so that dashboards built for Sloth work on them.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class SloRulesGenerator {

	private static final String SLI_ERROR = "slo:sli_error:ratio_rate";

	private final SloModel model;

	/**
	 * Create a new instance.
	 * @param model the objectives and alerts
	 */
	public SloRulesGenerator(SloModel model) {
		this.model = model;
	}

	/**
	 * Return the rule file, as a document to be written as YAML.
	 * @return the document
	 */
	public Map<String, Object> document() {
		List<Object> groups = new ArrayList<>();
		for (ServiceLevelObjective slo : this.model.objectives()) {
			groups.add(group("phoenix-slo-" + slo.id() + "-sli-recordings", sliRecordings(slo)));
			groups.add(group("phoenix-slo-" + slo.id() + "-meta-recordings", metaRecordings(slo)));
			List<Object> alerts = burnRateAlerts(slo);
			if (!alerts.isEmpty()) {
				groups.add(group("phoenix-slo-" + slo.id() + "-alerts", alerts));
			}
		}
		AlertPack pack = this.model.alertPack();
		if (!pack.alerts().isEmpty()) {
			groups.add(group("phoenix-" + pack.service() + "-alerts",
					pack.alerts().stream().map((alert) -> (Object) alert(pack.service(), alert)).toList()));
		}
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("groups", groups);
		return root;
	}

	private List<Object> sliRecordings(ServiceLevelObjective slo) {
		List<Object> rules = new ArrayList<>();
		for (Duration window : BurnRateAlert.WINDOWS) {
			rules.add(record(SLI_ERROR + duration(window), SliQueries.errorRatio(slo, window), sloLabels(slo, window)));
		}
		if (!BurnRateAlert.WINDOWS.contains(slo.window())) {
			String period = duration(slo.window());
			String fiveMinutes = SLI_ERROR + "5m{sloth_id=" + quote(slo.id()) + "}[" + period + "]";
			rules.add(record(
					SLI_ERROR + period, "sum_over_time(" + fiveMinutes
							+ ")\n/ ignoring (sloth_window)\ncount_over_time(" + fiveMinutes + ")",
					sloLabels(slo, slo.window())));
		}
		return rules;
	}

	private List<Object> metaRecordings(ServiceLevelObjective slo) {
		Map<String, String> labels = sloLabels(slo, null);
		String id = "{sloth_id=" + quote(slo.id()) + "}";
		String period = duration(slo.window());
		List<Object> rules = new ArrayList<>();
		rules.add(record("slo:objective:ratio", "vector(" + number(slo.objectiveRatio()) + ")", labels));
		rules.add(record("slo:error_budget:ratio", "vector(" + number(slo.errorBudget()) + ")", labels));
		rules.add(record("slo:time_period:days", "vector(" + number(slo.window().toMinutes() / 1440.0) + ")", labels));
		rules.add(record(
				"slo:current_burn_rate:ratio", SLI_ERROR + "5m" + id
						+ "\n/ on (sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio" + id,
				labels));
		rules.add(record("slo:period_burn_rate:ratio",
				SLI_ERROR + period + id
						+ "\n/ on (sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio" + id,
				labels));
		rules.add(record("slo:period_error_budget_remaining:ratio", "1 - slo:period_burn_rate:ratio" + id, labels));
		return rules;
	}

	private List<Object> burnRateAlerts(ServiceLevelObjective slo) {
		List<Object> rules = new ArrayList<>();
		for (BurnRateAlert alert : slo.alerts()) {
			String threshold = "(" + number(alert.burnRate()) + " * " + number(slo.errorBudget()) + ")";
			String id = "{sloth_id=" + quote(slo.id()) + "}";
			String expr = "(\n  max(" + SLI_ERROR + duration(alert.longWindow()) + id + " > " + threshold
					+ ") without (sloth_window)\n  and\n  max(" + SLI_ERROR + duration(alert.shortWindow()) + id + " > "
					+ threshold + ") without (sloth_window)\n)";
			Map<String, Object> rule = new LinkedHashMap<>();
			rule.put("alert", alert.alertName());
			rule.put("expr", expr);
			rule.put("labels", slo.alertLabels(alert));
			rule.put("annotations", slo.alertAnnotations(alert));
			rules.add(rule);
		}
		return rules;
	}

	private static Map<String, Object> alert(String service, ThresholdAlert alert) {
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("alert", alert.name());
		rule.put("expr", alert.expr());
		if (!alert.forDuration().isZero()) {
			rule.put("for", duration(alert.forDuration()));
		}
		rule.put("labels", alert.labels(service));
		rule.put("annotations", alert.annotations("{{ $value | humanize }}"));
		return rule;
	}

	private static Map<String, String> sloLabels(ServiceLevelObjective slo, Duration window) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("sloth_id", slo.id());
		labels.put("sloth_service", slo.service());
		labels.put("sloth_slo", slo.name());
		if (window != null) {
			labels.put("sloth_window", duration(window));
		}
		labels.put("service", slo.service());
		labels.put("slo", slo.name());
		return labels;
	}

	private static Map<String, Object> record(String name, String expr, Map<String, String> labels) {
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("record", name);
		rule.put("expr", expr);
		rule.put("labels", labels);
		return rule;
	}

	private static Map<String, Object> group(String name, List<Object> rules) {
		Map<String, Object> group = new LinkedHashMap<>();
		group.put("name", name);
		group.put("rules", rules);
		return group;
	}

}
