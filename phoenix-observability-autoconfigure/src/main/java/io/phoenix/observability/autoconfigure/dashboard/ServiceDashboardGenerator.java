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

package io.phoenix.observability.autoconfigure.dashboard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboard.BurnRate;
import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboard.Dependency;
import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboard.Objective;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the Grafana dashboard of a {@link ServiceDashboard}, in the model of the
 * dashboards under {@code docs/dashboards}: schema version 39, current panel types, a
 * Prometheus datasource variable, {@code service} (a constant: the dashboard is this
 * service's) and {@code instance} variables, and a runbook link on every panel that an
 * alert watches.
 * <p>
 * A row per SLO reads the Sloth-named recording rules of the generated rule file; the
 * dependencies row reads {@code phoenix_dependency_*} and, for a dependency behind a
 * circuit breaker, Resilience4j's meters; the pipelines row, templated over the pipelines
 * the service reports, reads the pipeline meters.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class ServiceDashboardGenerator {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	// Fixed indentation and line ends: the served and the written file are the same bytes
	// whatever the platform
	private static final DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
		.withObjectIndenter(new DefaultIndenter("  ", "\n"))
		.withArrayIndenter(new DefaultIndenter("  ", "\n"));

	private static final String SCOPE = "service=\"$service\",instance=~\"$instance\"";

	private static final String CIRCUIT_BREAKER_OPEN = "PhoenixCircuitBreakerOpen";

	private final ServiceDashboard dashboard;

	private final List<ObjectNode> panels = new ArrayList<>();

	private int x;

	private int y;

	private int rowHeight;

	/**
	 * Create a new instance.
	 * @param dashboard what the dashboard shows
	 */
	public ServiceDashboardGenerator(ServiceDashboard dashboard) {
		this.dashboard = dashboard;
	}

	/**
	 * Return the dashboard as JSON, to import into Grafana or to provision.
	 * @return the JSON, indented, ending with a line feed
	 */
	public static String json(ServiceDashboard dashboard) {
		return mapper.writer().with(printer).writeValueAsString(new ServiceDashboardGenerator(dashboard).document())
				+ "\n";
	}

	/**
	 * Return the dashboard as a JSON tree.
	 * @return the dashboard
	 */
	public ObjectNode document() {
		this.panels.clear();
		this.x = 0;
		this.y = 0;
		this.rowHeight = 0;
		for (Objective objective : this.dashboard.objectives()) {
			objective(objective);
		}
		if (!this.dashboard.dependencies().isEmpty()) {
			dependencies();
		}
		if (this.dashboard.pipelines()) {
			pipelines();
		}
		String service = this.dashboard.service();
		ObjectNode root = mapper.createObjectNode();
		// Grafana's uids are at most 40 characters
		String uid = "phoenix-svc-" + service;
		root.put("uid", (uid.length() > 40) ? uid.substring(0, 40) : uid);
		root.put("title", "Phoenix / " + service);
		root.put("description", "Generated for " + service
				+ " from what it declares: its SLOs, its dependencies and their circuit breakers, and its pipelines.");
		ArrayNode tags = root.putArray("tags");
		tags.add("phoenix");
		tags.add("generated");
		root.put("timezone", "browser");
		root.put("schemaVersion", 39);
		root.put("version", 1);
		root.put("editable", true);
		root.put("graphTooltip", 1);
		root.put("refresh", "30s");
		ObjectNode time = root.putObject("time");
		time.put("from", "now-1h");
		time.put("to", "now");
		root.putObject("timepicker");
		root.putObject("annotations").putArray("list");
		ObjectNode link = root.putArray("links").addObject();
		link.put("title", "Phoenix dashboards");
		link.put("type", "dashboards");
		link.putArray("tags").add("phoenix");
		link.put("asDropdown", true);
		link.put("keepTime", true);
		// Carries the service to the shared dashboards
		link.put("includeVars", true);
		templating(root.putObject("templating").putArray("list"));
		ArrayNode panels = root.putArray("panels");
		int id = 1;
		for (ObjectNode panel : this.panels) {
			panel.put("id", id++);
			panels.add(panel);
		}
		return root;
	}

	private void templating(ArrayNode list) {
		ObjectNode datasource = list.addObject();
		datasource.put("name", "datasource");
		datasource.put("label", "Prometheus");
		datasource.put("type", "datasource");
		datasource.put("query", "prometheus");
		datasource.putObject("current");
		datasource.put("hide", 0);
		datasource.put("refresh", 1);
		ObjectNode service = list.addObject();
		service.put("name", "service");
		service.put("label", "Service");
		service.put("type", "constant");
		service.put("query", this.dashboard.service());
		ObjectNode current = service.putObject("current");
		current.put("text", this.dashboard.service());
		current.put("value", this.dashboard.service());
		service.put("hide", 2);
		list.add(queryVariable("instance", "Instance",
				"label_values(process_uptime_seconds{service=\"$service\"}, instance)"));
		if (this.dashboard.pipelines()) {
			list.add(queryVariable("pipeline", "Pipeline",
					"label_values(pipeline_executions_total{service=\"$service\"}, pipeline)"));
		}
	}

	private static ObjectNode queryVariable(String name, String label, String query) {
		ObjectNode variable = mapper.createObjectNode();
		variable.put("name", name);
		variable.put("label", label);
		variable.put("type", "query");
		variable.set("datasource", datasource());
		ObjectNode definition = variable.putObject("query");
		definition.put("query", query);
		definition.put("refId", name);
		variable.put("definition", query);
		variable.put("refresh", 2);
		variable.put("sort", 1);
		variable.put("includeAll", true);
		variable.put("allValue", ".+");
		variable.put("multi", true);
		variable.putObject("current");
		variable.put("hide", 0);
		return variable;
	}

	private void objective(Objective objective) {
		row("SLO " + objective.name() + ": " + objective.description());
		String slo = "{sloth_service=\"$service\",sloth_slo=\"" + objective.name() + "\"}";
		List<BurnRate> alerts = objective.alerts();
		BurnRate slowest = alerts.isEmpty() ? null : alerts.get(alerts.size() - 1);
		BurnRate fastest = alerts.isEmpty() ? null : alerts.get(0);

		ObjectNode target = stat("Objective", "percentunit", 6, 5, "The share of good events that the SLO promises.",
				steps("green", null));
		target.put("decimals", 2);
		query(target, "max(slo:objective:ratio" + slo + ")", objective.name());

		ObjectNode sli = stat("SLI over " + objective.window(), "percentunit", 6, 5,
				"Good events over all events, over the SLO window; red below the objective.",
				steps("red", null, "green", objective.objective()));
		sli.put("decimals", 3);
		query(sli, "1 - max(slo:sli_error:ratio_rate" + objective.window() + slo + ")", objective.name());

		ObjectNode budget = stat("Error budget remaining", "percentunit", 6, 5,
				"Share of the error budget of the " + objective.window() + " window not yet spent."
						+ alertsSentence(slowest),
				steps("red", null, "orange", BigDecimal.ZERO, "green", new BigDecimal("0.25")));
		query(budget, "max(slo:period_error_budget_remaining:ratio" + slo + ")", objective.name());
		runbooks(budget, slowest);

		ObjectNode current = stat("Current burn rate (5m)", "x", 6, 5,
				"Error ratio over the last 5 minutes divided by the error budget; 1 spends the budget exactly in the SLO window."
						+ alertsSentence(fastest),
				steps("green", null, "orange", BigDecimal.ONE, "red",
						(fastest != null) ? fastest.burnRate() : new BigDecimal("14.4")));
		query(current, "max(slo:current_burn_rate:ratio" + slo + ")", objective.name());
		runbooks(current, fastest);

		List<@Nullable Object> burnSteps = new ArrayList<>();
		burnSteps.add("green");
		burnSteps.add(null);
		String[] colors = { "purple", "red", "orange", "yellow" };
		for (int i = alerts.size() - 1; i >= 0; i--) {
			burnSteps.add(colors[Math.min(i, colors.length - 1)]);
			burnSteps.add(alerts.get(i).burnRate());
		}
		ObjectNode burn = timeseries("Burn rate by window", "x", 12, 8,
				"Error ratio over each window divided by the error budget."
						+ (alerts.isEmpty() ? " The SLO has no burn-rate alerts."
								: " Alerts fire above " + alerts.stream()
									.map((alert) -> alert.burnRate().toPlainString() + " (" + alert.alert() + ")")
									.collect(Collectors.joining(", ")) + ", over both of their windows.")
						+ alertsSentence(alerts.toArray(BurnRate[]::new)),
				steps(burnSteps.toArray()));
		String windows = String.join("|", objective.windows());
		query(burn,
				"max by (sloth_window) (\n  {__name__=~\"slo:sli_error:ratio_rate(" + windows
						+ ")\",sloth_service=\"$service\",sloth_slo=\"" + objective.name()
						+ "\"}\n  / ignoring (sloth_window) group_left\n  slo:error_budget:ratio" + slo + "\n)",
				"{{sloth_window}}");
		runbooks(burn, alerts.toArray(BurnRate[]::new));

		ObjectNode remaining = timeseries("Error budget remaining over time", "percentunit", 12, 8,
				"Share of the error budget of the " + objective.window() + " window not yet spent.",
				steps("red", null, "orange", BigDecimal.ZERO, "green", new BigDecimal("0.25")));
		query(remaining, "max(slo:period_error_budget_remaining:ratio" + slo + ")", "remaining");
	}

	private void dependencies() {
		row("Dependencies");
		for (Dependency dependency : this.dashboard.dependencies()) {
			String selector = "{" + SCOPE + ",dependency=\"" + dependency.name() + "\"}";
			ObjectNode up = stat(dependency.name() + " (" + dependency.type() + ")", "none", 6, 5,
					"The checks of the " + dependency.type() + " dependency " + dependency.name()
							+ (dependency.critical() ? "; critical: readiness fails while it is down."
									: "; not critical: readiness ignores it."),
					steps("red", null, "green", BigDecimal.ONE));
			ObjectNode mappings = up.withObject("fieldConfig").withObject("defaults").putArray("mappings").addObject();
			mappings.put("type", "value");
			ObjectNode options = mappings.putObject("options");
			options.putObject("1").put("text", "UP").put("color", "green");
			options.putObject("0").put("text", "DOWN").put("color", "red");
			query(up, "min by (instance) (phoenix_dependency_up" + selector + ")", "{{instance}}");
			String breaker = dependency.circuitBreaker();
			if (breaker != null) {
				circuitBreaker(dependency, breaker);
			}
		}
		ObjectNode checks = timeseries("Dependency check duration", "s", 24, 8,
				"Mean time a check took, by dependency and outcome.", steps("green", null));
		query(checks, "sum by (dependency, outcome) (rate(phoenix_dependency_check_duration_seconds_sum{" + SCOPE
				+ "}[$__rate_interval]))\n/\nsum by (dependency, outcome) (rate(phoenix_dependency_check_duration_seconds_count{"
				+ SCOPE + "}[$__rate_interval]))", "{{dependency}} {{outcome}}");
	}

	private void circuitBreaker(Dependency dependency, String breaker) {
		String selector = "{" + SCOPE + ",name=\"" + breaker + "\"}";
		String runbook = this.dashboard.runbooks().get(CIRCUIT_BREAKER_OPEN);
		BurnRate open = (runbook != null) ? new BurnRate(CIRCUIT_BREAKER_OPEN, BigDecimal.ONE, runbook) : null;
		ObjectNode state = stat("Circuit breaker " + breaker, "none", 6, 5,
				"The state the circuit breaker in front of " + dependency.name() + " is in." + alertsSentence(open),
				steps("green", null));
		state.withObject("options").put("textMode", "name");
		ArrayNode overrides = state.withObject("fieldConfig").putArray("overrides");
		stateColor(overrides, "closed", "green");
		stateColor(overrides, "half_open", "orange");
		stateColor(overrides, "open", "red");
		stateColor(overrides, "forced_open", "red");
		query(state, "max by (state) (resilience4j_circuitbreaker_state" + selector + ") == 1", "{{state}}");
		runbooks(state, open);

		ObjectNode failures = gauge("Failure rate of " + breaker, "percent", 6, 5,
				"Share of the recent calls through the breaker that failed; -1 until it has seen enough calls."
						+ alertsSentence(open),
				steps("green", null, "orange", new BigDecimal("25"), "red", new BigDecimal("50")));
		failures.withObject("fieldConfig").withObject("defaults").put("min", -1).put("max", 100);
		query(failures, "max(resilience4j_circuitbreaker_failure_rate" + selector + ")", breaker);
		runbooks(failures, open);

		ObjectNode calls = timeseries("Calls through " + breaker, "ops", 6, 5,
				"Calls the breaker let through, by outcome.", steps("green", null));
		query(calls, "sum by (kind) (rate(resilience4j_circuitbreaker_calls_seconds_count" + selector
				+ "[$__rate_interval]))", "{{kind}}");
	}

	private static void stateColor(ArrayNode overrides, String state, String color) {
		ObjectNode override = overrides.addObject();
		ObjectNode matcher = override.putObject("matcher");
		matcher.put("id", "byName");
		matcher.put("options", state);
		ObjectNode property = override.putArray("properties").addObject();
		property.put("id", "color");
		property.putObject("value").put("mode", "fixed").put("fixedColor", color);
	}

	private void pipelines() {
		row("Pipelines");
		String runs = "pipeline_executions_total{" + SCOPE + ",pipeline=~\"$pipeline\"";
		ObjectNode success = timeseries("Success ratio by pipeline", "percentunit", 12, 8,
				"Runs that ended in success over all runs that ended.",
				steps("red", null, "orange", new BigDecimal("0.95"), "green", new BigDecimal("0.995")));
		// A pipeline that never succeeds has no success series: 0, not missing
		query(success,
				"(sum by (pipeline) (rate(" + runs + ",status=\"success\"}[$__rate_interval]))\nor 0 * "
						+ "sum by (pipeline) (rate(" + runs + "}[$__rate_interval])))\n/\n" + "sum by (pipeline) (rate("
						+ runs + "}[$__rate_interval]))",
				"{{pipeline}}");
		ObjectNode latency = timeseries("p99 duration by pipeline", "s", 12, 8,
				"99th percentile of the duration of runs, from the histogram buckets.", steps("green", null));
		query(latency, "histogram_quantile(0.99,\n  sum by (pipeline, le) (rate(pipeline_duration_seconds_bucket{"
				+ SCOPE + ",pipeline=~\"$pipeline\"}[$__rate_interval])))", "{{pipeline}}");
		ObjectNode outcomes = timeseries("Runs by pipeline and status", "ops", 12, 8,
				"Runs per second by how they ended: success, error, timeout or the reason the run gave.",
				steps("green", null));
		query(outcomes, "sum by (pipeline, status) (rate(" + runs + "}[$__rate_interval]))", "{{pipeline}} {{status}}");
		ObjectNode active = stat("Runs in flight", "none", 12, 8, "Runs in progress now.", steps("green", null));
		query(active, "sum by (pipeline) (pipeline_executions_active{" + SCOPE + ",pipeline=~\"$pipeline\"})",
				"{{pipeline}}");
		ObjectNode agents = timeseries("p95 duration by agent", "s", 12, 8,
				"95th percentile of the duration of agent steps, of every pipeline.", steps("green", null));
		query(agents, "histogram_quantile(0.95,\n  sum by (agent, le) (rate(agent_duration_seconds_bucket{" + SCOPE
				+ "}[$__rate_interval])))", "{{agent}}");
		ObjectNode interrupts = timeseries("Interrupts by kind and status", "ops", 12, 8,
				"Interrupts of every pipeline, such as a clarification raised and answered. "
						+ "Conditional: a run is interrupted.",
				steps("green", null));
		query(interrupts, "sum by (kind, status) (rate(interrupts_total{" + SCOPE + "}[$__rate_interval]))",
				"{{kind}} {{status}}");
	}

	private void row(String title) {
		newLine();
		ObjectNode row = mapper.createObjectNode();
		row.put("type", "row");
		row.put("title", title);
		row.put("collapsed", false);
		row.set("gridPos", gridPos(0, this.y, 24, 1));
		row.putArray("panels");
		this.panels.add(row);
		this.y += 1;
	}

	private void newLine() {
		if (this.x > 0) {
			this.y += this.rowHeight;
			this.x = 0;
			this.rowHeight = 0;
		}
	}

	private ObjectNode stat(String title, String unit, int width, int height, String description, ArrayNode steps) {
		ObjectNode panel = panel("stat", title, unit, width, height, description, steps);
		panel.withObject("fieldConfig").withObject("defaults").putObject("color").put("mode", "thresholds");
		ObjectNode options = panel.putObject("options");
		options.put("textMode", "value_and_name");
		options.putObject("reduceOptions").putArray("calcs").add("lastNotNull");
		return panel;
	}

	private ObjectNode gauge(String title, String unit, int width, int height, String description, ArrayNode steps) {
		ObjectNode panel = panel("gauge", title, unit, width, height, description, steps);
		panel.withObject("fieldConfig").withObject("defaults").putObject("color").put("mode", "thresholds");
		ObjectNode options = panel.putObject("options");
		options.put("showThresholdMarkers", true);
		options.putObject("reduceOptions").putArray("calcs").add("lastNotNull");
		return panel;
	}

	private ObjectNode timeseries(String title, String unit, int width, int height, String description,
			ArrayNode steps) {
		ObjectNode panel = panel("timeseries", title, unit, width, height, description, steps);
		ObjectNode defaults = panel.withObject("fieldConfig").withObject("defaults");
		defaults.putObject("color").put("mode", "palette-classic");
		defaults.putObject("custom").putObject("thresholdsStyle").put("mode", (steps.size() > 1) ? "line" : "off");
		return panel;
	}

	private ObjectNode panel(String type, String title, String unit, int width, int height, String description,
			ArrayNode steps) {
		if (this.x + width > 24) {
			newLine();
		}
		ObjectNode panel = mapper.createObjectNode();
		panel.put("type", type);
		panel.put("title", title);
		panel.put("description", description);
		panel.set("datasource", datasource());
		panel.set("gridPos", gridPos(this.x, this.y, width, height));
		this.x += width;
		this.rowHeight = Math.max(this.rowHeight, height);
		ObjectNode fieldConfig = panel.putObject("fieldConfig");
		ObjectNode defaults = fieldConfig.putObject("defaults");
		defaults.put("unit", unit);
		ObjectNode thresholds = defaults.putObject("thresholds");
		thresholds.put("mode", "absolute");
		thresholds.set("steps", steps);
		fieldConfig.putArray("overrides");
		panel.putArray("targets");
		this.panels.add(panel);
		return panel;
	}

	private static void query(ObjectNode panel, String expr, String legend) {
		ArrayNode targets = panel.withArray("targets");
		ObjectNode target = targets.addObject();
		target.set("datasource", datasource());
		target.put("expr", expr);
		target.put("legendFormat", legend);
		target.put("refId", String.valueOf((char) ('A' + targets.size() - 1)));
	}

	private static String alertsSentence(@Nullable BurnRate... alerts) {
		List<String> names = new ArrayList<>();
		for (BurnRate alert : alerts) {
			if (alert != null) {
				names.add(alert.alert());
			}
		}
		return names.isEmpty() ? "" : " Alerts: " + String.join(", ", names) + ".";
	}

	private static void runbooks(ObjectNode panel, @Nullable BurnRate... alerts) {
		for (BurnRate alert : alerts) {
			if (alert != null) {
				ObjectNode link = panel.withArray("links").addObject();
				link.put("title", "Runbook: " + alert.alert());
				link.put("url", alert.runbookUrl());
				link.put("targetBlank", true);
			}
		}
	}

	// Pairs of color and lower bound, the first bound null (the base step)
	private static ArrayNode steps(@Nullable Object... colorsAndValues) {
		ArrayNode steps = mapper.createArrayNode();
		for (int i = 0; i < colorsAndValues.length; i += 2) {
			ObjectNode step = steps.addObject();
			step.put("color", (String) colorsAndValues[i]);
			Object value = colorsAndValues[i + 1];
			if (value instanceof BigDecimal number) {
				step.put("value", number);
			}
			else {
				step.putNull("value");
			}
		}
		return steps;
	}

	private static ObjectNode datasource() {
		ObjectNode datasource = mapper.createObjectNode();
		datasource.put("type", "prometheus");
		datasource.put("uid", "${datasource}");
		return datasource;
	}

	private static ObjectNode gridPos(int x, int y, int width, int height) {
		ObjectNode gridPos = mapper.createObjectNode();
		gridPos.put("h", height);
		gridPos.put("w", width);
		gridPos.put("x", x);
		gridPos.put("y", y);
		return gridPos;
	}

}
