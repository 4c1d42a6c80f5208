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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correlation on a real WebFlux server (Reactor Netty), in both modes of
 * {@code spring.reactor.context-propagation}: problem details written from
 * {@code @ExceptionHandler} methods carry the request's ids, and the correlation id
 * travels as baggage to a downstream service and back in from one.
 *
 * @author Phoenix Observability
 */
class ReactiveCorrelationIntegrationTests {

	@Nested
	class AutomaticContextPropagation extends Scenarios {

		AutomaticContextPropagation() {
			super("auto");
		}

	}

	@Nested
	class LimitedContextPropagation extends Scenarios {

		LimitedContextPropagation() {
			super("limited");
		}

	}

	@TestInstance(Lifecycle.PER_CLASS)
	abstract static class Scenarios {

		private final String mode;

		private final WireMockServer downstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

		private final HttpClient client = HttpClient.newHttpClient();

		private final JsonMapper json = JsonMapper.builder().build();

		private ConfigurableApplicationContext context;

		private int port;

		Scenarios(String mode) {
			this.mode = mode;
		}

		@BeforeAll
		void start() {
			this.downstream.start();
			this.downstream.stubFor(get(anyUrl()).willReturn(ok("done")));
			// Automatic propagation is a global Reactor hook that outlives the context
			// that switched it on
			Hooks.disableAutomaticContextPropagation();
			this.context = new SpringApplicationBuilder(ReactiveApplication.class)
				.properties("spring.main.web-application-type=reactive", "server.port=0", "server.address=127.0.0.1",
						"spring.application.name=reactive-correlation", "management.tracing.sampling.probability=1.0",
						"spring.reactor.context-propagation=" + this.mode,
						"downstream.url=" + this.downstream.baseUrl())
				.run();
			this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		}

		@AfterAll
		void stop() {
			if (this.context != null) {
				this.context.close();
			}
			Hooks.disableAutomaticContextPropagation();
			this.downstream.stop();
		}

		@BeforeEach
		void resetDownstream() {
			this.downstream.resetRequests();
		}

		@Test
		void problemDetailFromExceptionHandlerCarriesTheIds() throws Exception {
			HttpResponse<String> response = send("/problem", Map.of("X-Correlation-ID", "checkout-7f3a9c"));
			assertThat(response.statusCode()).isEqualTo(409);
			assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("checkout-7f3a9c");
			assertThat(body(response)).containsEntry("detail", "No such order")
				.containsEntry("correlation_id", "checkout-7f3a9c")
				.containsEntry("trace_id", traceId(response));
		}

		@Test
		void problemDetailInResponseEntityCarriesTheIds() throws Exception {
			HttpResponse<String> response = send("/problem-entity", Map.of());
			assertThat(response.statusCode()).isEqualTo(422);
			String correlationId = response.headers().firstValue("X-Correlation-ID").orElseThrow();
			assertThat(body(response)).containsEntry("title", "Unprocessable")
				.containsEntry("correlation_id", correlationId)
				.containsEntry("trace_id", traceId(response));
		}

		@Test
		void errorResponseHandledByResponseEntityExceptionHandlerCarriesTheIds() throws Exception {
			HttpResponse<String> response = send("/status", Map.of("X-Correlation-ID", "status-1"));
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(body(response)).containsEntry("detail", "No such pipeline")
				.containsEntry("correlation_id", "status-1")
				.containsEntry("trace_id", traceId(response));
		}

		@Test
		void propertiesTheHandlerSetAreKept() throws Exception {
			HttpResponse<String> response = send("/problem-own-ids", Map.of("X-Correlation-ID", "checkout-1"));
			assertThat(body(response)).containsEntry("correlation_id", "the-handlers-own")
				.containsEntry("trace_id", "the-handlers-own");
		}

		@Test
		void correlationIdTravelsDownstreamAsBaggage() throws Exception {
			HttpResponse<String> response = send("/downstream", Map.of("X-Correlation-ID", "journey-42"));
			assertThat(response.body()).isEqualTo("done");
			LoggedRequest downstream = onlyDownstreamRequest();
			assertThat(downstream.getHeader("X-Correlation-ID")).isEqualTo("journey-42");
			assertThat(downstream.getHeader("baggage")).contains("correlation_id=journey-42");
			// The downstream call is a child of this request's span, in the same trace
			String traceparent = downstream.getHeader("traceparent");
			String traceResponse = response.headers().firstValue("traceresponse").orElseThrow();
			assertThat(traceparent.substring(3, 35)).isEqualTo(traceResponse.substring(3, 35));
			assertThat(traceparent.substring(36, 52)).isNotEqualTo(traceResponse.substring(36, 52));
		}

		@Test
		void requestWithOnlyBaggageTakesTheCorrelationIdFromIt() throws Exception {
			HttpResponse<String> response = send("/downstream", Map.of("baggage", "correlation_id=abc"));
			assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("abc");
			LoggedRequest downstream = onlyDownstreamRequest();
			assertThat(downstream.getHeader("X-Correlation-ID")).isEqualTo("abc");
			assertThat(downstream.getHeader("baggage")).contains("correlation_id=abc");
		}

		@Test
		void headerWinsOverBaggage() throws Exception {
			HttpResponse<String> response = send("/problem",
					Map.of("X-Correlation-ID", "from-header", "baggage", "correlation_id=from-baggage"));
			assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("from-header");
		}

		private HttpResponse<String> send(String path, Map<String, String> headers) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
			headers.forEach(request::header);
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		@SuppressWarnings("unchecked")
		private Map<String, Object> body(HttpResponse<String> response) {
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
			return this.json.readValue(response.body(), Map.class);
		}

		private static String traceId(HttpResponse<String> response) {
			return response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
		}

		private LoggedRequest onlyDownstreamRequest() {
			List<LoggedRequest> requests = this.downstream.findAll(anyRequestedFor(anyUrl()));
			assertThat(requests).hasSize(1);
			return requests.get(0);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ReactiveApplication {

		@Bean
		OrdersController ordersController(WebClient.Builder builder,
				org.springframework.core.env.Environment environment) {
			return new OrdersController(builder.baseUrl(environment.getRequiredProperty("downstream.url")).build());
		}

		@Bean
		ProblemAdvice problemAdvice() {
			return new ProblemAdvice();
		}

	}

	@RestController
	static class OrdersController {

		private final WebClient downstream;

		OrdersController(WebClient downstream) {
			this.downstream = downstream;
		}

		@GetMapping("/problem")
		Mono<String> problem() {
			return Mono.error(new OrderNotFoundException());
		}

		@GetMapping("/problem-entity")
		Mono<String> problemEntity() {
			return Mono.error(new IllegalArgumentException("bad input"));
		}

		@GetMapping("/status")
		Mono<String> status() {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such pipeline"));
		}

		@GetMapping("/problem-own-ids")
		Mono<String> problemOwnIds() {
			return Mono.error(new OwnIdsException());
		}

		@GetMapping("/downstream")
		Mono<String> downstream() {
			return this.downstream.get().uri("/orders").retrieve().bodyToMono(String.class);
		}

		@ExceptionHandler
		ProblemDetail orderNotFound(OrderNotFoundException ex) {
			return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "No such order");
		}

		@ExceptionHandler
		ResponseEntity<ProblemDetail> badInput(IllegalArgumentException ex) {
			ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			problem.setTitle("Unprocessable");
			return ResponseEntity.unprocessableContent().body(problem);
		}

		@ExceptionHandler
		ProblemDetail ownIds(OwnIdsException ex) {
			ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
			problem.setProperty("correlation_id", "the-handlers-own");
			problem.setProperty("trace_id", "the-handlers-own");
			return problem;
		}

	}

	// Handles Spring's own ErrorResponse exceptions, such as ResponseStatusException
	@ControllerAdvice
	static class ProblemAdvice extends ResponseEntityExceptionHandler {

	}

	static class OrderNotFoundException extends RuntimeException {

	}

	static class OwnIdsException extends RuntimeException {

	}

}
