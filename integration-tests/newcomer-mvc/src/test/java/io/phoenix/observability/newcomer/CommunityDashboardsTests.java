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

package io.phoenix.observability.newcomer;

import java.nio.file.Path;
import java.util.List;

import io.phoenix.observability.testing.PrometheusServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The Grafana dashboards that Spring Boot users already run (JVM Micrometer, Spring Boot
 * Statistics, Spring Boot Observability) select on the {@code application} and
 * {@code instance} labels: a real Prometheus that scrapes the application answers their
 * kind of query, and {@code application} adds no series. The Tomcat thread panels of JVM
 * (Micrometer) find their series too.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CommunityDashboardsTests {

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
	void dashboardQueriesOnTheApplicationLabelFindTheService() throws Exception {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		for (int i = 0; i < 3; i++) {
			client.get().uri("/hello").retrieve().toBodilessEntity();
		}
		String instance = "127.0.0.1:" + this.port;
		try (PrometheusServer prometheus = PrometheusServer.scrape(this.workDirectory, "newcomer", instance,
				"/health/metrics")) {
			String selector = "{application=\"newcomer\",instance=\"" + instance + "\"";
			List<JsonNode> heap = prometheus.awaitQuery("sum(jvm_memory_used_bytes" + selector
					+ ",area=\"heap\"}) * 100 / sum(jvm_memory_max_bytes" + selector + ",area=\"heap\"})",
					(result) -> !result.isEmpty());
			assertThat(PrometheusServer.value(heap.get(0))).isBetween(0.0, 100.0);
			List<JsonNode> requests = prometheus.awaitQuery(
					"sum by (application) (http_server_requests_seconds_count" + selector + ",uri=\"/hello\"})",
					(result) -> !result.isEmpty() && PrometheusServer.value(result.get(0)) >= 3.0);
			assertThat(PrometheusServer.labels(requests.get(0))).containsEntry("application", "newcomer");
			// Same value as service on every series: no series of its own
			List<JsonNode> withoutApplication = prometheus
				.query("count({job=\"newcomer\",application!=\"newcomer\",__name__=~\"jvm_.*|http_.*|phoenix_.*\"})");
			assertThat(withoutApplication).isEmpty();
			List<JsonNode> differing = prometheus.query(
					"count({job=\"newcomer\",__name__=~\"jvm_.*|http_.*\"}) - count({job=\"newcomer\",service=\"newcomer\",application=\"newcomer\",__name__=~\"jvm_.*|http_.*\"})");
			assertThat(PrometheusServer.value(differing.get(0))).isZero();
			// The Tomcat thread panels of JVM (Micrometer) 4701, fed by the MBean
			// registry
			// that Phoenix switches on
			double maxThreads = 0;
			for (String query : List.of("tomcat_threads_busy_threads", "tomcat_threads_current_threads",
					"tomcat_threads_config_max_threads")) {
				List<JsonNode> threads = prometheus.awaitQuery(query + selector + "}", (result) -> !result.isEmpty());
				assertThat(PrometheusServer.labels(threads.get(0))).containsEntry("application", "newcomer")
					.containsKey("name");
				// Tomcat reports -1 or below for a pool it has not sized yet: the panel
				// is fed either way; the configured maximum is Boot's
				if (query.endsWith("max_threads")) {
					maxThreads = threads.stream().mapToDouble(PrometheusServer::value).max().orElse(0);
				}
			}
			// Boot's default server.tomcat.threads.max
			assertThat(maxThreads).isEqualTo(200.0);
		}
	}

}
