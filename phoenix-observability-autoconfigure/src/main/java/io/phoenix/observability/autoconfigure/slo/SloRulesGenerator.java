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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.phoenix.observability.autoconfigure.slo.SloProperties.LatencyThreshold;
import io.phoenix.observability.autoconfigure.slo.SloProperties.LlmThreshold;
import io.phoenix.observability.autoconfigure.slo.SloProperties.Rules;
import io.phoenix.observability.autoconfigure.slo.SloProperties.Threshold;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import static io.phoenix.observability.autoconfigure.slo.PromQl.duration;
import static io.phoenix.observability.autoconfigure.slo.PromQl.number;
import static io.phoenix.observability.autoconfigure.slo.PromQl.quote;

/**
 * Generates, from the SLOs of a service, the Prometheus recording and alert rules, a
 * {@code promtool test rules} file that proves each burn-rate alert, and a matching
 * Alertmanager configuration.
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

	private final String service;

	private final List<ServiceLevelObjective> objectives;

	private final SloProperties properties;

	/**
	 * Create a new instance.
	 * @param service the name of the service
	 * @param properties the SLO properties
	 */
	public SloRulesGenerator(String service, SloProperties properties) {
		this.service = service;
		this.properties = properties;
		this.objectives = ServiceLevelObjective.of(service, properties);
	}

	public List<ServiceLevelObjective> getObjectives() {
		return this.objectives;
	}

	/**
	 * Return the Prometheus rule file: SLI recordings, SLO metadata and burn-rate alerts
	 * for each SLO, and the default alert rules.
	 * @return the rule file, as YAML
	 */
	public String rulesYaml() {
		return yaml(rules());
	}

	/**
	 * Return the {@code promtool test rules} file for the rule file.
	 * @param rulesFile the name of the rule file, relative to the test file
	 * @return the test file, as YAML
	 */
	public String ruleTestsYaml(String rulesFile) {
		return yaml(ruleTests(rulesFile));
	}

	/**
	 * Return the Alertmanager configuration.
	 * @return the configuration, as YAML
	 */
	public String alertmanagerYaml() {
		return yaml(alertmanager());
	}

	Map<String, Object> rules() {
		List<Object> groups = new ArrayList<>();
		for (ServiceLevelObjective slo : this.objectives) {
			groups.add(group("phoenix-slo-" + slo.id() + "-sli-recordings", sliRecordings(slo)));
			groups.add(group("phoenix-slo-" + slo.id() + "-meta-recordings", metaRecordings(slo)));
			List<Object> alerts = burnRateAlerts(slo);
			if (!alerts.isEmpty()) {
				groups.add(group("phoenix-slo-" + slo.id() + "-alerts", alerts));
			}
		}
		List<Object> defaults = defaultAlerts(this.properties.getRules());
		if (!defaults.isEmpty()) {
			groups.add(group("phoenix-" + this.service + "-alerts", defaults));
		}
		return map("groups", groups);
	}

	private List<Object> sliRecordings(ServiceLevelObjective slo) {
		List<Object> rules = new ArrayList<>();
		for (Duration window : BurnRateAlert.WINDOWS) {
			rules.add(record(SLI_ERROR + duration(window), PromQl.errorRatio(slo, window), sloLabels(slo, window)));
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
		for (BurnRateAlert alert : BurnRateAlert.values()) {
			if (!alert.enabledFor(slo)) {
				continue;
			}
			String threshold = "(" + number(alert.burnRate()) + " * " + number(slo.errorBudget()) + ")";
			String id = "{sloth_id=" + quote(slo.id()) + "}";
			String expr = "(\n  max(" + SLI_ERROR + duration(alert.longWindow()) + id + " > " + threshold
					+ ") without (sloth_window)\n  and\n  max(" + SLI_ERROR + duration(alert.shortWindow()) + id + " > "
					+ threshold + ") without (sloth_window)\n)";
			Map<String, Object> rule = new LinkedHashMap<>();
			rule.put("alert", alert.alertName());
			rule.put("expr", expr);
			rule.put("labels", burnRateLabels(slo, alert));
			rule.put("annotations", burnRateAnnotations(slo, alert));
			rules.add(rule);
		}
		return rules;
	}

	Map<String, String> burnRateLabels(ServiceLevelObjective slo, BurnRateAlert alert) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("severity", alert.severity());
		labels.put("slo", slo.name());
		labels.put("service", slo.service());
		return labels;
	}

	Map<String, String> burnRateAnnotations(ServiceLevelObjective slo, BurnRateAlert alert) {
		BigDecimal ratio = alert.burnRate().multiply(slo.errorBudget()).multiply(BigDecimal.valueOf(100));
		Duration exhaustion = Duration.ofSeconds((long) (slo.window().toSeconds() / alert.burnRate().doubleValue()));
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", "%s is burning the error budget of SLO %s %sx too fast".formatted(slo.service(),
				slo.name(), number(alert.burnRate())));
		annotations.put("description",
				("%s. The error ratio is above %s%% (%sx the %s%% budget) over both the last "
						+ "%s and the last %s: at this rate the %s budget is gone in %s.")
					.formatted(slo.description(), number(ratio), number(alert.burnRate()),
							number(slo.errorBudget().multiply(BigDecimal.valueOf(100))), duration(alert.longWindow()),
							duration(alert.shortWindow()), duration(slo.window()), human(exhaustion)));
		annotations.put("runbook_url", slo.runbookUrl(alert.alertName()));
		return annotations;
	}

	private static String human(Duration duration) {
		long hours = duration.toHours();
		return (hours >= 48) ? (hours / 24) + " days" : hours + " hours";
	}

	private List<Object> defaultAlerts(Rules rules) {
		List<Object> alerts = new ArrayList<>();
		String s = "service=" + quote(this.service);
		Threshold errorRate = rules.getErrorRate();
		if (errorRate.isEnabled()) {
			String ratio = "sum by (service) (rate(http_server_requests_seconds_count{" + s
					+ ",outcome=\"SERVER_ERROR\"}[5m]))\n/\nsum by (service) (rate(http_server_requests_seconds_count{"
					+ s + "}[5m]))";
			addPair(alerts, "PhoenixHighErrorRate", ratio, " > ", errorRate, true,
					"More than %s%% of the requests to " + this.service + " fail with a server error");
		}
		LatencyThreshold latency = rules.getLatencyP95();
		if (latency.isEnabled()) {
			String p95 = "histogram_quantile(0.95,\n  sum by (service, le) (rate(http_server_requests_seconds_bucket{"
					+ s + "}[5m])))";
			alerts.add(alert("PhoenixHighLatencyP95", p95 + " > " + number(latency.getWarning().toNanos() / 1e9),
					latency.getWarningFor(), "warning",
					"95th percentile latency of " + this.service + " is above " + duration(latency.getWarning())));
			alerts.add(alert("PhoenixHighLatencyP95", p95 + " > " + number(latency.getCritical().toNanos() / 1e9),
					latency.getCriticalFor(), "critical",
					"95th percentile latency of " + this.service + " is above " + duration(latency.getCritical())));
		}
		LlmThreshold llm = rules.getLlmFailures();
		if (llm.isEnabled()) {
			String ratio = "sum by (service) (rate(" + llm.getMetric() + "{" + s + "," + llm.getErrorMatcher()
					+ "}[5m]))\n/\nsum by (service) (rate(" + llm.getMetric() + "{" + s + "}[5m]))";
			addPair(alerts, "PhoenixLlmRequestFailures", ratio, " > ", llm, true,
					"More than %s%% of the LLM requests of " + this.service + " fail");
		}
		Threshold cpu = rules.getCpu();
		if (cpu.isEnabled()) {
			addPair(alerts, "PhoenixHighCpuUsage", "max by (service, instance) (process_cpu_usage{" + s + "})", " > ",
					cpu, true, "CPU usage of " + this.service + " is above %s%%");
		}
		Threshold memory = rules.getMemory();
		if (memory.isEnabled()) {
			String ratio = "sum by (service, instance) (jvm_memory_used_bytes{" + s + ",area=\"heap\"})\n/\n"
					+ "sum by (service, instance) (jvm_memory_max_bytes{" + s + ",area=\"heap\"} > 0)";
			addPair(alerts, "PhoenixHighMemoryUsage", ratio, " > ", memory, true,
					"Heap usage of " + this.service + " is above %s%% of the maximum");
		}
		Threshold disk = rules.getDiskFree();
		if (disk.isEnabled()) {
			String ratio = "min by (service, instance, path) (disk_free_bytes{" + s + "} / disk_total_bytes{" + s
					+ "})";
			addPair(alerts, "PhoenixLowDiskSpace", ratio, " < ", disk, true,
					"Less than %s%% of the disk of " + this.service + " is free");
		}
		Threshold breaker = rules.getCircuitBreaker();
		if (breaker.isEnabled()) {
			String open = "count by (service) (resilience4j_circuitbreaker_state{" + s + ",state=\"open\"} == 1)";
			addPair(alerts, "PhoenixCircuitBreakerOpen", open, " > ", breaker, false,
					"More than %s circuit breakers of " + this.service + " are open");
		}
		return alerts;
	}

	private void addPair(List<Object> alerts, String name, String expr, String operator, Threshold threshold,
			boolean percent, String summary) {
		double warning = percent ? threshold.getWarning() / 100 : threshold.getWarning();
		double critical = percent ? threshold.getCritical() / 100 : threshold.getCritical();
		alerts.add(alert(name, expr + operator + number(warning), threshold.getWarningFor(), "warning",
				summary.formatted(number(threshold.getWarning()))));
		alerts.add(alert(name, expr + operator + number(critical), threshold.getCriticalFor(), "critical",
				summary.formatted(number(threshold.getCritical()))));
	}

	private Map<String, Object> alert(String name, String expr, Duration forDuration, String severity, String summary) {
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("alert", name);
		rule.put("expr", expr);
		if (!forDuration.isZero()) {
			rule.put("for", duration(forDuration));
		}
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("severity", severity);
		labels.put("service", this.service);
		rule.put("labels", labels);
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", summary);
		annotations.put("description", summary + " (current value: {{ $value | humanize }}).");
		annotations.put("runbook_url",
				this.properties.getAlerting().getRunbookUrl() + "#" + name.toLowerCase(java.util.Locale.ROOT));
		rule.put("annotations", annotations);
		return rule;
	}

	private Map<String, String> sloLabels(ServiceLevelObjective slo, Duration window) {
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

	Map<String, Object> ruleTests(String rulesFile) {
		return new SloRuleTests(this).tests(rulesFile);
	}

	Map<String, Object> alertmanager() {
		SloProperties.Alertmanager config = this.properties.getAlertmanager();
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("global", map("resolve_timeout", "5m"));
		Map<String, Object> route = new LinkedHashMap<>();
		route.put("receiver", "default");
		route.put("group_by", List.of("alertname", "service", "slo"));
		route.put("group_wait", "30s");
		route.put("group_interval", "5m");
		route.put("repeat_interval", "4h");
		route.put("routes", List.of(Map.of("receiver", "pagerduty", "matchers", List.of("severity=~\"critical|page\"")),
				Map.of("receiver", "slack", "matchers", List.of("severity=~\"warning|ticket\""))));
		root.put("route", route);
		root.put("inhibit_rules", List.of(inhibit("critical", "warning", List.of("alertname", "service")),
				inhibit("page", "ticket", List.of("slo", "service"))));
		Map<String, Object> slack = new LinkedHashMap<>();
		slack.put("api_url", config.getSlackWebhookUrl());
		slack.put("channel", config.getSlackChannel());
		slack.put("send_resolved", true);
		slack.put("title", "{{ .CommonLabels.severity }}: {{ .CommonAnnotations.summary }}");
		slack.put("text", "{{ .CommonAnnotations.description }}\nRunbook: {{ .CommonAnnotations.runbook_url }}");
		Map<String, Object> pagerduty = new LinkedHashMap<>();
		pagerduty.put("routing_key", config.getPagerdutyRoutingKey());
		pagerduty.put("send_resolved", true);
		pagerduty.put("description", "{{ .CommonAnnotations.summary }}");
		root.put("receivers",
				List.of(Map.of("name", "default", "webhook_configs",
						List.of(map("url", config.getWebhookUrl(), "send_resolved", true))),
						Map.of("name", "pagerduty", "pagerduty_configs", List.of(pagerduty)),
						Map.of("name", "slack", "slack_configs", List.of(slack))));
		return root;
	}

	private static Map<String, Object> inhibit(String source, String target, List<String> equal) {
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("source_matchers", List.of("severity=\"" + source + "\""));
		rule.put("target_matchers", List.of("severity=\"" + target + "\""));
		rule.put("equal", equal);
		return rule;
	}

	static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/**
	 * Write a document as block-style YAML, multi-line strings as literal blocks.
	 * @param document the document
	 * @return the YAML
	 */
	static String yaml(Object document) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndicatorIndent(2);
		options.setIndentWithIndicator(true);
		options.setWidth(160);
		options.setSplitLines(false);
		Representer representer = new Representer(options) {
			{
				this.representers.put(String.class, (data) -> {
					String value = (String) data;
					return representScalar(Tag.STR, value,
							value.contains("\n") ? DumperOptions.ScalarStyle.LITERAL : this.defaultScalarStyle);
				});
			}
		};
		return new Yaml(representer, options).dump(document);
	}

}
