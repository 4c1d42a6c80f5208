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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.phoenix.observability.autoconfigure.slo.SloFiles;
import io.phoenix.observability.autoconfigure.slo.SloModel;
import io.phoenix.observability.autoconfigure.slo.SloProperties;
import io.phoenix.observability.testing.PrometheusTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the database pool rule of the {@link AlertPack}: generated only for a service
 * with a pool, and proven with the real {@code promtool} on HikariCP's series.
 *
 * @author Phoenix Observability
 */
class DatabasePoolAlertTests {

	private static final String ALERT = "PhoenixDatabasePoolExhaustion";

	@TempDir
	private Path directory;

	@Test
	void poolRuleIsGeneratedOnlyWhenTheServiceHasAPool() {
		assertThat(names(model(Map.of(), true))).contains(ALERT);
		assertThat(names(model(Map.of(), false))).doesNotContain(ALERT);
		assertThat(names(model(Map.of("phoenix.slo.rules.db-pool.enabled", "false"), true))).doesNotContain(ALERT);
	}

	@Test
	void poolRuleHasTheSeedsWarningAndAConfigurableCritical() {
		List<ThresholdAlert> alerts = model(Map.of("phoenix.slo.rules.db-pool.critical", "90"), true).alertPack()
			.alerts()
			.stream()
			.filter((alert) -> ALERT.equals(alert.name()))
			.toList();
		assertThat(alerts).extracting(ThresholdAlert::severity).containsExactly("warning", "critical");
		assertThat(alerts.get(0).expr()).contains("hikaricp_connections_active{service=\"orders\"}").endsWith("> 0.8");
		assertThat(alerts.get(0).forDuration()).hasMinutes(5);
		assertThat(alerts.get(1).expr()).endsWith("> 0.9");
		assertThat(alerts.get(0).runbookUrl()).endsWith("#phoenixdatabasepoolexhaustion");
	}

	@Test
	void promtoolFiresTheWarningAboveEightyPercentForFiveMinutesAndStaysSilentJustBelow() throws Exception {
		PrometheusTools.assumeInstalled();
		SloFiles files = new SloFiles(model(Map.of(), true));
		files.write(this.directory);
		Files.writeString(this.directory.resolve("pool-tests.yml"),
				"""
						rule_files: [rules.yml]
						evaluation_interval: 1m
						tests:
						  - name: 9 of 10 connections in use for 10 minutes fire the warning only
						    interval: 1m
						    input_series:
						      - series: 'hikaricp_connections_active{service="orders",instance="a",pool="HikariPool-1"}'
						        values: '9x15'
						      - series: 'hikaricp_connections_max{service="orders",instance="a",pool="HikariPool-1"}'
						        values: '10x15'
						    alert_rule_test:
						      - eval_time: 10m
						        alertname: %1$s
						        exp_alerts:
						          - exp_labels: {severity: warning, service: orders, instance: a, pool: HikariPool-1}
						            exp_annotations:
						              summary: 'More than 80%% of the connections of a database pool of orders are in use'
						              description: 'More than 80%% of the connections of a database pool of orders are in use (current value: 900m).'
						              runbook_url: '%2$s#phoenixdatabasepoolexhaustion'
						  - name: 79 of 100 connections in use stay silent
						    interval: 1m
						    input_series:
						      - series: 'hikaricp_connections_active{service="orders",instance="a",pool="HikariPool-1"}'
						        values: '79x15'
						      - series: 'hikaricp_connections_max{service="orders",instance="a",pool="HikariPool-1"}'
						        values: '100x15'
						    alert_rule_test:
						      - eval_time: 10m
						        alertname: %1$s
						        exp_alerts: []
						  - name: 9 of 10 connections for 4 minutes stay silent
						    interval: 1m
						    input_series:
						      - series: 'hikaricp_connections_active{service="orders",instance="a",pool="HikariPool-1"}'
						        values: '2x5 9x4'
						      - series: 'hikaricp_connections_max{service="orders",instance="a",pool="HikariPool-1"}'
						        values: '10x15'
						    alert_rule_test:
						      - eval_time: 9m
						        alertname: %1$s
						        exp_alerts: []
						"""
					.formatted(ALERT, new SloProperties().getAlerting().getRunbookUrl()));
		Process promtool = new ProcessBuilder("promtool", "test", "rules", "pool-tests.yml")
			.directory(this.directory.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(promtool.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(promtool.exitValue()).as(output).isZero();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> names(SloModel model) {
		Map<String, Object> rules = new Yaml().load(new SloFiles(model).rules());
		List<Map<String, Object>> groups = (List<Map<String, Object>>) rules.get("groups");
		return ((List<Map<String, Object>>) groups.get(groups.size() - 1).get("rules")).stream()
			.map((rule) -> rule.get("alert"))
			.toList();
	}

	private static SloModel model(Map<String, String> values, boolean connectionPool) {
		Map<String, String> all = new java.util.LinkedHashMap<>(values);
		all.put("phoenix.slo.objectives[0].name", "checkout");
		all.put("phoenix.slo.objectives[0].objective", "99");
		Binder binder = new Binder(new MapConfigurationPropertySource(all));
		return SloModel.resolve("orders", bind(binder, SloProperties.PREFIX, new SloProperties()),
				bind(binder, AlertRulesProperties.PREFIX, new AlertRulesProperties()),
				bind(binder, AlertmanagerProperties.PREFIX, new AlertmanagerProperties()), connectionPool);
	}

	private static <T> T bind(Binder binder, String prefix, T properties) {
		binder.bind(prefix, Bindable.ofInstance(properties));
		return properties;
	}

}
