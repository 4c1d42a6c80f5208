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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator with a collector that refuses connections: requests are served,
 * failures are counted and reported in one log line per interval, without stack traces.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=100ms",
				"phoenix.observability.tracing.failure-log-interval=1h" })
@ExtendWith(OutputCaptureExtension.class)
class CollectorDownTests {

	private static final LlmBackend llm = LlmBackend.start();

	@LocalServerPort
	private int port;

	private static final int closedPort = closedPort();

	@DynamicPropertySource
	static void refusingCollector(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
				() -> "http://127.0.0.1:" + closedPort + "/v1/traces");
		llm.register(registry);
	}

	@AfterAll
	static void stopLlm() {
		llm.close();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void requestsAreServedAndFailedExportsAreCountedAndLoggedOncePerInterval(CapturedOutput output) {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		for (int i = 0; i < 20; i++) {
			HttpStatus status = (HttpStatus) client.post()
				.uri("/api/pipelines/summarize/runs")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{}")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode();
			assertThat(status).isEqualTo(HttpStatus.OK);
		}
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> failures(client) >= 2);
		// Contexts of other test classes, cached, may still be retrying exports to their
		// own stopped collectors
		List<String> reports = output.getOut()
			.lines()
			.filter((line) -> line.contains("Failed to export") && line.contains(":" + closedPort))
			.toList();
		assertThat(reports).hasSize(1);
		assertThat(reports.get(0)).contains("\"level\":\"WARN\"").doesNotContain("stack_trace");
		assertThat(output.getOut().lines().filter((line) -> line.contains("\"logger\":\"io.opentelemetry"))).isEmpty();
	}

	private static double failures(RestClient client) {
		return client.get()
			.uri("/health/metrics")
			.retrieve()
			.body(String.class)
			.lines()
			.filter((line) -> line.startsWith("phoenix_tracing_export_failures_total{"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
