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
import java.util.List;

import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on Log4j2 whose own configuration declares OpenTelemetry's appender:
 * Phoenix wires that one and adds none, so each line arrives once.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.config=classpath:log4j2-with-opentelemetry.xml",
				"management.opentelemetry.logging.export.schedule-delay=100ms" })
class Log4j2OwnOpenTelemetryAppenderTests {

	private static final OtlpCollector collector = OtlpCollector.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void collectorProperties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.logging.export.otlp.endpoint", collector::logsEndpoint);
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void eachLineIsExportedOnce() throws Exception {
		get("/hello");
		get("/charge");
		List<ExportedLog> logs = collector
			.awaitLogs((received) -> received.stream().anyMatch((log) -> log.body().startsWith("charge failed")));
		assertThat(logs).filteredOn((log) -> HelloController.class.getName().equals(log.scope()))
			.extracting(ExportedLog::body)
			.hasSize(2)
			.first()
			.isEqualTo("saying hello");
	}

	private void get(String path) throws Exception {
		HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

}
