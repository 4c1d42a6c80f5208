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
package io.phoenix.observability.newcomer.log4j2;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.phoenix.observability.testing.JsonLogLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on Log4j2 starts with the starter and writes Phoenix's JSON lines: the
 * same fields as on Logback, the request's ids, the access log, masked secrets.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class Log4j2NewcomerTests {

	@LocalServerPort
	private int port;

	@Test
	void helloLineCarriesPhoenixFieldsAndTheRequestsIds(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/hello", "log4j2-hello-1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("log4j2-hello-1");
		Map<String, Object> line = JsonLogLines.await(output::getOut, JsonLogLines.message("saying hello"));
		assertThat(line).containsEntry("correlation_id", "log4j2-hello-1")
			.containsEntry("service", "newcomer-log4j2")
			.containsEntry("environment", "local")
			.containsEntry("level", "INFO")
			.containsEntry("logger", HelloController.class.getName())
			.containsEntry("greeting", "hello")
			.containsKeys("timestamp", "thread", "version", "trace_id", "span_id", "request_id")
			.doesNotContainKeys("@timestamp", "@version", "logger_name", "thread_name", "level_value", "tags",
					"traceId", "spanId");
		assertThat((String) line.get("trace_id")).hasSize(32);
		assertThat((String) line.get("span_id")).hasSize(16);
		assertThat((String) line.get("timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
	}

	@Test
	void accessLogLineCarriesItsFields(CapturedOutput output) throws Exception {
		get("/hello", "log4j2-access-1");
		Map<String, Object> line = JsonLogLines.await(output::getOut,
				(candidate) -> "phoenix.access".equals(candidate.get("logger"))
						&& "log4j2-access-1".equals(candidate.get("correlation_id")));
		assertThat(line).containsEntry("http_method", "GET")
			.containsEntry("http_route", "/hello")
			.containsEntry("service", "newcomer-log4j2")
			.containsEntry("http_status", 200)
			.containsKeys("request_id", "trace_id", "span_id");
		assertThat(line.get("duration_ms")).isInstanceOf(Number.class);
	}

	@Test
	void errorLineCarriesStackTraceAndHashWithSecretsMasked(CapturedOutput output) throws Exception {
		get("/charge", "log4j2-charge-1");
		Map<String, Object> line = JsonLogLines.await(output::getOut,
				(candidate) -> "log4j2-charge-1".equals(candidate.get("correlation_id"))
						&& "WARN".equals(candidate.get("level")));
		assertThat(line).containsEntry("message", "charge failed, retrying with token=****")
			.containsEntry("password", "****");
		assertThat((String) line.get("stack_trace")).startsWith("java.lang.IllegalStateException: card declined");
		assertThat((String) line.get("stack_hash")).matches("[0-9a-f]{8}");
		assertThat(output.getOut()).doesNotContain("hunter2", "abc123");
		get("/charge", "log4j2-charge-2");
		Map<String, Object> again = JsonLogLines.await(output::getOut,
				(candidate) -> "log4j2-charge-2".equals(candidate.get("correlation_id"))
						&& "WARN".equals(candidate.get("level")));
		// The same failure, another occurrence: one signature to count and group by
		assertThat(again.get("stack_hash")).isEqualTo(line.get("stack_hash"));
	}

	@Test
	void healthAndMetricsServe() throws Exception {
		get("/hello", "log4j2-metrics-1");
		HttpResponse<String> health = get("/actuator/health", "log4j2-health-1");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> prometheus = get("/actuator/prometheus", "log4j2-prometheus-1");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body())
			.containsPattern("http_server_requests_seconds_count\\{[^}]*service=\"newcomer-log4j2\"")
			.doesNotContain("phoenix_logging_events_dropped");
	}

	@Test
	void warnEventsAreCountedPerLogger() throws Exception {
		double before = warnEvents();
		get("/charge", "log4j2-count-1");
		get("/charge", "log4j2-count-2");
		get("/hello", "log4j2-count-3");
		// Two WARN lines, each counted once; the INFO line is not counted
		assertThat(warnEvents() - before).isEqualTo(2);
	}

	private double warnEvents() throws Exception {
		return get("/actuator/prometheus", "log4j2-count-scrape").body()
			.lines()
			.filter((line) -> line.startsWith("phoenix_logging_events_total{")
					&& line.contains("logger=\"" + HelloController.class.getName() + "\"")
					&& line.contains("level=\"warn\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private HttpResponse<String> get(String path, String correlationId) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("X-Correlation-ID", correlationId)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
