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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.phoenix.observability.testing.PrometheusTools;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator's SLOs, end to end: failed pipeline runs driven through the app over
 * real HTTP move the live error budget and burn rate of {@code pipeline-success} at
 * {@code /actuator/slo}, LLM calls count in {@code llm-availability}, and the rules the
 * app serves and the ones written at build time pass {@code promtool} and {@code amtool}.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "phoenix.slo.sample-interval=200ms")
class SloEndToEndTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final LlmBackend llm = LlmBackend.start();

	@LocalServerPort
	private int port;

	@TempDir
	private Path directory;

	@DynamicPropertySource
	static void llmProperties(DynamicPropertyRegistry registry) {
		llm.register(registry);
	}

	@AfterAll
	static void stopLlm() {
		llm.close();
	}

	@Test
	void failedRunsSpendTheBudgetAndRaiseTheBurnRateAndLlmCallsCount() {
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		for (int i = 0; i < 20; i++) {
			run(client, "triage");
		}
		JsonNode before = awaitSlo(client, "pipeline-success",
				(slo) -> slo.path("events").path("total").asDouble() >= 20);
		assertThat(before.path("errorBudgetRemaining").asDouble()).isEqualTo(1.0);
		assertThat(before.path("burnRate").path("5m").asDouble()).isZero();
		for (int i = 0; i < 5; i++) {
			run(client, "broken");
		}
		JsonNode after = awaitSlo(client, "pipeline-success", (slo) -> slo.path("events").path("bad").asDouble() >= 5);
		// 5 bad of 25: a 20% error ratio burns a 0.5% budget 40 times too fast
		assertThat(after.path("burnRate").path("5m").asDouble()).isCloseTo(40.0,
				org.assertj.core.data.Offset.offset(1e-6));
		assertThat(after.path("sli").path("5m").asDouble()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
		assertThat(after.path("errorBudgetRemaining").asDouble()).isLessThan(0);
		assertThat(after.path("firing").valueStream().map(JsonNode::asString)).contains("SloBurnRatePage1h");
		String metrics = client.get().uri("/health/metrics").retrieve().body(String.class);
		assertThat(metrics).contains("phoenix_slo_error_budget_remaining_ratio{", "phoenix_slo_burn_rate{",
				"phoenix_slo_sli_ratio{", "phoenix_slo_objective_ratio{");
		// The 5 s threshold of pipeline-latency is a bucket of the domain histogram
		assertThat(metrics.lines()
			.filter((line) -> line.startsWith("pipeline_duration_seconds_bucket{"))
			.filter((line) -> line.contains("pipeline=\"triage\""))
			.anyMatch((line) -> line.contains("le=\"5.0\""))).isTrue();
		JsonNode latency = awaitSlo(client, "pipeline-latency",
				(slo) -> slo.path("events").path("total").asDouble() >= 25);
		assertThat(latency.path("events").path("bad").asDouble()).isZero();
		// The LLM call of a summarize run is an event of llm-availability, whatever the
		// LLM's host is called
		run(client, "summarize");
		JsonNode llmAvailability = awaitSlo(client, "llm-availability",
				(slo) -> slo.path("events").path("total").asDouble() >= 1);
		assertThat(llmAvailability.path("events").path("bad").asDouble()).isZero();
	}

	@Test
	void servedRulesPassPromtoolAndAmtool() throws Exception {
		PrometheusTools.assumeInstalled();
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		for (String file : new String[] { "rules", "rules-tests", "alertmanager" }) {
			String yaml = client.get()
				.uri("/actuator/slo/" + file)
				.accept(MediaType.parseMediaType("application/yaml"))
				.retrieve()
				.body(String.class);
			Files.writeString(this.directory.resolve(file + ".yml"), yaml);
		}
		// The SLIs read the domain metrics and Spring AI's, not the HTTP routes or a host
		assertThat(Files.readString(this.directory.resolve("rules.yml"))).contains("service: sample-orchestrator",
				"pipeline_executions_total{service=\"sample-orchestrator\",status=~\"error|timeout\"}[5m]",
				"pipeline_duration_seconds_bucket{service=\"sample-orchestrator\",le=\"5.0\"}[5m]",
				"gen_ai_client_operation_seconds_count{service=\"sample-orchestrator\",error!=\"none\"}[5m]");
		PrometheusTools.check(this.directory);
	}

	@Test
	void rulesWrittenAtBuildTimePassPromtoolAndAmtool() throws Exception {
		PrometheusTools.assumeInstalled();
		Path built = Path.of("target/prometheus");
		assertThat(built.resolve("rules.yml")).exists();
		assertThat(PrometheusTools.check(built)).contains("SUCCESS");
	}

	private JsonNode awaitSlo(RestClient client, String name, java.util.function.Predicate<JsonNode> condition) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> slo(client, name), condition);
	}

	private JsonNode slo(RestClient client, String name) {
		JsonNode body = mapper.readTree(client.get().uri("/actuator/slo").retrieve().body(String.class));
		for (JsonNode objective : body.path("objectives")) {
			if (objective.path("name").asString().equals(name)) {
				return objective;
			}
		}
		throw new IllegalStateException("No SLO named " + name + " in " + body);
	}

	private void run(RestClient client, String pipeline) {
		client.post()
			.uri("/api/pipelines/{pipeline}/runs", pipeline)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toBodilessEntity();
	}

}
