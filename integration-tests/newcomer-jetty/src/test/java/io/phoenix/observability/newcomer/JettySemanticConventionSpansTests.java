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

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer application on Jetty: its server spans in OpenTelemetry's HTTP semantic
 * conventions, as on Tomcat.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms" })
// The context exports to this class's collector: close it with the class
@DirtiesContext
class JettySemanticConventionSpansTests {

	// Left running until the JVM exits: the context flushes its spans to it when it
	// closes
	private static final OtlpCollector collector = OtlpCollector.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void collectorProperties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
	}

	@Test
	void serverSpansCarryTheStableHttpAttributes() throws Exception {
		ExportedSpan hello = serverSpanOf(get("/hello", 200));
		assertThat(hello.name()).isEqualTo("GET /hello");
		assertThat(hello.typedAttributes()).containsEntry("http.request.method", "GET")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("http.route", "/hello")
			.containsEntry("url.path", "/hello")
			.containsEntry("url.scheme", "http")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", (long) this.port)
			.containsEntry("network.protocol.version", "1.1")
			.containsEntry("user_agent.original", "newcomer-jetty-check")
			.containsEntry("client.address", "127.0.0.1")
			.doesNotContainKeys("method", "status", "uri", "outcome", "exception", "http.url");

		ExportedSpan failed = serverSpanOf(get("/orders/3", 500));
		assertThat(failed.name()).isEqualTo("GET /orders/{id}");
		assertThat(failed.typedAttributes()).containsEntry("http.response.status_code", 500L)
			.containsEntry("error.type", IllegalStateException.class.getName());
		assertThat(failed.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
	}

	private HttpResponse<String> get(String path, int status) throws Exception {
		HttpResponse<String> response = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("User-Agent", "newcomer-jetty-check")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(status);
		return response;
	}

	private static ExportedSpan serverSpanOf(HttpResponse<String> response) {
		String traceId = response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
		return collector
			.awaitSpans((all) -> all.stream()
				.anyMatch((span) -> span.traceId().equals(traceId) && span.kind() == SpanKind.SPAN_KIND_SERVER))
			.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.kind() == SpanKind.SPAN_KIND_SERVER)
			.findFirst()
			.orElseThrow();
	}

}
