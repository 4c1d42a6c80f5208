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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.phoenix.observability.testing.JsonLogLines;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request's ids on the application's own worker threads: an {@code ExecutorService}
 * bean, a {@code ScheduledExecutorService} bean, {@code @Async} methods and
 * {@code CompletableFuture} chains, under many interleaved concurrent requests.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ExecutorPropagationTests {

	private static final int REQUESTS = 120;

	private static final List<String> KINDS = List.of("async", "chain", "later");

	@LocalServerPort
	private int port;

	@Test
	void everyWorkerLineCarriesItsOwnRequestsIds(CapturedOutput output) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		Map<String, Request> requests = new ConcurrentHashMap<>();
		ExecutorService callers = Executors.newFixedThreadPool(16);
		List<Future<?>> calls = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			String ticket = "ticket-" + i;
			String correlationId = "newcomer-exec-" + i;
			String kind = KINDS.get(i % KINDS.size());
			calls.add(callers.submit(() -> {
				HttpResponse<String> response = client.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/work/" + kind + "/" + ticket))
					.header("X-Correlation-ID", correlationId)
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
				String traceResponse = response.headers().firstValue("traceresponse").orElseThrow();
				// 00-<trace id>-<span id of the server span>-<flags>
				requests.put(ticket, new Request(kind, correlationId, traceResponse.substring(3, 35),
						traceResponse.substring(36, 52), response.headers().firstValue("X-Request-ID").orElseThrow()));
				return null;
			}));
		}
		for (Future<?> call : calls) {
			call.get(60, TimeUnit.SECONDS);
		}
		callers.shutdown();
		// async and later: one line each; chain: two
		int expectedLines = REQUESTS / 3 * 4;
		List<Map<String, Object>> lines = Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> JsonLogLines.parse(output.getOut()), (all) -> workLines(all).size() >= expectedLines);
		List<Map<String, Object>> workLines = workLines(lines);
		assertThat(workLines).hasSize(expectedLines);
		assertThat(workLines).allSatisfy((line) -> {
			Request request = requests.get((String) line.get("ticket"));
			assertThat((String) line.get("thread")).as("ran on a worker thread").doesNotStartWith("http-");
			assertThat(line).as("line %s", line)
				.containsEntry("correlation_id", request.correlationId())
				.containsEntry("request_id", request.requestId())
				.containsEntry("trace_id", request.traceId())
				.containsEntry("span_id", request.spanId());
		});
		// A task that runs after its request ended still carries that request's ids
		assertThat(workLines).filteredOn((line) -> "later work".equals(line.get("message")))
			.hasSize(REQUESTS / 3)
			.allSatisfy((line) -> assertThat(lines.indexOf(line)).as("after the access-log line of its request")
				.isGreaterThan(accessLineIndex(lines, (String) line.get("correlation_id"))));
	}

	@Test
	void theApplicationsPoolPublishesExecutorMetricsUnderItsBeanName() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().lines())
			.anySatisfy((line) -> assertThat(line).startsWith("executor_pool_core_threads{")
				.contains("name=\"pool\"")
				.endsWith(" 4.0"));
	}

	private static List<Map<String, Object>> workLines(List<Map<String, Object>> lines) {
		return lines.stream().filter((line) -> line.containsKey("ticket")).toList();
	}

	private static int accessLineIndex(List<Map<String, Object>> lines, String correlationId) {
		for (int i = 0; i < lines.size(); i++) {
			Map<String, Object> line = lines.get(i);
			if ("phoenix.access".equals(line.get("logger")) && correlationId.equals(line.get("correlation_id"))) {
				return i;
			}
		}
		throw new AssertionError("No access-log line for " + correlationId);
	}

	record Request(String kind, String correlationId, String traceId, String spanId, String requestId) {
	}

}
