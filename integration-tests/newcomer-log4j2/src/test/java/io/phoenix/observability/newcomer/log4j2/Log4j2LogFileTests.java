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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.phoenix.observability.testing.JsonLogLines;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's {@code logging.file.name}, the file of a Log4j2 application gets the
 * same JSON lines as the console.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.file.name=target/log4j2-log-file-tests/newcomer.log")
class Log4j2LogFileTests {

	private static final Path FILE = Path.of("target/log4j2-log-file-tests/newcomer.log");

	@LocalServerPort
	private int port;

	@Test
	void fileGetsJsonLinesWithTheRequestsIds() throws Exception {
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/hello"))
				.header("X-Correlation-ID", "log4j2-file-1")
				.build(), HttpResponse.BodyHandlers.ofString());
		Map<String, Object> line = JsonLogLines.await(Log4j2LogFileTests::read,
				(candidate) -> "saying hello".equals(candidate.get("message"))
						&& "log4j2-file-1".equals(candidate.get("correlation_id")));
		assertThat(line).containsEntry("service", "newcomer-log4j2").containsKeys("timestamp", "trace_id", "logger");
	}

	private static String read() {
		try {
			return Files.exists(FILE) ? Files.readString(FILE) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
