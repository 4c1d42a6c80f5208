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

package io.phoenix.observability.autoconfigure.correlation;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correlation id in the W3C baggage of a real request: read from the current baggage
 * inside the request, sent downstream by a {@code RestClient} from the request's thread
 * and from an {@code @Async} method's, and tagged on the server span when Spring Boot's
 * {@code management.tracing.baggage.tag-fields} names it.
 *
 * @author Phoenix Observability
 */
class CorrelationBaggageIntegrationTests {

	private final WireMockServer downstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private ConfigurableApplicationContext context;

	@BeforeEach
	void startDownstream() {
		this.downstream.start();
		this.downstream.stubFor(get(anyUrl()).willReturn(ok("downstream")));
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.downstream.stop();
	}

	@Test
	void correlationIdTravelsInBaggageFromTheRequestAndItsAsyncWork() throws Exception {
		HttpResponse<String> response = call("/call", "corr-from-request");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).as("the current baggage inside the request").isEqualTo("corr-from-request");
		assertThat(downstreamBaggage("/from-request")).containsEntry("correlation_id", "corr-from-request");
		assertThat(downstreamBaggage("/from-async")).containsEntry("correlation_id", "corr-from-request");
	}

	@Test
	void correlationIdIsTaggedOnTheServerSpanWhenBootsTagFieldsNameIt() throws Exception {
		HttpResponse<String> response = call("/call", "corr-tagged",
				"management.tracing.baggage.tag-fields=correlation_id");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
		List<ReadableSpan> ended = this.context.getBean(RecordingSpanProcessor.class).ended;
		// The server span ends once the response is written
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(ended).filteredOn((span) -> span.getSpanContext().getTraceId().equals(traceId))
						.filteredOn((span) -> span.getKind() == SpanKind.SERVER)
						.singleElement()
						.satisfies((server) -> assertThat(server.getAttribute(AttributeKey.stringKey("correlation_id")))
							.isEqualTo("corr-tagged")));
	}

	private HttpResponse<String> call(String path, String correlationId, String... properties) throws Exception {
		this.context = new SpringApplicationBuilder(BaggageApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=baggage",
					"management.tracing.sampling.probability=1.0", "downstream.url=" + this.downstream.baseUrl())
			.properties(properties)
			.run();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("X-Correlation-ID", correlationId)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Map<String, String> downstreamBaggage(String path) {
		String header = this.downstream.findAll(getRequestedFor(urlEqualTo(path)))
			.stream()
			.findFirst()
			.orElseThrow(() -> new AssertionError("no request to " + path))
			.getHeader("baggage");
		assertThat(header).as("baggage header of " + path).isNotNull();
		// W3C baggage: comma-separated percent-encoded key=value members, properties
		// after ';'
		Map<String, String> members = new LinkedHashMap<>();
		for (String member : header.split(",")) {
			String[] keyValue = member.split(";", 2)[0].split("=", 2);
			members.put(URLDecoder.decode(keyValue[0].trim(), StandardCharsets.UTF_8),
					URLDecoder.decode(keyValue[1].trim(), StandardCharsets.UTF_8));
		}
		return members;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	static class BaggageApplication {

		@Bean
		RecordingSpanProcessor recordingSpanProcessor() {
			return new RecordingSpanProcessor();
		}

		@Bean
		Downstream downstream(RestClient.Builder builder, Environment environment) {
			return new Downstream(builder.baseUrl(environment.getRequiredProperty("downstream.url")).build());
		}

		@Bean
		BaggageController baggageController(Downstream downstream, Tracer tracer) {
			return new BaggageController(downstream, tracer);
		}

	}

	static class Downstream {

		private final RestClient client;

		Downstream(RestClient client) {
			this.client = client;
		}

		String call(String path) {
			return this.client.get().uri(path).retrieve().body(String.class);
		}

		@Async
		CompletableFuture<String> callLater(String path) {
			return CompletableFuture.completedFuture(call(path));
		}

	}

	@RestController
	static class BaggageController {

		private final Downstream downstream;

		private final Tracer tracer;

		BaggageController(Downstream downstream, Tracer tracer) {
			this.downstream = downstream;
			this.tracer = tracer;
		}

		@GetMapping("/call")
		String call() {
			this.downstream.call("/from-request");
			this.downstream.callLater("/from-async").join();
			Baggage baggage = this.tracer.getBaggage(CorrelationContext.CORRELATION_ID);
			return (baggage != null) ? baggage.get() : null;
		}

	}

	static class RecordingSpanProcessor implements SpanProcessor {

		final List<ReadableSpan> ended = new CopyOnWriteArrayList<>();

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.ended.add(span);
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

}
