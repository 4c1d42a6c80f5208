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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer application started as platform teams often start it: with the
 * OpenTelemetry Java agent attached (the jar from Maven Central). Phoenix notices the
 * agent and leaves the spans of requests to it: one server span per request, and the log
 * lines carry the trace ids the agent exported.
 *
 * @author Phoenix Observability
 */
class OpenTelemetryAgentTests {

	private static final int REQUESTS = 10;

	private static final OtlpCollector collector = OtlpCollector.start();

	private static final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();

	private static Process application;

	private static int port;

	@BeforeAll
	static void startWithTheAgent() throws Exception {
		Path agent = Path.of("target", "agent", "opentelemetry-javaagent.jar").toAbsolutePath();
		assertThat(agent).as("copied by the build").exists();
		port = freePort();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = List.of(java, "-javaagent:" + agent, "-Dotel.service.name=newcomer",
				"-Dotel.traces.sampler=always_on", "-Dotel.exporter.otlp.protocol=http/protobuf",
				"-Dotel.exporter.otlp.traces.endpoint=" + collector.tracesEndpoint(), "-Dotel.bsp.schedule.delay=100",
				"-Dotel.metrics.exporter=none", "-Dotel.logs.exporter=none", "-cp",
				System.getProperty("java.class.path"), NewcomerApplication.class.getName(),
				"--spring.main.sources=" + Observed.class.getName(), "--server.port=" + port,
				"--server.address=127.0.0.1",
				// Phoenix exports to the same collector, as a team that adds the agent
				// to a service already on Phoenix would leave it
				"--management.opentelemetry.tracing.export.otlp.endpoint=" + collector.tracesEndpoint(),
				"--management.opentelemetry.tracing.export.schedule-delay=100ms",
				"--management.tracing.sampling.probability=1.0");
		application = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(OpenTelemetryAgentTests::readOutput, "newcomer-output");
		reader.setDaemon(true);
		reader.start();
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/readiness")).build();
		Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!application.isAlive()) {
				throw new IllegalStateException("The application exited:\n" + String.join("\n", output));
			}
			try {
				return client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	@AfterAll
	static void stop() throws Exception {
		if (application != null) {
			application.destroy();
			application.waitFor();
		}
		collector.close();
	}

	@Test
	void oneServerSpanPerRequestAndLogLinesCarryTheExportedTraceIds() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (int i = 0; i < REQUESTS; i++) {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/hello"))
				.header("X-Correlation-ID", "agent-" + i)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		}
		HttpResponse<String> observed = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/observed"))
			.header("X-Correlation-ID", "agent-observed")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(observed.statusCode()).isEqualTo(200);
		collector.awaitSpans((all) -> servers(all, "/hello").size() >= REQUESTS
				&& all.stream().anyMatch((span) -> "newcomer.lookup".equals(span.name())));
		// Whatever would arrive late, a second server span of a request among them,
		// arrives now
		Thread.sleep(1500);
		List<ExportedSpan> spans = collector.spans();

		List<ExportedSpan> servers = servers(spans, "/hello");
		assertThat(servers).as("server spans of %d requests", REQUESTS).hasSize(REQUESTS);
		Set<String> traceIds = servers.stream().map(ExportedSpan::traceId).collect(Collectors.toSet());
		assertThat(traceIds).hasSize(REQUESTS);
		assertThat(spans).filteredOn((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER)
			.as("one server span per request, the agent's")
			.hasSize(REQUESTS + 1
					+ (int) spans.stream()
						.filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && span.name().contains("health"))
						.count());
		// An observation of the application's own lands in the agent's trace, below its
		// server span
		ExportedSpan observedServer = servers(spans, "/observed").get(0);
		ExportedSpan lookup = spans.stream()
			.filter((span) -> "newcomer.lookup".equals(span.name()))
			.findFirst()
			.orElseThrow();
		assertThat(lookup.traceId()).isEqualTo(observedServer.traceId());
		assertThat(lookup.parentSpanId()).isEqualTo(observedServer.spanId());

		List<String> accessLines = new ArrayList<>();
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			accessLines.clear();
			output.stream()
				.filter((line) -> line.contains("\"logger\":\"phoenix.access\"")
						&& line.contains("\"correlation_id\":\"agent-"))
				.forEach(accessLines::add);
			assertThat(accessLines).hasSize(REQUESTS + 1);
		});
		assertThat(accessLines).allSatisfy((line) -> {
			// Each name once: the agent's copy of the span in the MDC and Micrometer's
			// are
			// one field
			assertThat(line.split("\"trace_id\":", -1)).as(line).hasSize(2);
			assertThat(line.split("\"span_id\":", -1)).as(line).hasSize(2);
			Map<String, Object> fields = JsonLogLines.parseLine(line);
			if (!"agent-observed".equals(fields.get("correlation_id"))) {
				assertThat(traceIds).contains((String) fields.get("trace_id"));
			}
			else {
				assertThat(fields).containsEntry("trace_id", observedServer.traceId());
			}
		});
	}

	private static List<ExportedSpan> servers(List<ExportedSpan> spans, String path) {
		return spans.stream()
			.filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && span.name().contains(path))
			.toList();
	}

	private static String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	private static void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * An endpoint whose work is an observation of the application's own.
	 */
	static class Observed {

		@Bean
		RouterFunction<ServerResponse> observed(ObservationRegistry registry) {
			return RouterFunctions.route()
				.GET("/observed",
						(request) -> ServerResponse.ok()
							.body(Observation.createNotStarted("newcomer.lookup", registry).observe(() -> "found")))
				.build();
		}

	}

}
