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

package io.phoenix.observability.sample.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the gateway in front of a real orchestrator process: one request
 * followed through both services in response headers, in both services' JSON logs and in
 * the spans both export to a collector stand-in.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=100ms",
				"phoenix.observability.correlation.invalid-header-log-interval=0s" })
// The context exports to this class's collector: close it with the class
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class GatewayEndToEndTests {

	// Left running until the JVM exits: the context flushes its spans to it when it
	// closes
	private static final OtlpCollector collector = OtlpCollector.start();

	private static OrchestratorProcess orchestrator;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startOrchestrator() throws Exception {
		orchestrator = OrchestratorProcess.start(collector.tracesEndpoint());
	}

	@AfterAll
	static void stop() throws Exception {
		if (orchestrator != null) {
			orchestrator.close();
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
		registry.add("gateway.orchestrator-url", () -> orchestrator.baseUrl());
		registry.add("gateway.orchestrator-host", () -> "127.0.0.1");
		registry.add("gateway.orchestrator-grpc-target", () -> orchestrator.grpcTarget());
	}

	private WebClient client() {
		return WebClient.create("http://127.0.0.1:" + this.port);
	}

	private ResponseEntity<String> runPipeline(String pipeline, String correlationId) {
		return client().post()
			.uri("/api/pipelines/{pipeline}/runs", pipeline)
			.headers((headers) -> Optional.ofNullable(correlationId)
				.ifPresent((id) -> headers.set("X-Correlation-ID", id)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block();
	}

	@Test
	void oneRequestHasOneTraceAndOneCorrelationIdAcrossBothServices(CapturedOutput output) {
		ResponseEntity<String> response = runPipeline("summarize", "journey-42");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("\"pipeline\":\"summarize\"");
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getFirst("X-Correlation-ID")).isEqualTo("journey-42");
		String traceId = traceIdOf(headers);

		Map<String, Object> gatewayLine = JsonLogLines.await(output::getOut,
				JsonLogLines.message("Forwarded pipeline run to the orchestrator")
					.and((line) -> "journey-42".equals(line.get("correlation_id"))));
		assertThat(gatewayLine).containsEntry("service", "sample-gateway").containsEntry("trace_id", traceId);
		Map<String, Object> orchestratorLine = JsonLogLines.await(orchestrator::output,
				JsonLogLines.message("Pipeline run completed")
					.and((line) -> "journey-42".equals(line.get("correlation_id"))));
		assertThat(orchestratorLine).containsEntry("service", "sample-orchestrator")
			.containsEntry("trace_id", traceId)
			.containsEntry("pipeline", "summarize");
		assertThat(orchestratorLine.get("request_id")).isNotEqualTo(gatewayLine.get("request_id"));

		Map<String, Object> clientLine = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.http.client".equals(line.get("logger")) && traceId.equals(line.get("trace_id")));
		assertThat(clientLine).containsEntry("http_method", "POST")
			.containsEntry("peer_host", "127.0.0.1")
			.containsEntry("http_route", "/api/pipelines/{pipeline}/runs")
			.containsEntry("http_status", 200)
			.containsEntry("correlation_id", "journey-42")
			.containsKey("duration_ms");
		Map<String, Object> accessLine = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.access".equals(line.get("logger")) && traceId.equals(line.get("trace_id")));
		assertThat(accessLine).containsEntry("http_route", "/api/pipelines/{pipeline}/runs")
			.containsEntry("http_status", 200)
			.containsEntry("correlation_id", "journey-42");

		List<ExportedSpan> spans = collector.awaitSpans((all) -> all.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.kind() != SpanKind.SPAN_KIND_INTERNAL
					&& !isJdbc(span))
			.map((span) -> span.service() + " " + span.kind())
			.distinct()
			.count() == 4);
		List<ExportedSpan> trace = spans.stream()
			.filter((span) -> span.traceId().equals(traceId) && !isJdbc(span))
			.toList();
		ExportedSpan gatewayServer = only(trace, "sample-gateway", SpanKind.SPAN_KIND_SERVER);
		ExportedSpan gatewayClient = only(trace, "sample-gateway", SpanKind.SPAN_KIND_CLIENT);
		ExportedSpan orchestratorServer = only(trace, "sample-orchestrator", SpanKind.SPAN_KIND_SERVER);
		// The summarize run's writer step calls the LLM backend (the orchestrator's
		// built-in stand-in), below the run's and the step's spans
		ExportedSpan orchestratorClient = only(trace, "sample-orchestrator", SpanKind.SPAN_KIND_CLIENT);
		ExportedSpan pipelineRun = trace.stream()
			.filter((span) -> "pipeline.execute".equals(span.name()))
			.findFirst()
			.orElseThrow();
		assertThat(pipelineRun.parentSpanId()).isEqualTo(orchestratorServer.spanId());
		assertThat(orchestratorClient.traceId()).isEqualTo(pipelineRun.traceId());
		assertThat(gatewayServer.parentSpanId()).isEmpty();
		assertThat(gatewayClient.parentSpanId()).isEqualTo(gatewayServer.spanId());
		assertThat(orchestratorServer.parentSpanId()).isEqualTo(gatewayClient.spanId());
		assertThat(headers.getFirst("traceresponse")).contains(gatewayServer.spanId());
		assertThat(gatewayServer.resource()).containsEntry("deployment.environment.name", "local");
		// OpenTelemetry's HTTP conventions on every hop: the route, never the path
		assertThat(gatewayServer.name()).isEqualTo("POST /api/pipelines/{pipeline}/runs");
		assertThat(gatewayServer.typedAttributes()).containsEntry("http.request.method", "POST")
			.containsEntry("http.route", "/api/pipelines/{pipeline}/runs")
			.containsEntry("url.path", "/api/pipelines/summarize/runs")
			.containsEntry("http.response.status_code", 200L);
		assertThat(gatewayClient.typedAttributes()).containsEntry("http.request.method", "POST")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("server.address", "127.0.0.1")
			.containsKey("url.full");
		assertThat(orchestratorServer.typedAttributes()).containsEntry("http.route", "/api/pipelines/{pipeline}/runs")
			.containsEntry("http.response.status_code", 200L);
	}

	@Test
	void oneTraceAndOneCorrelationIdAcrossTheGrpcHop(CapturedOutput output) {
		ResponseEntity<String> response = client().post()
			.uri("/api/grpc/pipelines/{pipeline}/runs", "triage")
			.header("X-Correlation-ID", "grpc-journey-7")
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("\"pipeline\":\"triage\"");
		String traceId = traceIdOf(response.getHeaders());

		Map<String, Object> gatewayLine = JsonLogLines.await(output::getOut,
				JsonLogLines.message("Forwarded pipeline run to the orchestrator over gRPC")
					.and((line) -> "grpc-journey-7".equals(line.get("correlation_id"))));
		assertThat(gatewayLine).containsEntry("trace_id", traceId);
		Map<String, Object> clientCall = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.grpc.client".equals(line.get("logger")) && traceId.equals(line.get("trace_id")));
		assertThat(clientCall).containsEntry("rpc_method", "phoenix.sample.Pipelines/Run")
			.containsEntry("grpc_status_code", "OK")
			.containsEntry("correlation_id", "grpc-journey-7");
		Map<String, Object> served = JsonLogLines.await(orchestrator::output,
				(line) -> "phoenix.grpc.server".equals(line.get("logger")) && traceId.equals(line.get("trace_id")));
		assertThat(served).containsEntry("correlation_id", "grpc-journey-7").containsEntry("grpc_status_code", "OK");
		Map<String, Object> run = JsonLogLines.await(orchestrator::output,
				JsonLogLines.message("Pipeline run completed")
					.and((line) -> "grpc-journey-7".equals(line.get("correlation_id"))));
		assertThat(run).containsEntry("trace_id", traceId).containsEntry("service", "sample-orchestrator");

		List<ExportedSpan> spans = collector.awaitSpans((all) -> all.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.kind() != SpanKind.SPAN_KIND_INTERNAL
					&& !isJdbc(span))
			.map((span) -> span.service() + " " + span.kind())
			.distinct()
			.count() == 3);
		List<ExportedSpan> trace = spans.stream()
			.filter((span) -> span.traceId().equals(traceId) && !isJdbc(span))
			.toList();
		ExportedSpan gatewayServer = only(trace, "sample-gateway", SpanKind.SPAN_KIND_SERVER);
		ExportedSpan grpcClient = only(trace, "sample-gateway", SpanKind.SPAN_KIND_CLIENT);
		ExportedSpan grpcServer = only(trace, "sample-orchestrator", SpanKind.SPAN_KIND_SERVER);
		assertThat(grpcClient.parentSpanId()).isEqualTo(gatewayServer.spanId());
		assertThat(grpcServer.parentSpanId()).isEqualTo(grpcClient.spanId());
		// OpenTelemetry's RPC conventions for gRPC, on both sides of the call
		assertThat(grpcServer.name()).isEqualTo("phoenix.sample.Pipelines/Run");
		assertThat(grpcClient.name()).isEqualTo("phoenix.sample.Pipelines/Run");
		assertThat(List.of(grpcServer, grpcClient))
			.allSatisfy((span) -> assertThat(span.typedAttributes()).containsEntry("rpc.system", "grpc")
				.containsEntry("rpc.service", "phoenix.sample.Pipelines")
				.containsEntry("rpc.method", "Run")
				.containsEntry("rpc.grpc.status_code", 0L)
				.doesNotContainKeys("grpc.status_code", "net.peer.name", "error.type"));
		assertThat(grpcClient.typedAttributes()).containsKeys("server.address", "server.port");
	}

	@Test
	void grpcRunCarriesTheJsonInputAsProtobufFields(CapturedOutput output) {
		ResponseEntity<String> response = client().post()
			.uri("/api/grpc/pipelines/{pipeline}/runs", "triage")
			.header("X-Correlation-ID", "grpc-with-text")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"text\":\"route me\",\"user\":\"user-7\"}")
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("\"status\":\"SUCCEEDED\"")
			.contains("\"steps\":[\"router\",\"classifier\"]");
		Map<String, Object> run = JsonLogLines.await(orchestrator::output,
				JsonLogLines.message("Pipeline run completed")
					.and((line) -> "grpc-with-text".equals(line.get("correlation_id"))));
		// The run's id travels back in the reply
		assertThat(response.getBody()).contains("\"id\":\"" + run.get("run_id") + "\"");
	}

	@Test
	void unknownPipelineOverGrpcIsABadGatewayWithTheGrpcStatus() {
		ResponseEntity<String> response = client().post()
			.uri("/api/grpc/pipelines/{pipeline}/runs", "nonexistent")
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(response.getBody()).isEqualTo("{\"grpc_status\":\"NOT_FOUND\"}");
	}

	@Test
	void orchestratorIsADeclaredGrpcDependencyCheckedThroughItsHealthService() {
		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String metrics = client().get().uri("/health/metrics").retrieve().bodyToMono(String.class).block();
			assertThat(metrics.lines()).anyMatch(
					(line) -> line.startsWith("phoenix_dependency_up{") && line.contains("dependency=\"orchestrator\"")
							&& line.contains("type=\"grpc\"") && line.endsWith(" 1.0"));
		});
	}

	@Test
	void correlationIdIsGeneratedAtTheEdgeWhenAbsentAndPropagated() {
		ResponseEntity<String> response = runPipeline("triage", null);
		String correlationId = response.getHeaders().getFirst("X-Correlation-ID");
		assertThat(correlationId).matches("[0-9a-f]{32}");
		Map<String, Object> orchestratorLine = JsonLogLines.await(orchestrator::output,
				JsonLogLines.message("Pipeline run completed")
					.and((line) -> correlationId.equals(line.get("correlation_id"))));
		assertThat(orchestratorLine).containsEntry("trace_id", traceIdOf(response.getHeaders()));
	}

	@Test
	void hostileCorrelationHeaderIsReplacedAtTheEdgeAndTheRequestServed(CapturedOutput output) {
		String hostile = "<img src=x onerror=alert(1)>" + "A".repeat(5000);
		ResponseEntity<String> response = runPipeline("triage", hostile);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		String replacement = response.getHeaders().getFirst("X-Correlation-ID");
		assertThat(replacement).matches("[0-9a-f]{32}");
		JsonLogLines.await(orchestrator::output, JsonLogLines.message("Pipeline run completed")
			.and((line) -> replacement.equals(line.get("correlation_id"))));
		assertThat(output.getOut()).doesNotContain("onerror")
			.contains("Replaced an invalid X-Correlation-ID header of " + hostile.length() + " characters");
		assertThat(orchestrator.output()).doesNotContain("onerror");
	}

	@Test
	void errorResponsesOfTheOrchestratorReachTheCallerWithBothIds() {
		ResponseEntity<String> response = runPipeline("broken", "crash-at-depth");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(response.getBody()).contains("\"correlation_id\":\"crash-at-depth\"")
			.contains("\"trace_id\":\"" + traceIdOf(response.getHeaders()) + "\"");
	}

	@Test
	void healthPathsAnswerOnTheReactiveStackAndProduceNoSpans() {
		for (String group : List.of("liveness", "readiness", "dependencies")) {
			// dependencies waits for the first check of the declared orchestrator to
			// answer
			Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				ResponseEntity<Map> health = client().get()
					.uri("/health/" + group)
					.exchangeToMono((r) -> r.toEntity(Map.class))
					.block();
				assertThat(health.getStatusCode()).as(group).isEqualTo(HttpStatus.OK);
				assertThat(health.getBody()).as(group).containsEntry("status", "UP");
			});
		}
		ResponseEntity<String> metrics = client().get()
			.uri("/health/metrics")
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(metrics.getBody()).contains(
				"phoenix_logging_events_dropped_total{application=\"sample-gateway\",environment=\"local\",service=\"sample-gateway\"}")
			.doesNotContain("uri=\"/health");
		String marker = traceIdOf(runPipeline("triage", "after-probes").getHeaders());
		List<ExportedSpan> spans = collector
			.awaitSpans((all) -> all.stream().anyMatch((s) -> s.traceId().equals(marker)));
		assertThat(spans).filteredOn((span) -> "sample-gateway".equals(span.service()))
			.extracting(ExportedSpan::name)
			.noneMatch((name) -> name.contains("health") || name.contains("actuator") || name.contains("prometheus"));
	}

	private static ExportedSpan only(List<ExportedSpan> trace, String service, SpanKind kind) {
		List<ExportedSpan> matching = trace.stream()
			.filter((span) -> service.equals(span.service()) && span.kind() == kind)
			.toList();
		assertThat(matching).as(service + " " + kind).hasSize(1);
		return matching.get(0);
	}

	private static String traceIdOf(HttpHeaders headers) {
		String traceResponse = headers.getFirst("traceresponse");
		assertThat(traceResponse).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		return traceResponse.substring(3, 35);
	}

	// The orchestrator stores each run through JDBC: its connection and query spans are
	// client spans too, and not the hop these tests follow
	private static boolean isJdbc(ExportedSpan span) {
		return "connection".equals(span.name()) || span.attributes().containsKey("db.system.name");
	}

}
