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
package io.phoenix.observability.newcomer.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux newcomer's server and {@code WebClient} spans, as an OpenTelemetry
 * collector decodes them: named and attributed in OpenTelemetry's HTTP semantic
 * conventions.
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
	void failedRequestsServerSpanIsNamedByRouteWithTheStableHttpAttributes() throws Exception {
		HttpResponse<String> response = get("/orders/9");
		assertThat(response.statusCode()).isEqualTo(500);
		String traceId = traceIdOf(response);
		ExportedSpan server = spansOf(traceId, 1).stream()
			.filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER)
			.findFirst()
			.orElseThrow();

		assertThat(server.name()).isEqualTo("GET /orders/{id}");
		assertThat(server.typedAttributes()).containsEntry("http.request.method", "GET")
			.containsEntry("http.response.status_code", 500L)
			.containsEntry("http.route", "/orders/{id}")
			.containsEntry("url.path", "/orders/9")
			.containsEntry("url.scheme", "http")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", (long) this.port)
			.containsEntry("user_agent.original", "newcomer-webflux-check")
			.containsEntry("client.address", "127.0.0.1")
			.containsKey("error.type")
			.doesNotContainKeys("method", "status", "uri", "outcome", "exception", "http.url");
		assertThat(server.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
	}

	@Test
	void webClientSpanCarriesTheFullUrlAndTheServerItCalled() throws Exception {
		HttpResponse<String> response = get("/relay");
		assertThat(response.statusCode()).isEqualTo(500);
		String traceId = traceIdOf(response);
		ExportedSpan client = spansOf(traceId, 3).stream()
			.filter((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT)
			.findFirst()
			.orElseThrow();

		assertThat(client.name()).isEqualTo("GET /orders/{id}");
		assertThat(client.typedAttributes()).containsEntry("http.request.method", "GET")
			.containsEntry("http.response.status_code", 500L)
			.containsEntry("url.full", "http://127.0.0.1:" + this.port + "/orders/relayed")
			.containsEntry("url.template", "/orders/{id}")
			.containsEntry("server.address", "127.0.0.1")
			.containsEntry("server.port", (long) this.port)
			.containsEntry("error.type", "500")
			.doesNotContainKeys("method", "status", "uri", "client.name", "http.url");
	}

	private List<ExportedSpan> spansOf(String traceId, int count) {
		return collector
			.awaitSpans((all) -> all.stream().filter((span) -> span.traceId().equals(traceId)).count() >= count)
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("User-Agent", "newcomer-webflux-check")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String traceIdOf(HttpResponse<String> response) {
		// 00-<trace id>-<span id of the server span>-<flags>
		return response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
	}

	static class Relay {

		// A call to the application's own failing endpoint, made with an observed
		// WebClient
		@Bean
		RouterFunction<ServerResponse> relay(ObservationRegistry registry, Environment environment) {
			WebClient client = WebClient.builder().observationRegistry(registry).build();
			return RouterFunctions.route()
				.GET("/relay", (request) -> client.get()
					.uri("http://127.0.0.1:{port}/orders/{id}", environment.getProperty("local.server.port"), "relayed")
					.retrieve()
					.bodyToMono(String.class)
					.flatMap((body) -> ServerResponse.ok().bodyValue(body)))
				.build();
		}

	}

}
