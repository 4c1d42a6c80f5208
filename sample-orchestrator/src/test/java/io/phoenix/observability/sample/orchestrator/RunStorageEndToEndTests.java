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

import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the run storage on the default embedded database: each run and its
 * events are stored through JDBC, every statement is a span inside the run's trace, and
 * the pool and statement meters are scraped.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
// The context exports to this class's collector: close it with the class
@DirtiesContext
class RunStorageEndToEndTests {

	// Left running until the JVM exits: the context flushes its spans to it when it
	// closes
	private static final OtlpCollector collector = OtlpCollector.start();

	private static final LlmBackend llm = LlmBackend.start();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
		llm.register(registry);
	}

	@AfterAll
	static void stopLlm() {
		llm.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void runAndItsAgentEventsAreStoredAndReadBack() {
		String runId = run("summarize", "user-5");
		Map<String, Object> stored = json
			.readValue(client().get().uri("/api/pipelines/runs/{id}", runId).retrieve().body(String.class), Map.class);
		assertThat(stored).containsEntry("id", runId)
			.containsEntry("pipeline", "summarize")
			.containsEntry("userId", "user-5")
			.containsEntry("status", "SUCCEEDED");
		assertThat((List<Map<String, Object>>) stored.get("events")).extracting((event) -> event.get("agent"))
			.containsExactly("retriever", "writer", "store");
		ResponseEntity<String> missing = client().get()
			.uri("/api/pipelines/runs/nope")
			.retrieve()
			.toEntity(String.class);
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void failedRunIsStoredAsFailed() {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/broken/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode().is5xxServerError()).isTrue();
		String traceId = traceIdOf(response);
		ExportedSpan run = collector
			.awaitSpans((all) -> all.stream()
				.anyMatch((s) -> s.traceId().equals(traceId) && "pipeline.execute".equals(s.name())))
			.stream()
			.filter((s) -> s.traceId().equals(traceId) && "pipeline.execute".equals(s.name()))
			.findFirst()
			.orElseThrow();
		String runId = run.attributes().get("run.id");
		String stored = client().get().uri("/api/pipelines/runs/{id}", runId).retrieve().body(String.class);
		assertThat(stored).contains("\"status\":\"FAILED\"");
	}

	@Test
	void statementsAreSpansInsideTheRunAndItsAgents() {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/summarize/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"text\":\"Quarterly report\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		String traceId = traceIdOf(response);
		// The insert of the run, one insert per agent, the update at the end
		List<ExportedSpan> trace = collector
			.awaitSpans((all) -> queries(all, traceId).size() >= 5
					&& all.stream().anyMatch((s) -> s.traceId().equals(traceId) && "pipeline.execute".equals(s.name())))
			.stream()
			.filter((s) -> s.traceId().equals(traceId))
			.toList();
		ExportedSpan run = trace.stream().filter((s) -> "pipeline.execute".equals(s.name())).findFirst().orElseThrow();
		List<ExportedSpan> queries = queries(trace, traceId);
		assertThat(queries).allSatisfy((query) -> assertThat(query.ancestorsIn(trace)).contains(run.spanId()));
		List<ExportedSpan> agents = trace.stream().filter((s) -> "agent.execute".equals(s.name())).toList();
		assertThat(agents).hasSize(3)
			.allSatisfy((agent) -> assertThat(queries)
				.anySatisfy((query) -> assertThat(query.ancestorsIn(trace)).contains(agent.spanId())));
		// In OpenTelemetry's database conventions, the run's status literal left out
		ExportedSpan insert = queries.stream()
			.filter((query) -> "INSERT pipeline_run".equals(query.name()))
			.findFirst()
			.orElseThrow();
		assertThat(insert.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
		assertThat(insert.typedAttributes())
			.containsEntry("db.query.text",
					"INSERT INTO pipeline_run (id, pipeline, user_id, status, started_at) VALUES (?, ?, ?, ?, ?)")
			.containsEntry("db.operation.name", "INSERT")
			.containsEntry("db.collection.name", "pipeline_run")
			.containsKey("db.namespace")
			.doesNotContainKeys("jdbc.query[0]", "jdbc.params[0]");
		assertThat(insert.attributes().get("db.system.name")).isIn("postgresql", "h2database");
		assertThat(insert.attributes().get("db.query.text")).doesNotContain("RUNNING");
		assertThat(queries).extracting(ExportedSpan::name).contains("INSERT pipeline_run_event", "UPDATE pipeline_run");
	}

	@Test
	void poolAndStatementMetersAreScraped() {
		run("triage", null);
		String scrape = client().get().uri("/health/metrics").retrieve().body(String.class);
		assertThat(scrape.lines()).anySatisfy((line) -> assertThat(line).startsWith("hikaricp_connections_max{")
			.contains("pool=\"orchestrator\"")
			.endsWith(" 10.0"));
		assertThat(scrape.lines()).anySatisfy((line) -> assertThat(line).startsWith("jdbc_query_seconds_count{"));
	}

	private static List<ExportedSpan> queries(List<ExportedSpan> spans, String traceId) {
		return spans.stream()
			.filter((s) -> s.traceId().equals(traceId) && s.attributes().containsKey("db.query.text"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private String run(String pipeline, String userId) {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/{pipeline}/runs", pipeline)
			.headers((headers) -> {
				if (userId != null) {
					headers.set("X-User-ID", userId);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"text\":\"Quarterly report\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return (String) json.readValue(response.getBody(), Map.class).get("id");
	}

	private static String traceIdOf(ResponseEntity<String> response) {
		String traceResponse = response.getHeaders().getFirst("traceresponse");
		assertThat(traceResponse).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		return traceResponse.substring(3, 35);
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

}
