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

package io.phoenix.observability.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request that fails with an unhandled exception leaves behind, checked from the
 * outside: its response, its log lines parsed as JSON, its scraped metrics and its
 * exported spans.
 *
 * @author Phoenix Observability
 */
public final class UnhandledExceptions {

	private static final HttpClient client = HttpClient.newHttpClient();

	private UnhandledExceptions() {
	}

	/**
	 * Send a GET request with a correlation id.
	 * @param port the server's port
	 * @param path the path
	 * @param correlationId the value of {@code X-Correlation-ID}
	 * @return the response
	 * @throws Exception if the request cannot be sent
	 */
	public static HttpResponse<String> get(int port, String path, String correlationId) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("X-Correlation-ID", correlationId)
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Wait for the request's access-log line and return it.
	 * @param output supplies the output captured so far
	 * @param correlationId the request's correlation id
	 * @return the access-log line
	 */
	public static Map<String, Object> accessLine(Supplier<String> output, String correlationId) {
		return JsonLogLines.await(output, (line) -> "phoenix.access".equals(line.get("logger"))
				&& correlationId.equals(line.get("correlation_id")));
	}

	/**
	 * Assert that the failure was logged in exactly one line, at ERROR, with the
	 * request's ids, its stack trace and the stack hash, and return that line.
	 * @param output the output captured once the request's access-log line was written
	 * @param failureMessage the message of the exception, which only its lines carry
	 * @param correlationId the request's correlation id
	 * @param requestId the request's id, as sent in {@code X-Request-ID}
	 * @return the line
	 */
	public static Map<String, Object> assertLoggedOnceWithIds(String output, String failureMessage,
			String correlationId, String requestId) {
		List<Map<String, Object>> lines = JsonLogLines.parse(output)
			.stream()
			.filter((line) -> String.valueOf(line.get("stack_trace")).contains(failureMessage)
					|| String.valueOf(line.get("message")).contains(failureMessage))
			.toList();
		assertThat(lines).as("lines about the failure").hasSize(1);
		Map<String, Object> line = lines.get(0);
		assertThat(line).containsEntry("level", "ERROR")
			.containsEntry("correlation_id", correlationId)
			.containsEntry("request_id", requestId)
			.containsKeys("trace_id", "span_id");
		assertThat(line.get("trace_id")).asString().hasSize(32);
		assertThat(line.get("span_id")).asString().hasSize(16);
		assertThat(line.get("stack_trace")).asString()
			.contains("java.lang.IllegalStateException: " + failureMessage)
			.contains("FailingController");
		assertThat(line.get("stack_hash")).asString().isNotEmpty();
		return line;
	}

	/**
	 * Assert that {@code http.server.requests} counted the request once, with the
	 * exception's tag, and nothing for the error page it was rendered with.
	 * @param port the server's port
	 * @param uri the route template of the failing endpoint
	 * @throws Exception if the scrape fails
	 */
	public static void assertCountedOnce(int port, String uri) throws Exception {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<String> counts = scrape(port).lines()
				.filter((line) -> line.startsWith("http_server_requests_seconds_count{"))
				.filter((line) -> line.contains("uri=\"" + uri + "\"") || line.contains("uri=\"/error\""))
				.toList();
			assertThat(counts).as("http_server_requests_seconds_count of " + uri).hasSize(1);
			assertThat(counts.get(0)).contains("uri=\"" + uri + "\"")
				.contains("exception=\"IllegalStateException\"")
				.contains("status=\"500\"")
				.endsWith(" 1");
		});
	}

	private static String scrape(int port) throws Exception {
		return client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/**
	 * Assert that the trace holds exactly one server span, with error status and the
	 * exception recorded on it.
	 * @param collector the collector the application exports to
	 * @param traceId the request's trace id
	 * @param spanId the request's server span id, as logged
	 */
	public static void assertOneFailedServerSpan(OtlpCollector collector, String traceId, String spanId) {
		List<ExportedSpan> spans = collector.awaitSpans((all) -> all.stream()
			.anyMatch((span) -> span.traceId().equals(traceId) && span.kind() == Span.SpanKind.SPAN_KIND_SERVER));
		// Give a second server span, as an observed error dispatch would export, its
		// chance to arrive
		Awaitility.await().pollDelay(Duration.ofMillis(500)).until(() -> true);
		List<ExportedSpan> server = collector.spans()
			.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.kind() == Span.SpanKind.SPAN_KIND_SERVER)
			.toList();
		assertThat(server).as("server spans of the trace").hasSize(1);
		ExportedSpan span = server.get(0);
		assertThat(span.spanId()).isEqualTo(spanId);
		assertThat(span.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
		boolean exceptionEvent = span.span()
			.getEventsList()
			.stream()
			.anyMatch((event) -> "exception".equals(event.getName())
					&& OtlpCollector.attributes(event.getAttributesList())
						.getOrDefault("exception.type", "")
						.equals("java.lang.IllegalStateException"));
		assertThat(exceptionEvent || span.attributes().containsKey("error"))
			.as("exception event or error attribute on %s", spans)
			.isTrue();
	}

}
