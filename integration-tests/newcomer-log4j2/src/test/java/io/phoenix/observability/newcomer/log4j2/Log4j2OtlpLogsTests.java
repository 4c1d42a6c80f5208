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
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.trace.v1.Span;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedLog;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on Log4j2 with only the starter, and Spring Boot's OTLP logs endpoint
 * set: each line arrives at the collector once, in the request's trace, with the
 * request's correlation and request ids, and standard output keeps its JSON lines.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"management.opentelemetry.logging.export.schedule-delay=100ms" })
@ExtendWith(OutputCaptureExtension.class)
class Log4j2OtlpLogsTests {

	private static final OtlpCollector collector = OtlpCollector.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void collectorProperties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
		registry.add("management.opentelemetry.logging.export.otlp.endpoint", collector::logsEndpoint);
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void eachLineIsExportedOnceInItsRequestsTraceWithItsIds(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/hello", "log4j2-otlp-1");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
		ExportedLog record = awaitRecord("log4j2-otlp-1");
		ExportedSpan server = collector
			.awaitSpans((spans) -> spans.stream().anyMatch((span) -> isServerSpanOf(span, traceId)))
			.stream()
			.filter((span) -> isServerSpanOf(span, traceId))
			.findFirst()
			.orElseThrow();
		assertThat(record.body()).isEqualTo("saying hello");
		assertThat(record.traceId()).isEqualTo(server.traceId());
		assertThat(record.spanId()).isEqualTo(server.spanId());
		assertThat(record.severity()).isEqualTo("INFO");
		assertThat(record.scope()).isEqualTo(HelloController.class.getName());
		assertThat(record.service()).isEqualTo("newcomer-log4j2");
		assertThat(record.record().getTimeUnixNano()).isPositive();
		assertThat(record.attributes())
			.containsEntry("request_id", response.headers().firstValue("X-Request-ID").orElseThrow())
			.containsKey("thread.name")
			.doesNotContainKeys("traceId", "spanId", "trace_id", "span_id");
		get("/hello", "log4j2-otlp-2");
		awaitRecord("log4j2-otlp-2");
		// One record per line
		assertThat(collector.logs()).filteredOn((log) -> "saying hello".equals(log.body()))
			.extracting((log) -> log.attributes().get("correlation_id"))
			.containsExactly("log4j2-otlp-1", "log4j2-otlp-2");
		// Standard output: one JSON line per log line, without OpenTelemetry's context
		// data
		Map<String, Object> line = JsonLogLines.await(output::getOut,
				(candidate) -> "saying hello".equals(candidate.get("message"))
						&& "log4j2-otlp-1".equals(candidate.get("correlation_id")));
		assertThat(line).containsEntry("trace_id", traceId).doesNotContainKeys("trace_flags");
		assertThat(JsonLogLines.parse(output.getOut()))
			.filteredOn((candidate) -> "saying hello".equals(candidate.get("message"))
					&& "log4j2-otlp-1".equals(candidate.get("correlation_id")))
			.hasSize(1);
	}

	private static ExportedLog awaitRecord(String correlationId) {
		List<ExportedLog> logs = collector.awaitLogs((received) -> received.stream()
			.anyMatch((log) -> correlationId.equals(log.attributes().get("correlation_id"))
					&& "saying hello".equals(log.body())));
		return logs.stream()
			.filter((log) -> correlationId.equals(log.attributes().get("correlation_id"))
					&& "saying hello".equals(log.body()))
			.findFirst()
			.orElseThrow();
	}

	private static boolean isServerSpanOf(ExportedSpan span, String traceId) {
		return span.kind() == Span.SpanKind.SPAN_KIND_SERVER && span.traceId().equals(traceId);
	}

	private HttpResponse<String> get(String path, String correlationId) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("X-Correlation-ID", correlationId)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
