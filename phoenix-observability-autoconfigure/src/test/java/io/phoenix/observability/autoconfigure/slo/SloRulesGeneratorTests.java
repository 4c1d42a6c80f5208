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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.phoenix.observability.autoconfigure.alerting.AlertRulesProperties;
import io.phoenix.observability.autoconfigure.alerting.AlertmanagerProperties;
import io.phoenix.observability.testing.PrometheusTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SloRulesGenerator}: the generated YAML, parsed, and proven with the
 * real {@code promtool} and {@code amtool}.
 *
 * @author Phoenix Observability
 */
class SloRulesGeneratorTests {

	@TempDir
	private Path directory;

	private final SloFiles files = new SloFiles(model(entries("phoenix.slo.objectives[0].name", "checkout-availability",
			"phoenix.slo.objectives[0].objective", "99.5", "phoenix.slo.objectives[0].sli.route", "/api/checkout",
			"phoenix.slo.objectives[1].name", "checkout-latency", "phoenix.slo.objectives[1].objective", "99",
			"phoenix.slo.objectives[1].sli.kind", "latency", "phoenix.slo.objectives[1].sli.threshold", "500ms",
			"phoenix.slo.objectives[2].name", "llm-availability", "phoenix.slo.objectives[2].objective", "99.9",
			"phoenix.slo.objectives[2].sli.meter", "http.client.requests", "phoenix.slo.objectives[2].sli.client-name",
			"api.openai.com", "phoenix.slo.objectives[2].sli.error-tag", "status",
			"phoenix.slo.objectives[2].sli.error-values", "500,502,503", "phoenix.slo.objectives[3].name", "jobs",
			"phoenix.slo.objectives[3].objective", "95", "phoenix.slo.objectives[3].sli.kind", "ratio",
			"phoenix.slo.objectives[3].sli.good", "sum(rate(jobs_total{status=\"ok\"}[{{window}}]))",
			"phoenix.slo.objectives[3].sli.total", "sum(rate(jobs_total[{{window}}]))")));

	static Map<String, String> entries(String... keysAndValues) {
		Map<String, String> entries = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			entries.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return entries;
	}

	static SloModel model(Map<String, String> values) {
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		return SloModel.resolve("orders", bind(binder, SloProperties.PREFIX, new SloProperties()),
				bind(binder, AlertRulesProperties.PREFIX, new AlertRulesProperties()),
				bind(binder, AlertmanagerProperties.PREFIX, new AlertmanagerProperties()));
	}

	private static <T> T bind(Binder binder, String prefix, T properties) {
		binder.bind(prefix, Bindable.ofInstance(properties));
		return properties;
	}

	@Test
	@SuppressWarnings("unchecked")
	void recordingRulesAreNamedAsSlothNamesThemAndLabelledWithServiceAndSlo() {
		Map<String, Object> rules = new Yaml().load(this.files.rules());
		List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
		Map<String, Object> sli = groups.get(0);
		assertThat(sli.get("name")).isEqualTo("phoenix-slo-orders-checkout-availability-sli-recordings");
		List<Map<String, Object>> records = (List<Map<String, Object>>) sli.get("rules");
		assertThat(records).extracting((rule) -> rule.get("record"))
			.containsExactly("slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m", "slo:sli_error:ratio_rate1h",
					"slo:sli_error:ratio_rate2h", "slo:sli_error:ratio_rate6h", "slo:sli_error:ratio_rate1d",
					"slo:sli_error:ratio_rate3d", "slo:sli_error:ratio_rate30d");
		assertThat((String) records.get(0).get("expr")).contains(
				"http_server_requests_seconds_count{service=\"orders\",uri=\"/api/checkout\",outcome=\"SERVER_ERROR\"}[5m]");
		assertThat((Map<String, String>) records.get(0).get("labels"))
			.containsEntry("sloth_id", "orders-checkout-availability")
			.containsEntry("sloth_window", "5m")
			.containsEntry("service", "orders")
			.containsEntry("slo", "checkout-availability");
		List<Map<String, Object>> meta = (List<Map<String, Object>>) groups.get(1).get("rules");
		assertThat(meta).extracting((rule) -> rule.get("record"))
			.contains("slo:objective:ratio", "slo:error_budget:ratio", "slo:period_error_budget_remaining:ratio");
		assertThat(meta.get(0).get("expr")).isEqualTo("vector(0.995)");
		assertThat(meta.get(1).get("expr")).isEqualTo("vector(0.005)");
	}

	@Test
	@SuppressWarnings("unchecked")
	void burnRateAlertsFollowTheSreWorkbookAndCarryLabelsAndAnnotations() {
		Map<String, Object> rules = new Yaml().load(this.files.rules());
		List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
		List<Map<String, Object>> alerts = (List<Map<String, Object>>) groups.get(2).get("rules");
		assertThat(alerts).extracting((rule) -> rule.get("alert"))
			.containsExactly("SloBurnRatePage1h", "SloBurnRatePage6h", "SloBurnRateTicket1d", "SloBurnRateTicket3d");
		assertThat((String) alerts.get(0).get("expr")).contains("slo:sli_error:ratio_rate1h",
				"slo:sli_error:ratio_rate5m", "(14.4 * 0.005)");
		assertThat((String) alerts.get(3).get("expr")).contains("slo:sli_error:ratio_rate3d",
				"slo:sli_error:ratio_rate6h", "(1 * 0.005)");
		for (Map<String, Object> alert : alerts) {
			assertThat((Map<String, String>) alert.get("labels")).containsKeys("slo", "service", "severity");
			assertThat((Map<String, String>) alert.get("annotations")).containsKeys("summary", "description",
					"runbook_url");
		}
		assertThat(((Map<String, String>) alerts.get(0).get("labels")).get("severity")).isEqualTo("page");
		assertThat(((Map<String, String>) alerts.get(2).get("labels")).get("severity")).isEqualTo("ticket");
	}

	@Test
	@SuppressWarnings("unchecked")
	void defaultRulePackCoversTheThresholdTable() {
		Map<String, Object> rules = new Yaml().load(this.files.rules());
		List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
		Map<String, Object> defaults = groups.get(groups.size() - 1);
		assertThat(defaults.get("name")).isEqualTo("phoenix-orders-alerts");
		List<Map<String, Object>> alerts = (List<Map<String, Object>>) defaults.get("rules");
		assertThat(alerts).extracting((rule) -> rule.get("alert"))
			.containsOnly("PhoenixHighErrorRate", "PhoenixHighLatencyP95", "PhoenixLlmRequestFailures",
					"PhoenixHighCpuUsage", "PhoenixHighMemoryUsage", "PhoenixLowDiskSpace", "PhoenixCircuitBreakerOpen",
					"PhoenixDependencyDown");
		assertThat(alerts.get(0).get("expr").toString()).endsWith("> 0.01");
		assertThat(alerts.get(0).get("for")).isEqualTo("5m");
		assertThat(alerts.get(1).get("expr").toString()).endsWith("> 0.05");
		assertThat(alerts.get(1).get("for")).isEqualTo("3m");
	}

	@Test
	@SuppressWarnings("unchecked")
	void defaultRulesAreSwitchableAndConfigurable() {
		SloFiles files = new SloFiles(model(entries("phoenix.slo.objectives[0].name", "a",
				"phoenix.slo.objectives[0].objective", "99", "phoenix.slo.rules.cpu.enabled", "false",
				"phoenix.slo.rules.error-rate.warning", "2", "phoenix.slo.rules.error-rate.warning-for", "10m")));
		Map<String, Object> rules = new Yaml().load(files.rules());
		List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
		List<Map<String, Object>> alerts = (List<Map<String, Object>>) groups.get(groups.size() - 1).get("rules");
		assertThat(alerts).extracting((rule) -> rule.get("alert")).doesNotContain("PhoenixHighCpuUsage");
		assertThat(alerts.get(0).get("expr").toString()).endsWith("> 0.02");
		assertThat(alerts.get(0).get("for")).isEqualTo("10m");
	}

	@Test
	@SuppressWarnings("unchecked")
	void alertmanagerRoutesPagesToPagerDutyAndTicketsToSlackReadingTheSecretsFromFiles() {
		Map<String, Object> config = new Yaml().load(this.files.alertmanager());
		Map<String, Object> route = (Map<String, Object>) config.get("route");
		assertThat(route.get("receiver")).isEqualTo("default");
		assertThat(route).containsEntry("group_wait", "30s")
			.containsEntry("group_interval", "5m")
			.containsEntry("repeat_interval", "4h");
		List<Map<String, Object>> receivers = (List<Map<String, Object>>) config.get("receivers");
		Map<String, Object> pagerduty = ((List<Map<String, Object>>) receivers.get(1).get("pagerduty_configs")).get(0);
		assertThat(pagerduty).containsEntry("routing_key_file", "/etc/alertmanager/secrets/pagerduty-routing-key")
			.doesNotContainKey("routing_key");
		Map<String, Object> slack = ((List<Map<String, Object>>) receivers.get(2).get("slack_configs")).get(0);
		assertThat(slack).containsEntry("api_url_file", "/etc/alertmanager/secrets/slack-api-url")
			.doesNotContainKey("api_url");
		// Alertmanager expands no variables: a placeholder would be sent as it is
		assertThat(this.files.alertmanager()).doesNotContain("${");
	}

	@Test
	@SuppressWarnings("unchecked")
	void secretFilesAndGroupTimingsAreProperties() {
		SloFiles files = new SloFiles(model(entries("phoenix.slo.objectives[0].name", "a",
				"phoenix.slo.objectives[0].objective", "99", "phoenix.slo.alertmanager.pagerduty-routing-key-file",
				"/run/secrets/pd", "phoenix.slo.alertmanager.slack-api-url-file", "/run/secrets/slack",
				"phoenix.slo.alertmanager.pagerduty-url", "http://127.0.0.1:1/enqueue",
				"phoenix.slo.alertmanager.group-wait", "1s", "phoenix.slo.alertmanager.group-interval", "2s",
				"phoenix.slo.alertmanager.repeat-interval", "1h")));
		Map<String, Object> config = new Yaml().load(files.alertmanager());
		assertThat((Map<String, Object>) config.get("route")).containsEntry("group_wait", "1s")
			.containsEntry("group_interval", "2s")
			.containsEntry("repeat_interval", "1h");
		assertThat(files.alertmanager()).contains("routing_key_file: /run/secrets/pd",
				"url: http://127.0.0.1:1/enqueue", "api_url_file: /run/secrets/slack");
	}

	@Test
	void unitTestsProveEveryAlertOfThePackAboveBeforeAndBelowItsThreshold() {
		String tests = this.files.ruleTests();
		for (String alert : List.of("PhoenixHighErrorRate", "PhoenixHighLatencyP95", "PhoenixLlmRequestFailures",
				"PhoenixHighCpuUsage", "PhoenixHighMemoryUsage", "PhoenixLowDiskSpace", "PhoenixCircuitBreakerOpen",
				"PhoenixDependencyDown")) {
			for (String severity : List.of("warning", "critical")) {
				assertThat(tests).contains(alert + " " + severity + " fires at ")
					.contains(alert + " " + severity + " is pending at ")
					.contains(alert + " " + severity + " stays silent at ");
			}
		}
		assertThat(tests).contains("PhoenixHighErrorRate warning fires at 0.0105 once its for of 5m has passed",
				"PhoenixHighErrorRate warning stays silent at 0.0095", "PhoenixLowDiskSpace critical fires at 0.095",
				"PhoenixCircuitBreakerOpen warning fires at 1", "PhoenixCircuitBreakerOpen critical stays silent at 1");
	}

	@Test
	void unitTestsHaveACaseAboveAndJustBelowEachBurnRateThreshold() {
		String tests = this.files.ruleTests();
		for (String alert : List.of("SloBurnRatePage1h", "SloBurnRatePage6h", "SloBurnRateTicket1d",
				"SloBurnRateTicket3d")) {
			assertThat(tests).contains("checkout-availability " + alert + " fires at")
				.contains("checkout-availability " + alert + " stays silent at")
				.contains("checkout-latency " + alert + " fires at")
				.contains("llm-availability " + alert + " stays silent at");
		}
	}

	@Test
	void domainSlisCountTheRightEventsInPromtool() throws Exception {
		PrometheusTools.assumeInstalled();
		SloFiles files = new SloFiles(model(entries("phoenix.slo.objectives[0].name", "pipeline-success",
				"phoenix.slo.objectives[0].objective", "99.5", "phoenix.slo.objectives[0].sli.meter",
				"pipeline.executions", "phoenix.slo.objectives[0].sli.meter-type", "counter",
				"phoenix.slo.objectives[0].sli.bad-events[0].tag", "status",
				"phoenix.slo.objectives[0].sli.bad-events[0].operator", "regex",
				"phoenix.slo.objectives[0].sli.bad-events[0].value", "error|timeout", "phoenix.slo.objectives[1].name",
				"pipeline-latency", "phoenix.slo.objectives[1].objective", "99", "phoenix.slo.objectives[1].sli.kind",
				"latency", "phoenix.slo.objectives[1].sli.meter", "pipeline.duration",
				"phoenix.slo.objectives[1].sli.threshold", "5s", "phoenix.slo.objectives[2].name", "llm-availability",
				"phoenix.slo.objectives[2].objective", "99", "phoenix.slo.objectives[2].sli.meter",
				"gen_ai.client.operation", "phoenix.slo.objectives[2].sli.bad-events[0].tag", "error",
				"phoenix.slo.objectives[2].sli.bad-events[0].operator", "not-equal",
				"phoenix.slo.objectives[2].sli.bad-events[0].value", "none")));
		files.write(this.directory);
		// Per-second rates, exact in binary: error 2 and timeout 1 of 16 runs are bad,
		// the
		// success and the termination reason good; 1 of 8 runs slower than 5 s; 2 of 8
		// LLM
		// calls failed, whatever their error
		Files.writeString(this.directory.resolve("sli-tests.yml"),
				"""
						rule_files: [rules.yml]
						evaluation_interval: 1m
						tests:
						  - interval: 1m
						    input_series:
						      - series: 'pipeline_executions_total{service="orders",pipeline="summarize",status="success"}'
						        values: '0+300x20'
						      - series: 'pipeline_executions_total{service="orders",pipeline="summarize",status="error"}'
						        values: '0+120x20'
						      - series: 'pipeline_executions_total{service="orders",pipeline="triage",status="timeout"}'
						        values: '0+60x20'
						      - series: 'pipeline_executions_total{service="orders",pipeline="triage",status="awaiting_clarification"}'
						        values: '0+480x20'
						      - series: 'pipeline_executions_total{service="other",pipeline="summarize",status="error"}'
						        values: '0+6000x20'
						      - series: 'pipeline_duration_seconds_count{service="orders",pipeline="summarize"}'
						        values: '0+480x20'
						      - series: 'pipeline_duration_seconds_bucket{service="orders",pipeline="summarize",le="5.0"}'
						        values: '0+420x20'
						      - series: 'gen_ai_client_operation_seconds_count{service="orders",gen_ai_system="openai",error="none"}'
						        values: '0+360x20'
						      - series: 'gen_ai_client_operation_seconds_count{service="orders",gen_ai_system="openai",error="InternalServerException"}'
						        values: '0+60x20'
						      - series: 'gen_ai_client_operation_seconds_count{service="orders",gen_ai_system="openai",error="SocketTimeoutException"}'
						        values: '0+60x20'
						    promql_expr_test:
						      - expr: 'round(slo:sli_error:ratio_rate5m{sloth_slo="pipeline-success"}, 0.0001)'
						        eval_time: 10m
						        exp_samples:
						          - labels: '%s'
						            value: 0.1875
						      - expr: 'round(slo:sli_error:ratio_rate5m{sloth_slo="pipeline-latency"}, 0.0001)'
						        eval_time: 10m
						        exp_samples:
						          - labels: '%s'
						            value: 0.125
						      - expr: 'round(slo:sli_error:ratio_rate5m{sloth_slo="llm-availability"}, 0.0001)'
						        eval_time: 10m
						        exp_samples:
						          - labels: '%s'
						            value: 0.25
						"""
					.formatted(recorded("pipeline-success"), recorded("pipeline-latency"),
							recorded("llm-availability")));
		assertThat(PrometheusTools.run(this.directory, "promtool", "test", "rules", "sli-tests.yml"))
			.contains("SUCCESS");
	}

	private static String recorded(String slo) {
		// Rounded: rates are extrapolated in floating point
		return "{service=\"orders\",slo=\"%s\",sloth_id=\"orders-%s\",sloth_service=\"orders\",sloth_slo=\"%s\",sloth_window=\"5m\"}"
			.formatted(slo, slo, slo);
	}

	@Test
	void promtoolAndAmtoolAcceptTheFilesAndEveryBurnRateAlertFiresAboveItsThresholdOnly() throws Exception {
		PrometheusTools.assumeInstalled();
		PrometheusTools.writeAndCheck(this.files, this.directory);
	}

}
