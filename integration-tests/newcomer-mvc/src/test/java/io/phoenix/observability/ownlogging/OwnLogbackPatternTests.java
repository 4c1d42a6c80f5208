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

package io.phoenix.observability.ownlogging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.phoenix.observability.autoconfigure.pipeline.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose own {@code logback-spring.xml} prints the ids with a pattern
 * layout ({@code %X{correlation_id}}, {@code %X{traceId}}): Phoenix's access, outbound
 * call, unhandled exception and pipeline run lines carry them in the MDC, so the pattern
 * prints them. Runs in a JVM of its own (see the pom): it reconfigures Logback, which
 * Spring Boot configures once per JVM while a context is open.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class OwnLogbackPatternTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void phoenixLinesPrintTheirIdsThroughTheApplicationsPattern(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OwnLoggingApplication.class).run(
				"--server.port=0", "--logging.config=classpath:own-logging/logback-spring.xml",
				"--spring.application.name=own-logging", "--management.tracing.sampling.probability=1.0")) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

			HttpResponse<String> hello = get(port, "/hello", "own-logback-1");
			PatternLine access = await(output,
					(line) -> line.logger().equals("phoenix.access") && line.correlationId().equals("own-logback-1"));
			assertIds(access, hello, "own-logback-1");
			assertThat(access.message()).startsWith("GET /hello 200 ");

			HttpResponse<String> call = get(port, "/call", "own-logback-2");
			PatternLine client = await(output, (line) -> line.logger().equals("phoenix.http.client"));
			assertThat(client.correlationId()).isEqualTo("own-logback-2");
			assertThat(client.traceId()).isEqualTo(traceId(call));
			assertThat(client.spanId()).hasSize(16);

			HttpResponse<String> failed = get(port, "/fail", "own-logback-3");
			assertThat(failed.statusCode()).isEqualTo(500);
			PatternLine error = await(output, (line) -> line.logger().equals("phoenix.error"));
			assertIds(error, failed, "own-logback-3");
			assertThat(error.message()).startsWith("GET /fail failed: java.lang.IllegalStateException");

			// Outside any request: the run's own trace
			context.getBean(Pipelines.class).run("nightly", "own-run-1", () -> {
			});
			PatternLine run = await(output, (line) -> line.logger().equals("phoenix.pipeline"));
			assertThat(run.traceId()).hasSize(32);
			assertThat(run.spanId()).hasSize(16);
			assertThat(run.correlationId()).isEmpty();
			// Put for the line only
			assertThat(MDC.get("traceId")).isNull();
		}
	}

	private static void assertIds(PatternLine line, HttpResponse<String> response, String correlationId) {
		assertThat(line.correlationId()).isEqualTo(correlationId);
		assertThat(line.requestId()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
		assertThat(line.traceId()).isEqualTo(traceId(response));
		assertThat(line.spanId()).hasSize(16);
	}

	private static String traceId(HttpResponse<String> response) {
		// 00-<trace id>-<span id>-<flags>
		return response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
	}

	private static HttpResponse<String> get(int port, String path, String correlationId) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("X-Correlation-ID", correlationId)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static PatternLine await(CapturedOutput output, Predicate<PatternLine> match) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			Optional<PatternLine> found = PatternLine.parse(output.getOut()).stream().filter(match).findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			assertThat(System.nanoTime()).as("a matching line in:%n%s", output.getOut()).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	/**
	 * A line of the pattern
	 * {@code level|logger|correlation_id|request_id|traceId|spanId|message}.
	 */
	record PatternLine(String level, String logger, String correlationId, String requestId, String traceId,
			String spanId, String message) {

		static List<PatternLine> parse(String output) {
			return Arrays.stream(output.split("\\R"))
				.map((line) -> line.split("\\|", 7))
				.filter((fields) -> fields.length == 7)
				.map((f) -> new PatternLine(f[0], f[1], f[2], f[3], f[4], f[5], f[6]))
				.toList();
		}

	}

}
