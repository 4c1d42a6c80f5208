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
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's server and client spans, as an OpenTelemetry collector decodes them:
 * named and attributed in OpenTelemetry's HTTP semantic conventions, while the Prometheus
 * meters keep Micrometer's names and tags, and hostile input stays bounded.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms" })
@Import(SemanticConventionSpansTests.Relay.class)
@DirtiesContext
class SemanticConventionSpansTests {

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
	void serverSpanIsNamedByMethodAndRouteWithTheStableHttpAttributes() throws Exception {
		HttpResponse<String> response = get("/hello", "newcomer-check/1.0");
		assertThat(response.statusCode()).isEqualTo(200);
		ExportedSpan server = serverSpanOf(response);

		assertThat(server.name()).isEqualTo("GET /hello");
		assertThat(server.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
		assertThat(server.typedAttributes()).containsEntry("http.request.method", "GET")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("http.route", "/hello")
			.containsEntry("url.path", "/hello")
			.containsEntry("url.scheme", "http")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", (long) this.port)
			.containsEntry("network.protocol.version", "1.1")
			.containsEntry("user_agent.original", "newcomer-check/1.0")
			.containsEntry("client.address", "127.0.0.1")
			.doesNotContainKeys("method", "status", "uri", "outcome", "exception", "http.url", "error.type");
		assertThat(server.span().getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
	}

	@Test
	void failedRequestCarriesTheErrorTypeAndTheErrorStatus() throws Exception {
		HttpResponse<String> response = get("/orders/7", "newcomer-check/1.0");
		assertThat(response.statusCode()).isEqualTo(500);
		ExportedSpan server = serverSpanOf(response);

		assertThat(server.name()).isEqualTo("GET /orders/{id}");
		assertThat(server.typedAttributes()).containsEntry("http.response.status_code", 500L)
			.containsEntry("http.route", "/orders/{id}")
			.containsEntry("url.path", "/orders/7")
			.containsEntry("error.type", IllegalStateException.class.getName());
		assertThat(server.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
	}

	@Test
	void clientSpanCarriesTheFullUrlAndTheServerItCalled() throws Exception {
		HttpResponse<String> response = get("/relay", "newcomer-check/1.0");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = traceIdOf(response);
		List<ExportedSpan> spans = collector.awaitSpans((all) -> all.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.map(ExportedSpan::kind)
			.distinct()
			.count() == 2 && all.stream().filter((span) -> span.traceId().equals(traceId)).count() >= 3);
		ExportedSpan client = spans.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.kind() == SpanKind.SPAN_KIND_CLIENT)
			.findFirst()
			.orElseThrow();

		assertThat(client.name()).isEqualTo("GET /hello");
		assertThat(client.typedAttributes()).containsEntry("http.request.method", "GET")
			.containsEntry("http.response.status_code", 200L)
			.containsEntry("url.full", "http://127.0.0.1:" + this.port + "/hello")
			.containsEntry("url.template", "/hello")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", (long) this.port)
			.doesNotContainKeys("method", "status", "uri", "client.name", "http.url");
		// The server span of the call it made is its child
		assertThat(spans).anySatisfy((span) -> {
			assertThat(span.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
			assertThat(span.name()).isEqualTo("GET /hello");
			assertThat(span.parentSpanId()).isEqualTo(client.spanId());
		});
	}

	@Test
	void hostileUserAgentAndPathAreCutToABoundedLength() throws Exception {
		String userAgent = "x".repeat(4_000);
		String path = "/nowhere/" + "a".repeat(2_000);
		HttpResponse<String> response = get(path, userAgent);
		assertThat(response.statusCode()).isEqualTo(404);
		ExportedSpan server = serverSpanOf(response);

		Map<String, Object> attributes = server.typedAttributes();
		assertThat((String) attributes.get("user_agent.original")).hasSize(1024).startsWith("xxxx");
		assertThat((String) attributes.get("url.path")).hasSize(1024).startsWith("/nowhere/aaaa");
		// Named by the route Spring matched (its static resources' pattern), never by the
		// path
		assertThat(server.name()).startsWith("GET").doesNotContain("aaaa");
	}

	@Test
	void unknownMethodIsOtherWithTheOriginalBesideIt() throws Exception {
		HttpResponse<String> response = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hello"))
				.method("BREW", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		ExportedSpan server = serverSpanOf(response);

		assertThat(server.typedAttributes()).containsEntry("http.request.method", "_OTHER")
			.containsEntry("http.request.method_original", "BREW");
		assertThat(server.name()).startsWith("HTTP");
	}

	@Test
	void prometheusMetersKeepMicrometersNamesAndTags() throws Exception {
		assertThat(get("/hello", "newcomer-check/1.0").statusCode()).isEqualTo(200);
		String scrape = get("/health/metrics", "newcomer-check/1.0").body();

		assertThat(scrape.lines())
			.anySatisfy((line) -> assertThat(line).startsWith("http_server_requests_seconds_count{")
				.contains("method=\"GET\"", "outcome=\"SUCCESS\"", "status=\"200\"", "uri=\"/hello\""));
	}

	@Test
	void oneDisabledPropertyKeepsMicrometersSpanNamesAndAttributes() throws Exception {
		try (OtlpCollector legacyCollector = OtlpCollector.start();
				ConfigurableApplicationContext legacy = new SpringApplicationBuilder(NewcomerApplication.class).run(
						"--server.port=0", "--management.tracing.sampling.probability=1.0",
						"--management.opentelemetry.tracing.export.schedule-delay=100ms",
						"--management.opentelemetry.tracing.export.otlp.endpoint=" + legacyCollector.tracesEndpoint(),
						"--phoenix.observability.tracing.semantic-conventions.enabled=false")) {
			int legacyPort = legacy.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + legacyPort + "/hello")).build(),
						HttpResponse.BodyHandlers.ofString());
			String traceId = traceIdOf(response);
			ExportedSpan server = legacyCollector
				.awaitSpans((all) -> all.stream()
					.anyMatch((span) -> span.traceId().equals(traceId) && span.kind() == SpanKind.SPAN_KIND_SERVER))
				.stream()
				.filter((span) -> span.traceId().equals(traceId) && span.kind() == SpanKind.SPAN_KIND_SERVER)
				.findFirst()
				.orElseThrow();

			assertThat(server.name()).isEqualTo("http get /hello");
			assertThat(server.attributes()).containsEntry("method", "GET")
				.containsEntry("status", "200")
				.containsEntry("uri", "/hello")
				.doesNotContainKeys("http.request.method", "http.route");
		}
	}

	private HttpResponse<String> get(String path, String userAgent) throws Exception {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("User-Agent", userAgent)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String traceIdOf(HttpResponse<String> response) {
		// 00-<trace id>-<span id of the server span>-<flags>
		return response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
	}

	private static ExportedSpan serverSpanOf(HttpResponse<String> response) {
		String traceResponse = response.headers().firstValue("traceresponse").orElseThrow();
		String traceId = traceResponse.substring(3, 35);
		String spanId = traceResponse.substring(36, 52);
		return collector
			.awaitSpans((all) -> all.stream()
				.anyMatch((span) -> span.traceId().equals(traceId) && span.spanId().equals(spanId)))
			.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.spanId().equals(spanId))
			.findFirst()
			.orElseThrow();
	}

	static class Relay {

		// A call to the application's own /hello, made with an observed RestClient
		@Bean
		RouterFunction<ServerResponse> relay(ObservationRegistry registry,
				org.springframework.core.env.Environment environment) {
			return RouterFunctions.route()
				.GET("/relay",
						(request) -> ServerResponse.ok()
							.body(RestClient.builder()
								.observationRegistry(registry)
								.build()
								.get()
								.uri("http://127.0.0.1:{port}/hello", environment.getProperty("local.server.port"))
								.retrieve()
								.body(String.class)))
				.build();
		}

	}

}
