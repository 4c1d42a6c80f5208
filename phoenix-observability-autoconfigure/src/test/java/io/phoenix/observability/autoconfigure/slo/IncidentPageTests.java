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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.phoenix.observability.autoconfigure.alerting.AlertmanagerConfigGenerator;
import io.phoenix.observability.testing.AlertmanagerServer;
import io.phoenix.observability.testing.PrometheusServer;
import io.phoenix.observability.testing.PrometheusTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * One incident reaches on-call as one page that names its cause: the generated
 * Alertmanager configuration, checked with {@code amtool} and run by a real Alertmanager,
 * given what fires when the LLM fails (the SLO burn rates and error ratios of the
 * orchestrator and of the gateway in front of it, the pipeline failures and the LLM
 * failures), sends PagerDuty one event for one incident, and its summary is the LLM's.
 *
 * @author Phoenix Observability
 */
class IncidentPageTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String LLM_SUMMARY = "More than 10% of the LLM requests of sample-orchestrator fail";

	@TempDir
	private Path directory;

	private final List<JsonNode> pages = new CopyOnWriteArrayList<>();

	private HttpServer pagerduty;

	@BeforeEach
	void startPagerDuty() throws IOException {
		this.pagerduty = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.pagerduty.createContext("/enqueue", (exchange) -> {
			this.pages.add(mapper.readTree(exchange.getRequestBody().readAllBytes()));
			exchange.sendResponseHeaders(202, -1);
			exchange.close();
		});
		this.pagerduty.start();
	}

	@AfterEach
	void stopPagerDuty() {
		this.pagerduty.stop(0);
	}

	@Test
	@SuppressWarnings("unchecked")
	void causesInhibitTheSymptomsTheyExplainInEveryServiceAndPagesAreGroupedPerTeam() {
		Map<String, Object> config = new Yaml().load(files().alertmanager());
		Map<String, Object> route = (Map<String, Object>) config.get("route");
		Map<String, Object> pagesRoute = ((List<Map<String, Object>>) route.get("routes")).get(0);
		assertThat(pagesRoute).containsEntry("receiver", "pagerduty").containsEntry("group_by", List.of("team"));
		List<Map<String, Object>> inhibitions = (List<Map<String, Object>>) config.get("inhibit_rules");
		assertThat(inhibitions).hasSize(4);
		assertThat(inhibitions.get(2)).containsEntry("source_matchers", List.of("alertname=\"SloBurnRatePage1h\""))
			.containsEntry("target_matchers", List.of("alertname=\"SloBurnRatePage6h\""))
			.containsEntry("equal", List.of("slo", "service"));
		Map<String, Object> causes = inhibitions.get(3);
		assertThat((List<String>) causes.get("source_matchers")).containsExactly("severity=~\"critical|page\"",
				"alertname=~\"PhoenixDependencyDown|PhoenixLlmRequestFailures|PhoenixDatabasePoolExhaustion"
						+ "|PhoenixCircuitBreakerOpen\"");
		assertThat((List<String>) causes.get("target_matchers")).singleElement()
			.asString()
			.contains("SloBurnRatePage1h", "PhoenixHighErrorRate", "PhoenixPipelineFailures")
			.doesNotContain("PhoenixLlmRequestFailures");
		assertThat(causes).containsEntry("equal", List.of("team"));
	}

	@Test
	void everyPageLevelAlertIsRoutedToPagerDutyAndTheRestIsNot() throws Exception {
		PrometheusTools.assumeInstalled();
		Files.writeString(this.directory.resolve("alertmanager.yml"), files().alertmanager());
		for (String alert : AlertmanagerConfigGenerator.SYMPTOMS) {
			route(alert, "page", "pagerduty");
		}
		for (String alert : AlertmanagerConfigGenerator.CAUSES) {
			route(alert, "critical", "pagerduty");
			route(alert, "warning", "slack");
		}
	}

	@Test
	void llmFailureInTheOrchestratorIsOnePageNamingTheLlmThoughBothServicesBurnTheirBudgets() throws Exception {
		assumeAlertmanager();
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start(this.directory, files().alertmanager())) {
			post(alertmanager, alert("SloBurnRatePage1h", "page", "sample-gateway", "pipeline-runs-availability"),
					alert("SloBurnRatePage1h", "page", "sample-orchestrator", "pipeline-success"),
					alert("PhoenixHighErrorRate", "critical", "sample-gateway", null),
					alert("PhoenixHighErrorRate", "critical", "sample-orchestrator", null),
					alert("PhoenixPipelineFailures", "critical", "sample-orchestrator", null),
					alert("PhoenixCircuitBreakerOpen", "warning", "sample-orchestrator", null),
					alert("PhoenixLlmRequestFailures", "critical", "sample-orchestrator", null));
			JsonNode page = awaitFirstPage();
			assertThat(page.path("event_action").asString()).isEqualTo("trigger");
			assertThat(page.path("payload").path("summary").asString()).isEqualTo(LLM_SUMMARY);
			assertThat(page.path("links").path(0).path("href").asString()).endsWith("#phoenixllmrequestfailures");
			assertOnePageOnly();
		}
	}

	@Test
	void symptomsWithoutACauseAreOnePageListingThemAll() throws Exception {
		assumeAlertmanager();
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start(this.directory, files().alertmanager())) {
			post(alertmanager, alert("SloBurnRatePage1h", "page", "sample-gateway", "orchestrator-calls-availability"),
					alert("SloBurnRatePage1h", "page", "sample-gateway", "pipeline-runs-availability"),
					alert("PhoenixHighErrorRate", "critical", "sample-gateway", null));
			JsonNode page = awaitFirstPage();
			assertThat(page.path("payload").path("summary").asString()).contains("(and 3 alerts in all:",
					"PhoenixHighErrorRate/sample-gateway", "SloBurnRatePage1h/sample-gateway");
			assertOnePageOnly();
		}
	}

	private SloFiles files() {
		try {
			Path key = this.directory.resolve("pagerduty-routing-key");
			Files.writeString(key, "routing-key");
			return new SloFiles(SloRulesGeneratorTests.model(SloRulesGeneratorTests.entries(
					"phoenix.slo.objectives[0].name", "a", "phoenix.slo.objectives[0].objective", "99.5",
					"phoenix.slo.alertmanager.pagerduty-routing-key-file", key.toString(),
					"phoenix.slo.alertmanager.pagerduty-url",
					"http://127.0.0.1:" + this.pagerduty.getAddress().getPort() + "/enqueue",
					"phoenix.slo.alertmanager.group-wait", "1s", "phoenix.slo.alertmanager.group-interval", "1s")));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void route(String alert, String severity, String receiver) throws Exception {
		String routed = PrometheusTools.run(this.directory, "amtool", "config", "routes", "test",
				"--config.file=alertmanager.yml", "--verify.receivers=" + receiver, "alertname=" + alert,
				"severity=" + severity, "service=sample-orchestrator");
		// It exits with 1 when the receivers differ, and prints the receiver beside a
		// warning
		assertThat(routed.lines()).as("%s %s", alert, severity).contains(receiver);
	}

	private JsonNode awaitFirstPage() {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> !this.pages.isEmpty());
		return this.pages.get(0);
	}

	// Several group intervals more: whatever else would be sent has been
	private void assertOnePageOnly() throws InterruptedException {
		Thread.sleep(4000);
		assertThat(this.pages).extracting((event) -> event.path("dedup_key").asString())
			.containsOnly(this.pages.get(0).path("dedup_key").asString());
		assertThat(this.pages).allSatisfy((event) -> assertThat(event.path("payload").path("summary").asString())
			.isEqualTo(this.pages.get(0).path("payload").path("summary").asString()));
	}

	private static void assumeAlertmanager() {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(AlertmanagerServer.isInstalled()).as("alertmanager on the PATH").isTrue();
		}
	}

	private static String alert(String name, String severity, String service, String slo) {
		String summary = name.equals("PhoenixLlmRequestFailures") ? LLM_SUMMARY : name + " of " + service;
		return "{\"labels\":{\"alertname\":\"" + name + "\",\"severity\":\"" + severity + "\",\"service\":\"" + service
				+ "\"" + ((slo != null) ? ",\"slo\":\"" + slo + "\"" : "") + "}," + "\"annotations\":{\"summary\":\""
				+ summary + "\",\"runbook_url\":\"https://example.org/slo.md#" + name.toLowerCase(java.util.Locale.ROOT)
				+ "\"}}";
	}

	private static void post(AlertmanagerServer alertmanager, String... alerts) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + alertmanager.target() + "/api/v2/alerts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", alerts) + "]", StandardCharsets.UTF_8))
			.build();
		HttpClient client = HttpClient.newHttpClient();
		assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
	}

}
