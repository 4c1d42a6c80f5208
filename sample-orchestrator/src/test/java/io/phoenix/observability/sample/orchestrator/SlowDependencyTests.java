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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An LLM backend whose health endpoint answers slower than the dependency's timeout: it
 * is reported down, and {@code /health/readiness} answers at once, never waiting on it.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "phoenix.observability.dependencies.llm.timeout=500ms",
				"phoenix.observability.dependencies.llm.interval=200ms" })
class SlowDependencyTests {

	private static final LlmBackend llm = LlmBackend.start();

	static {
		llm.slowHealth(3000);
	}

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

	@Test
	void slowDependencyIsDownAndReadinessAnswersWithinItsTimeout() {
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Map<String, Object> body = client.get().uri("/health/dependencies").retrieve().body(Map.class);
			return "DOWN".equals(((Map<String, Map<String, Object>>) body.get("components")).get("llm").get("status"));
		});
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			ResponseEntity<Map> readiness = client.get().uri("/health/readiness").retrieve().toEntity(Map.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		}
		String metrics = client.get().uri("/health/metrics").retrieve().body(String.class);
		assertThat(CircuitBreakerEndToEndTests.sample(metrics, "phoenix_dependency_up{", "dependency=\"llm\""))
			.isEqualTo(0);
		double slowest = CircuitBreakerEndToEndTests.sample(metrics, "phoenix_dependency_check_duration_seconds_max{",
				"dependency=\"llm\"", "outcome=\"down\"");
		assertThat(slowest).isBetween(0.4, 1.5);
		assertThat(CircuitBreakerEndToEndTests.sample(metrics, "phoenix_health_component_status{", "component=\"llm\""))
			.isIn(0.0, -2.0);
	}

}
