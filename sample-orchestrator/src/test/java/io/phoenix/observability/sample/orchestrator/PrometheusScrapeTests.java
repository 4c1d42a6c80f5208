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

package io.phoenix.observability.sample.orchestrator;

import java.nio.file.Path;
import java.util.List;

import io.phoenix.observability.testing.PrometheusServer;
import io.phoenix.observability.testing.PrometheusServer.PromtoolResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Scrapes {@code /health/metrics} with a real Prometheus server and queries what it
 * stored, and lints the exposition with {@code promtool}.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PrometheusScrapeTests {

	private static final LlmBackend llm = LlmBackend.start();

	@DynamicPropertySource
	static void llmProperties(DynamicPropertyRegistry registry) {
		llm.register(registry);
	}

	@AfterAll
	static void stopLlm() {
		llm.close();
	}

	@LocalServerPort
	private int port;

	@TempDir
	private Path workDirectory;

	@BeforeEach
	void prometheusIsInstalled() {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(PrometheusServer.isInstalled()).as("prometheus and promtool on the PATH").isTrue();
		}
	}

	@Test
	void realPrometheusScrapesHealthMetricsAndStoresRequestMetricsWithServiceTags() throws Exception {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		for (int i = 0; i < 3; i++) {
			client.post()
				.uri("/api/pipelines/summarize/runs")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{}")
				.retrieve()
				.toBodilessEntity();
		}
		try (PrometheusServer prometheus = PrometheusServer.scrape(this.workDirectory, "orchestrator",
				"127.0.0.1:" + this.port, "/health/metrics")) {
			List<JsonNode> up = prometheus.awaitQuery("up{job=\"orchestrator\"}",
					(result) -> result.size() == 1 && PrometheusServer.value(result.get(0)) == 1.0);
			assertThat(PrometheusServer.labels(up.get(0))).containsEntry("instance", "127.0.0.1:" + this.port);
			List<JsonNode> requests = prometheus.awaitQuery(
					"sum by (service, environment, uri) (http_server_requests_seconds_count{outcome=\"SUCCESS\"})",
					// A request is recorded when its observation stops, which may follow
					// the
					// response: wait for the third
					(result) -> !result.isEmpty() && PrometheusServer.value(result.get(0)) >= 3.0);
			assertThat(requests).hasSize(1);
			assertThat(PrometheusServer.labels(requests.get(0))).containsEntry("service", "sample-orchestrator")
				.containsEntry("environment", "local")
				.containsEntry("uri", "/api/pipelines/{pipeline}/runs");
			assertThat(PrometheusServer.value(requests.get(0))).isEqualTo(3.0);
			List<JsonNode> slowBucket = prometheus.awaitQuery(
					"sum(http_server_requests_seconds_bucket{uri=\"/api/pipelines/{pipeline}/runs\",le=\"0.5\"})",
					(result) -> !result.isEmpty() && PrometheusServer.value(result.get(0)) >= 3.0);
			assertThat(PrometheusServer.value(slowBucket.get(0))).isEqualTo(3.0);
			List<JsonNode> dropped = prometheus.awaitQuery("phoenix_logging_events_dropped_total",
					(result) -> !result.isEmpty());
			assertThat(PrometheusServer.value(dropped.get(0))).isZero();
		}
	}

	@Test
	void promtoolParsesTheExpositionAndFindsNothingWrongWithPhoenixMetrics() throws Exception {
		String exposition = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/health/metrics")
			.retrieve()
			.body(String.class);
		PromtoolResult result = PrometheusServer.checkMetrics(exposition);
		// 0: clean; 3: lint findings (Micrometer's own names); 1 would be a parse error
		assertThat(result.exitCode()).as(result.output()).isIn(0, 3);
		assertThat(result.output()).doesNotContain("phoenix_");
		// Each finding is "<metric> <problem>": no problem is an error (a metric's own
		// name,
		// such as Tomcat's tomcat_global_error_total, may say error)
		assertThat(result.output().lines().map((line) -> line.substring(line.indexOf(' ') + 1)))
			.noneMatch((problem) -> problem.toLowerCase(java.util.Locale.ROOT).contains("error"));
		assertThat(exposition).contains("phoenix_logging_events_dropped_total", "phoenix_tracing_export_failures_total",
				"phoenix_metrics_cardinality_folded_total");
	}

}
