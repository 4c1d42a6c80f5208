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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

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
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the orchestrator, from the outside: real HTTP, the JSON lines it
 * writes to standard output, and the OTLP payloads it exports to a collector stand-in.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=100ms",
				"phoenix.observability.correlation.invalid-header-log-interval=0s" })
// The context exports to this class's collector: close it with the class
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class OrchestratorApplicationTests {

	// Left running until the JVM exits: the context flushes its spans to it when it
	// closes
	private static final OtlpCollector collector = OtlpCollector.start();

	private static final LlmBackend llm = LlmBackend.start();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void collectorProperties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
		llm.register(registry);
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void livenessReadinessAndDependenciesAnswerWithActuatorHealthJson() {
		for (String group : List.of("liveness", "readiness", "dependencies")) {
			ResponseEntity<Map> response = client().get().uri("/health/" + group).retrieve().toEntity(Map.class);
			assertThat(response.getStatusCode()).as(group).isEqualTo(HttpStatus.OK);
			assertThat(response.getBody()).as(group).containsEntry("status", "UP");
		}
	}

	@Test
	void dependenciesShowStatusesButNoDetailsToAnonymousCallers() {
		Map<String, Object> body = client().get().uri("/health/dependencies").retrieve().body(Map.class);
		Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) body.get("components");
		assertThat(components).isNotEmpty();
		assertThat(components).allSatisfy((name, component) -> assertThat(component).containsOnlyKeys("status"));
	}

	@Test
	void metricsPathServesPrometheusTextWithServiceTagsAndSeedBuckets() {
		client().post()
			.uri("/api/pipelines/summarize/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toBodilessEntity();
		ResponseEntity<String> response = client().get().uri("/health/metrics").retrieve().toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("text/plain");
		List<String> requests = response.getBody()
			.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_bucket{"))
			.toList();
		assertThat(requests).isNotEmpty()
			.allMatch((line) -> line.contains("service=\"sample-orchestrator\"")
					&& line.contains("environment=\"local\""))
			.anyMatch((line) -> line.contains("le=\"0.5\""))
			.anyMatch((line) -> line.contains("le=\"1.0\""))
			.noneMatch((line) -> line.contains("uri=\"/health") || line.contains("uri=\"/actuator"));
	}

	@Test
	void requestCarriesOneCorrelationAndTraceIdIntoHeadersLogsAndExportedSpans(CapturedOutput output) {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/summarize/runs")
			.header("X-Correlation-ID", "order-4711")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getFirst("X-Correlation-ID")).isEqualTo("order-4711");
		String requestId = headers.getFirst("X-Request-ID");
		assertThat(requestId).matches("[0-9a-f]{32}");
		String traceId = traceIdOf(headers);

		Map<String, Object> line = JsonLogLines.await(output::getOut, JsonLogLines.message("Pipeline run completed")
			.and((l) -> "order-4711".equals(l.get("correlation_id"))));
		assertThat(line).containsEntry("trace_id", traceId)
			.containsEntry("request_id", requestId)
			.containsEntry("service", "sample-orchestrator")
			.containsEntry("environment", "local")
			.containsEntry("level", "INFO")
			.containsEntry("pipeline", "summarize")
			.containsKeys("timestamp", "logger", "thread", "span_id", "run_id", "version");
		assertThat((String) line.get("timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

		// The server span, and the client span of the call to the LLM backend within it
		List<ExportedSpan> trace = awaitTrace(traceId, 7);
		ExportedSpan server = trace.stream()
			.filter((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER)
			.findFirst()
			.orElseThrow();
		ExportedSpan llmCall = trace.stream()
			.filter((s) -> s.kind() == SpanKind.SPAN_KIND_CLIENT && s.attributes().containsKey("http.request.method"))
			.findFirst()
			.orElseThrow();
		assertThat(llmCall.ancestorsIn(trace)).contains(server.spanId());
		// Spring AI's OkHttp call, in OpenTelemetry's HTTP client conventions
		assertThat(llmCall.name()).isEqualTo("POST");
		assertThat(llmCall.typedAttributes()).containsEntry("http.request.method", "POST")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("server.address", "127.0.0.1")
			.containsKeys("url.full", "server.port")
			.doesNotContainKeys("method", "status", "target.host");
		assertThat(server.service()).isEqualTo("sample-orchestrator");
		assertThat(server.resource()).containsEntry("deployment.environment.name", "local")
			.containsKey("service.version");
		assertThat(server.attributes()).containsEntry("http.route", "/api/pipelines/{pipeline}/runs");
	}

	@Test
	void pipelineRunIsOneSpanWithItsAgentsAndTheLlmCallAndItsLinesCarryPipelineAndRunId(CapturedOutput output)
			throws Exception {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/summarize/runs")
			.header("X-Correlation-ID", "pipeline-span-1")
			.header("X-User-ID", "user-17")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"text\":\"Quarterly report\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		String runId = (String) json.readValue(response.getBody(), Map.class).get("id");
		String traceId = traceIdOf(response.getHeaders());

		// server > pipeline.execute > agent.execute (retriever, writer > chat, Spring
		// AI's
		// span > the OkHttp client span of its POST, store), and a connection > query
		// pair
		// for each of the five statements that store the run
		List<ExportedSpan> trace = awaitTrace(traceId, 17);
		ExportedSpan server = trace.stream()
			.filter((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER)
			.findFirst()
			.orElseThrow();
		ExportedSpan run = only(trace, "pipeline.execute");
		assertThat(run.parentSpanId()).isEqualTo(server.spanId());
		assertThat(run.attributes()).containsEntry("pipeline.name", "summarize")
			.containsEntry("run.id", runId)
			.containsEntry("user.id", "user-17")
			.containsEntry("request.id", response.getHeaders().getFirst("X-Request-ID"));
		assertThat(run.span().getEventsList()).extracting((event) -> event.getName())
			.containsExactly("pipeline.started", "pipeline.completed");
		List<ExportedSpan> agents = trace.stream().filter((s) -> "agent.execute".equals(s.name())).toList();
		assertThat(agents).extracting((s) -> s.attributes().get("agent.name"))
			.containsExactlyInAnyOrder("retriever", "writer", "store");
		assertThat(agents).allSatisfy((agent) -> assertThat(agent.parentSpanId()).isEqualTo(run.spanId()));
		ExportedSpan writer = agents.stream()
			.filter((s) -> "writer".equals(s.attributes().get("agent.name")))
			.findFirst()
			.orElseThrow();
		ExportedSpan chat = only(trace, "chat default");
		assertThat(chat.parentSpanId()).isEqualTo(writer.spanId());
		assertThat(chat.attributes()).containsEntry("gen_ai.system", "openai")
			.containsEntry("gen_ai.response.model", "qwen2.5-7b-instruct")
			.containsEntry("gen_ai.usage.input_tokens", String.valueOf(LlmBackend.PROMPT_TOKENS));
		// The HTTP client span of the LLM call; the JDBC spans are client spans too
		ExportedSpan post = trace.stream()
			.filter((s) -> s.kind() == SpanKind.SPAN_KIND_CLIENT && !s.attributes().containsKey("db.system.name")
					&& !"connection".equals(s.name()))
			.findFirst()
			.orElseThrow();
		assertThat(post.parentSpanId()).isEqualTo(chat.spanId());

		Map<String, Object> ended = JsonLogLines.await(output::getOut,
				(l) -> "phoenix.pipeline".equals(l.get("logger")) && runId.equals(l.get("run_id")));
		assertThat(ended).containsEntry("pipeline", "summarize")
			.containsEntry("status", "success")
			.containsEntry("steps", 3)
			.containsEntry("correlation_id", "pipeline-span-1")
			.containsEntry("trace_id", traceId)
			.containsKey("duration_ms");
		// One line per LLM call, tied to the declared llm dependency and its breaker,
		// without the prompt or the completion
		Map<String, Object> llmLine = JsonLogLines.await(output::getOut,
				(l) -> "phoenix.llm".equals(l.get("logger")) && runId.equals(l.get("run_id")));
		assertThat(llmLine).containsEntry("pipeline", "summarize")
			.containsEntry("level", "INFO")
			.containsEntry("provider", "openai")
			.containsEntry("operation", "chat")
			.containsEntry("model", "default")
			.containsEntry("response_model", LlmBackend.RESPONSE_MODEL)
			.containsEntry("input_tokens", LlmBackend.PROMPT_TOKENS)
			.containsEntry("output_tokens", LlmBackend.COMPLETION_TOKENS)
			.containsEntry("finish_reason", "STOP")
			.containsEntry("status", "success")
			.containsEntry("dependency", "llm")
			.containsEntry("circuit_breaker", "llm")
			.containsEntry("trace_id", traceId)
			.containsKey("duration_ms")
			.doesNotContainKeys("prompt", "completion");
	}

	@Test
	void pipelineMetricsAreScrapedWithTheSeedNamesTagsAndTheStubsTokens() {
		double inputBefore = value(scrape(), "gen_ai_client_token_usage_total", "gen_ai_token_type=\"input\"");
		double outputBefore = value(scrape(), "gen_ai_client_token_usage_total", "gen_ai_token_type=\"output\"");
		client().post()
			.uri("/api/pipelines/summarize/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"text\":\"Quarterly report\"}")
			.retrieve()
			.toBodilessEntity();
		client().post()
			.uri("/api/pipelines/triage/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toBodilessEntity();
		client().post()
			.uri("/api/pipelines/broken/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toBodilessEntity();
		String scrape = scrape();
		assertThat(value(scrape, "gen_ai_client_token_usage_total", "gen_ai_token_type=\"input\"") - inputBefore)
			.isEqualTo(LlmBackend.PROMPT_TOKENS);
		assertThat(value(scrape, "gen_ai_client_token_usage_total", "gen_ai_token_type=\"output\"") - outputBefore)
			.isEqualTo(LlmBackend.COMPLETION_TOKENS);
		assertThat(value(scrape, "pipeline_executions_total", "pipeline=\"summarize\"", "status=\"success\""))
			.isPositive();
		// A failed agent makes its run an error
		assertThat(value(scrape, "agent_executions_total", "agent=\"broken\"", "status=\"error\"")).isPositive();
		assertThat(value(scrape, "pipeline_executions_total", "pipeline=\"broken\"", "status=\"error\"")).isPositive();
		assertThat(value(scrape, "interrupts_total", "kind=\"clarification\"", "status=\"raised\"")).isPositive();
		assertThat(scrape.lines()
			.filter((l) -> l.startsWith("pipeline_duration_seconds_bucket{") && l.contains("pipeline=\"summarize\"")))
			.extracting((l) -> l.substring(l.indexOf("le=\"") + 4, l.indexOf('"', l.indexOf("le=\"") + 4)))
			.containsExactly("0.1", "0.5", "1.0", "2.0", "5.0", "10.0", "30.0", "60.0", "+Inf");
		assertThat(scrape.lines()
			.filter((l) -> l.startsWith("agent_duration_seconds_bucket{") && l.contains("agent=\"writer\"")))
			.hasSize(8);
		assertThat(value(scrape, "pipeline_executions_active", "pipeline=\"summarize\"")).isZero();
		assertThat(value(scrape, "gen_ai_client_operation_seconds_count", "gen_ai_system=\"openai\"",
				"gen_ai_request_model=\"default\"", "gen_ai_response_model=\"qwen2.5-7b-instruct\""))
			.isPositive();
	}

	private String scrape() {
		return client().get().uri("/health/metrics").retrieve().body(String.class);
	}

	private static double value(String scrape, String name, String... labels) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static List<ExportedSpan> awaitTrace(String traceId, int spans) {
		return collector.awaitSpans((all) -> all.stream().filter((s) -> s.traceId().equals(traceId)).count() >= spans)
			.stream()
			.filter((s) -> s.traceId().equals(traceId))
			.toList();
	}

	private static ExportedSpan only(List<ExportedSpan> trace, String name) {
		List<ExportedSpan> named = trace.stream().filter((s) -> name.equals(s.name())).toList();
		assertThat(named).as(name).hasSize(1);
		return named.get(0);
	}

	@Test
	void accessLogHasOneLinePerServedRequestWithTheRouteTemplateAndNoneForProbes(CapturedOutput output) {
		client().get().uri("/health/readiness").retrieve().toBodilessEntity();
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/summarize/runs")
			.header("X-Correlation-ID", "access-1")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);
		Map<String, Object> line = JsonLogLines.await(output::getOut,
				(l) -> "phoenix.access".equals(l.get("logger")) && "access-1".equals(l.get("correlation_id")));
		assertThat(line).containsEntry("http_method", "POST")
			.containsEntry("http_route", "/api/pipelines/{pipeline}/runs")
			.containsEntry("http_status", 200)
			.containsEntry("request_id", response.getHeaders().getFirst("X-Request-ID"))
			.containsEntry("trace_id", traceIdOf(response.getHeaders()))
			.containsKey("duration_ms")
			.doesNotContainKey("client_address_hash");
		assertThat(JsonLogLines.parse(output.getOut())).filteredOn((l) -> "phoenix.access".equals(l.get("logger")))
			.extracting((l) -> (String) l.get("http_route"))
			.noneMatch((route) -> route.contains("health") || route.contains("actuator"));
	}

	@Test
	void probesAndScrapesProduceNoSpans() {
		for (String path : List.of("/health/liveness", "/health/readiness", "/health/dependencies", "/health/metrics",
				"/actuator/health", "/actuator/prometheus")) {
			client().get().uri(path).retrieve().toBodilessEntity();
		}
		ResponseEntity<String> marker = client().post()
			.uri("/api/pipelines/triage/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);
		String markerTrace = traceIdOf(marker.getHeaders());
		List<ExportedSpan> spans = collector
			.awaitSpans((all) -> all.stream().anyMatch((s) -> s.traceId().equals(markerTrace)));
		assertThat(spans).extracting(ExportedSpan::name)
			.noneMatch((name) -> name.contains("health") || name.contains("actuator") || name.contains("prometheus"));
		assertThat(spans).flatExtracting((s) -> s.attributes().values())
			.noneMatch((value) -> value.startsWith("/health") || value.startsWith("/actuator"));
	}

	@Test
	void problemDetailOfAClientErrorCarriesCorrelationAndTraceIds() throws Exception {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/unknown/runs")
			.header("X-Correlation-ID", "missing-pipeline-1")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		Map<String, Object> problem = json.readValue(response.getBody(), Map.class);
		assertThat(problem).containsEntry("correlation_id", "missing-pipeline-1")
			.containsEntry("trace_id", traceIdOf(response.getHeaders()))
			.containsEntry("status", 404);
	}

	@Test
	void serverErrorBodyCarriesCorrelationAndTraceIds() throws Exception {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/broken/runs")
			.header("X-Correlation-ID", "crash-1")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		Map<String, Object> error = json.readValue(response.getBody(), Map.class);
		assertThat(error).containsEntry("correlation_id", "crash-1")
			.containsEntry("trace_id", traceIdOf(response.getHeaders()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "LONG", "<script>alert('x')</script>", "tab\tinside", "id with spaces", "caf\u00e9" })
	void hostileCorrelationHeaderIsReplacedLoggedSafelyAndTheRequestServed(String hostile, CapturedOutput output)
			throws IOException {
		String value = "LONG".equals(hostile) ? "x".repeat(5000) : hostile;
		RawResponse response = rawPost("/api/pipelines/triage/runs", value);
		assertThat(response.status()).isEqualTo(200);
		String replacement = response.header("X-Correlation-ID");
		assertThat(replacement).matches("[0-9a-f]{32}").isNotEqualTo(value);
		Map<String, Object> line = JsonLogLines.await(output::getOut,
				JsonLogLines.message("Pipeline run completed").and((l) -> replacement.equals(l.get("correlation_id"))));
		assertThat(line).containsEntry("pipeline", "triage");
		assertThat(output.getOut()).doesNotContain(value)
			.contains("Replaced an invalid X-Correlation-ID header of "
					+ value.getBytes(StandardCharsets.ISO_8859_1).length + " characters");
	}

	private static String traceIdOf(HttpHeaders headers) {
		String traceResponse = headers.getFirst("traceresponse");
		assertThat(traceResponse).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		return traceResponse.substring(3, 35);
	}

	/**
	 * Sends a request over a plain socket, so that header values no HTTP client would
	 * send reach the server as they are.
	 */
	private RawResponse rawPost(String path, String correlationId) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			String request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 2\r\nConnection: close\r\nX-Correlation-ID: " + correlationId + "\r\n\r\n{}";
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			in.transferTo(received);
			return RawResponse.parse(received.toString(StandardCharsets.ISO_8859_1));
		}
	}

	private record RawResponse(int status, Map<String, String> headers) {

		static RawResponse parse(String raw) {
			String head = raw.substring(0, raw.indexOf("\r\n\r\n"));
			List<String> lines = head.lines().toList();
			int status = Integer.parseInt(lines.get(0).split(" ")[1]);
			Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			lines.stream()
				.skip(1)
				.forEach((line) -> headers.put(line.substring(0, line.indexOf(':')),
						line.substring(line.indexOf(':') + 1).trim()));
			return new RawResponse(status, headers);
		}

		String header(String name) {
			return this.headers.get(name);
		}

	}

}
