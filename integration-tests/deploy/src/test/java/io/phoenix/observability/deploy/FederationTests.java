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

package io.phoenix.observability.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.phoenix.observability.testing.LoopbackServer;
import io.phoenix.observability.testing.PrometheusServer;
import io.phoenix.observability.testing.VictoriaMetricsServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented topology, for real: the newcomer service, scraped by a local Prometheus
 * running {@code prometheus/local.yml} and its recording rules; a central Prometheus
 * running {@code prometheus/central.yml} that federates from it, evaluates the alerts and
 * writes to VictoriaMetrics; the dashboard's queries answered by both stores.
 *
 * @author Phoenix Observability
 */
class FederationTests {

	@TempDir
	private Path work;

	@BeforeEach
	void serversAreInstalled() {
		LoopbackServer.assumeInstalled("prometheus", VictoriaMetricsServer.BINARY);
	}

	@Test
	void centralPrometheusHoldsTheHostsRecordingRulesFiresAlertsAndWritesToVictoriaMetrics() throws Exception {
		try (NewcomerService service = NewcomerService.start()) {
			service.serve(20, 5);
			Path localDirectory = Files.createDirectories(this.work.resolve("local"));
			Path centralDirectory = Files.createDirectories(this.work.resolve("central"));
			DeployFile.copy("prometheus/rules/phoenix-recording.yml", localDirectory);
			Path localConfig = DeployFile.of("prometheus/local.yml")
				.fastIntervals()
				.replace("'127.0.0.1:8080', '127.0.0.1:8081'", "'" + service.address() + "'")
				.writeTo(localDirectory);
			try (LoopbackServer victoriaMetrics = VictoriaMetricsServer.start(this.work);
					LoopbackServer local = PrometheusServer.start(localDirectory, localConfig)) {
				// The alerts fire at once: the test checks where they are evaluated, not
				// how long they wait
				DeployFile.of("prometheus/rules/phoenix-alerts.yml")
					.replaceAll("for: \\w+", "for: 0s")
					.writeTo(centralDirectory);
				Path centralConfig = DeployFile.of("prometheus/central.yml")
					.fastIntervals()
					.replace("'host-a:9090', 'host-b:9090'", "'" + local.address() + "'")
					.replace("http://victoria-metrics:8428", "http://" + victoriaMetrics.address())
					.replace("'alertmanager:9093'", "'127.0.0.1:" + LoopbackServer.freePort() + "'")
					.writeTo(centralDirectory);
				try (LoopbackServer central = PrometheusServer.start(centralDirectory, centralConfig)) {
					assertFederated(service, central);
					assertDashboardQueriesAnsweredByBoth(central, victoriaMetrics);
				}
			}
		}
	}

	private void assertFederated(NewcomerService service, LoopbackServer central) {
		String host = "host=\"host-a\",service=\"newcomer\"";
		// Traffic goes on while waiting: a rate needs two scrapes that saw it grow
		List<JsonNode> ratio = central.awaitQuery("service:http_server_requests_errors:ratio_rate5m{" + host + "}",
				(result) -> {
					service.serve(4, 1);
					return !result.isEmpty() && !Double.isNaN(PrometheusServer.value(result.get(0)));
				});
		assertThat(PrometheusServer.value(ratio.get(0))).isBetween(0.1, 0.3);
		assertThat(PrometheusServer.labels(ratio.get(0))).containsEntry("environment", "local")
			.doesNotContainKey("instance");
		List<JsonNode> up = central.awaitQuery("up{job=\"phoenix-services\",host=\"host-a\"}",
				(result) -> !result.isEmpty());
		assertThat(PrometheusServer.labels(up.get(0))).containsEntry("instance", service.address());
		assertThat(PrometheusServer.value(up.get(0))).isOne();
		// The unhandled exceptions' ERROR lines, counted per logger and federated
		List<JsonNode> errors = central.awaitQuery("logger:phoenix_logging_events_error:rate5m{" + host + "}",
				(result) -> !result.isEmpty());
		assertThat(errors).allSatisfy((element) -> assertThat(PrometheusServer.labels(element)).containsKey("logger"));
		List<JsonNode> alerts = central.awaitQuery(
				"ALERTS{alertname=\"PhoenixHighErrorRate\",alertstate=\"firing\"," + host + "}",
				(result) -> !result.isEmpty());
		assertThat(PrometheusServer.labels(alerts.get(0))).containsEntry("severity", "critical");
		// Only what match[] selects crosses: no raw request series on the central server
		assertThat(central.query("count(http_server_requests_seconds_count)")).isEmpty();
	}

	private void assertDashboardQueriesAnsweredByBoth(LoopbackServer central, LoopbackServer victoriaMetrics)
			throws Exception {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files
				.readString(DeployFile.DEPLOY.resolveSibling("dashboards/federation/service-across-hosts.json")));
		List<String> queries = dashboard.path("panels")
			.valueStream()
			.flatMap((panel) -> panel.path("targets").valueStream())
			.map((target) -> target.path("expr").asString().replace("$service", "newcomer"))
			.toList();
		assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
		for (String query : queries) {
			if (query.contains("probe_success")) {
				// No probes in this deployment: see BlackboxProbeTests
				continue;
			}
			List<JsonNode> fromCentral = central.awaitQuery(query, (result) -> !result.isEmpty());
			List<JsonNode> fromVictoriaMetrics = victoriaMetrics.awaitQuery(query,
					(result) -> labelSets(result).equals(labelSets(fromCentral)));
			assertThat(labelSets(fromVictoriaMetrics)).as(query).isEqualTo(labelSets(fromCentral));
		}
	}

	private static Set<Map<String, String>> labelSets(List<JsonNode> result) {
		return result.stream().map(PrometheusServer::labels).collect(Collectors.toSet());
	}

}
