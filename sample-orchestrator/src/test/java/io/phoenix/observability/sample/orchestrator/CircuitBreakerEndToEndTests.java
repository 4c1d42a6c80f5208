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

import java.time.Duration;
import java.util.Map;

import io.phoenix.observability.testing.JsonLogLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator's LLM backend starts failing: the {@code llm} circuit breaker opens,
 * which shows in its metrics, in one structured log event, and in
 * {@code /health/dependencies} and {@code /health/readiness}.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "phoenix.observability.dependencies.llm.interval=200ms")
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerEndToEndTests {

	private static final LlmBackend llm = LlmBackend.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void llmProperties(DynamicPropertyRegistry registry) {
		llm.register(registry);
	}

	@AfterAll
	static void stopLlm() {
		llm.close();
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void failingLlmOpensTheBreakerWhichShowsInMetricsLogsAndHealth(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(llmStatus()));
		llm.failing();
		for (int i = 0; i < 4; i++) {
			assertThat(summarize().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		}
		assertThat(summarize().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		String metrics = client().get().uri("/health/metrics").retrieve().body(String.class);
		assertThat(sample(metrics, "resilience4j_circuitbreaker_state{", "name=\"llm\"", "state=\"open\""))
			.isEqualTo(1);
		assertThat(sample(metrics, "resilience4j_circuitbreaker_state{", "name=\"llm\"", "state=\"closed\""))
			.isEqualTo(0);
		assertThat(sample(metrics, "resilience4j_circuitbreaker_not_permitted_calls_total{", "name=\"llm\""))
			.isEqualTo(1);
		assertThat(sample(metrics, "resilience4j_circuitbreaker_failure_rate{", "name=\"llm\"")).isEqualTo(100);
		assertThat(sample(metrics, "phoenix_circuitbreaker_transitions_total{", "breaker=\"llm\"", "from=\"CLOSED\"",
				"to=\"OPEN\"", "service=\"sample-orchestrator\""))
			.isEqualTo(1);
		assertThat(sample(metrics, "phoenix_dependency_up{", "dependency=\"llm\"", "critical=\"true\"", "type=\"http\"",
				"service=\"sample-orchestrator\""))
			.isEqualTo(0);
		assertThat(metrics.lines().filter((line) -> line.startsWith("resilience4j_circuitbreaker_state{"))).allMatch(
				(line) -> line.contains("service=\"sample-orchestrator\"") && line.contains("environment=\"local\""));

		Map<String, Object> event = JsonLogLines.await(output::getOut,
				JsonLogLines.message("Circuit breaker 'llm' went from CLOSED to OPEN"));
		assertThat(event).containsEntry("level", "WARN")
			.containsEntry("breaker", "llm")
			.containsEntry("from", "CLOSED")
			.containsEntry("to", "OPEN")
			.containsEntry("service", "sample-orchestrator")
			.containsKey("failure_rate");
		assertThat(((Number) event.get("failure_rate")).doubleValue()).isEqualTo(100.0);

		// The backend's health endpoint still answers, but the open breaker wins
		ResponseEntity<Map> dependencies = client().get().uri("/health/dependencies").retrieve().toEntity(Map.class);
		assertThat(dependencies.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(llmStatus()).isEqualTo("DOWN");
		ResponseEntity<Map> readiness = client().get().uri("/health/readiness").retrieve().toEntity(Map.class);
		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(readiness.getBody()).containsEntry("status", "DOWN");
		assertThat(client().get().uri("/health/liveness").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	private ResponseEntity<String> summarize() {
		return client().post()
			.uri("/api/pipelines/summarize/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"text\":\"a long report\"}")
			.retrieve()
			.toEntity(String.class);
	}

	private String llmStatus() {
		Map<String, Object> body = client().get().uri("/health/dependencies").retrieve().body(Map.class);
		Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) body.get("components");
		assertThat(components.get("llm")).containsOnlyKeys("status");
		return (String) components.get("llm").get("status");
	}

	static double sample(String metrics, String prefix, String... labels) {
		return metrics.lines()
			.filter((line) -> line.startsWith(prefix))
			.filter((line) -> java.util.Arrays.stream(labels).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No sample " + prefix + String.join(",", labels)));
	}

}
