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

package io.phoenix.observability.autoconfigure.requestlog;

import java.util.List;
import java.util.Map;

import io.phoenix.observability.autoconfigure.requestlog.AccessLogIntegrationTests.AccessLogApplication;
import io.phoenix.observability.testing.JsonLogLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client log's options, checked in the JSON lines that real calls made with a
 * {@code RestClient} from Spring Boot's builder produce. Each call's line is written on
 * the calling thread when the call ends, so lines arrive in the order of the calls.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientLogIntegrationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void ignoredHostsWriteNoLineAndTheLineHasTheConfiguredLevel(CapturedOutput output) {
		start("phoenix.observability.client-log.ignored-hosts=localhost",
				"phoenix.observability.client-log.level=warn");
		call("localhost");
		// Host names are case-insensitive
		call("LOCALHOST");
		call("127.0.0.1");
		awaitClientLine(output, "127.0.0.1");
		assertThat(clientLines(output)).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("peer_host", "127.0.0.1")
				.containsEntry("http_route", "/hello")
				.containsEntry("http_status", 200)
				.containsEntry("level", "WARN"));
	}

	@Test
	void aLevelBelowTheLoggersThresholdWritesNothing(CapturedOutput output) {
		start("phoenix.observability.client-log.level=debug");
		call("127.0.0.1");
		// Once a call made at DEBUG is logged, the first would have been too
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("phoenix.http.client", LogLevel.DEBUG);
		call("localhost");
		awaitClientLine(output, "localhost");
		assertThat(clientLines(output)).singleElement()
			.satisfies(
					(line) -> assertThat(line).containsEntry("peer_host", "localhost").containsEntry("level", "DEBUG"));
	}

	private void start(String... properties) {
		this.context = new SpringApplicationBuilder(AccessLogApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=client-log")
			.properties(properties)
			.run();
	}

	private void call(String host) {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		RestClient client = this.context.getBean(RestClient.Builder.class).build();
		assertThat(client.get().uri("http://" + host + ":" + port + "/hello").retrieve().body(String.class))
			.isEqualTo("hello");
	}

	private static void awaitClientLine(CapturedOutput output, String host) {
		JsonLogLines.await(output::getOut,
				(line) -> "phoenix.http.client".equals(line.get("logger")) && host.equals(line.get("peer_host")));
	}

	private static List<Map<String, Object>> clientLines(CapturedOutput output) {
		return JsonLogLines.parse(output.getOut())
			.stream()
			.filter((line) -> "phoenix.http.client".equals(line.get("logger")))
			.toList();
	}

}
