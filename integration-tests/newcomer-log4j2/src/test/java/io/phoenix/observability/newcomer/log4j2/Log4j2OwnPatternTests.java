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
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

import io.phoenix.observability.autoconfigure.pipeline.Pipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on Log4j2 whose own {@code log4j2-spring.xml} prints the ids with a
 * pattern layout: Phoenix's access and pipeline run lines carry them in the thread
 * context, so the pattern prints them. Runs in a JVM of its own (see the pom): Spring
 * Boot configures Log4j2 once per JVM while a context is open.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.config=classpath:own-pattern/log4j2-spring.xml",
				"management.tracing.sampling.probability=1.0" })
@ExtendWith(OutputCaptureExtension.class)
class Log4j2OwnPatternTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Pipelines pipelines;

	@Test
	void phoenixLinesPrintTheirIdsThroughTheApplicationsPattern(CapturedOutput output) throws Exception {
		HttpResponse<String> hello = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hello"))
				.header("X-Correlation-ID", "own-log4j2-1")
				.build(), HttpResponse.BodyHandlers.ofString());
		String[] access = await(output,
				(fields) -> fields[1].equals("phoenix.access") && fields[2].equals("own-log4j2-1"));
		assertThat(access[3]).isEqualTo(hello.headers().firstValue("X-Request-ID").orElseThrow());
		// traceresponse: 00-<trace id>-<span id>-<flags>
		assertThat(access[4]).isEqualTo(hello.headers().firstValue("traceresponse").orElseThrow().split("-")[1]);
		assertThat(access[5]).hasSize(16);
		assertThat(access[6]).startsWith("GET /hello 200 ");

		// Outside any request: the run's own trace
		this.pipelines.run("nightly", "own-log4j2-run", () -> {
		});
		String[] run = await(output, (fields) -> fields[1].equals("phoenix.pipeline"));
		assertThat(run[2]).isEmpty();
		assertThat(run[4]).hasSize(32);
		assertThat(run[5]).hasSize(16);
	}

	/**
	 * The first line of the pattern
	 * {@code level|logger|correlation_id|request_id|traceId|spanId|message} that matches.
	 */
	private static String[] await(CapturedOutput output, Predicate<String[]> match) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			Optional<String[]> found = Arrays.stream(output.getOut().split("\\R"))
				.map((line) -> line.split("\\|", 7))
				.filter((fields) -> fields.length == 7)
				.filter(match)
				.findFirst();
			if (found.isPresent()) {
				return found.get();
			}
			assertThat(System.nanoTime()).as("a matching line in:%n%s", output.getOut()).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
