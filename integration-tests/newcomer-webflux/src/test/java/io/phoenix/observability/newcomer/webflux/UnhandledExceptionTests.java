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

import java.net.http.HttpResponse;
import java.util.Map;

import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.UnhandledExceptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux pipeline that fails, on Reactor Netty: Spring Boot's ERROR line for the
 * failure carries the request's ids and stack hash, the access log names the exception,
 * and the request is counted and traced once, as failed.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms" })
// The context exports to this class's collector: close it with the class
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class UnhandledExceptionTests {

	// Left running until the JVM exits: the context flushes its spans to it when it
	// closes
	private static final OtlpCollector collector = OtlpCollector.start();

	@LocalServerPort
	private int port;

	@Autowired
	private ReactiveWebServerApplicationContext context;

	@DynamicPropertySource
	static void collectorProperties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
	}

	@Test
	void theServerIsNetty() {
		assertThat(this.context.getWebServer()).isInstanceOf(NettyWebServer.class);
	}

	@Test
	void failureIsLoggedOnceWithTheRequestsIdsCountedOnceAndTracedAsAnError(CapturedOutput output) throws Exception {
		HttpResponse<String> response = UnhandledExceptions.get(this.port, "/orders/9", "newcomer-webflux-1");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("newcomer-webflux-1");
		Map<String, Object> body = JsonLogLines.parseLine(response.body());
		assertThat(body).containsEntry("status", 500)
			.containsEntry("path", "/orders/9")
			.containsEntry("correlation_id", "newcomer-webflux-1")
			.containsKey("trace_id");
		String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();

		Map<String, Object> access = UnhandledExceptions.accessLine(output::getOut, "newcomer-webflux-1");
		assertThat(access).containsEntry("http_status", 500)
			.containsEntry("http_route", "/orders/{id}")
			.containsEntry("error_type", "java.lang.IllegalStateException");

		// Spring Boot's own line, "500 Server Error for HTTP GET", is the one
		Map<String, Object> error = UnhandledExceptions.assertLoggedOnceWithIds(output.getOut(),
				"order 9 has no customer", "newcomer-webflux-1", requestId);
		assertThat(error.get("message")).asString().contains("500 Server Error for HTTP GET \"/orders/9\"");
		assertThat(error).containsEntry("trace_id", access.get("trace_id"))
			.containsEntry("trace_id", body.get("trace_id"));

		UnhandledExceptions.assertCountedOnce(this.port, "/orders/{id}");
		UnhandledExceptions.assertOneFailedServerSpan(collector, (String) error.get("trace_id"),
				(String) error.get("span_id"));
	}

}
