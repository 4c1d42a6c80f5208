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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.phoenix.observability.testing.JsonLogLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access log's options, checked in the JSON lines that real requests produce. The
 * client address comes from {@code X-Forwarded-For}, as behind a proxy, so that one test
 * can send requests from several clients.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIntegrationTests {

	private static final String CLIENT = "203.0.113.7";

	private static final String OTHER_CLIENT = "198.51.100.23";

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void clientAddressHashIsStableForOneAddressAndSaltAcrossInstancesAndNeverTheAddress(CapturedOutput output)
			throws Exception {
		ConfigurableApplicationContext app = start("phoenix.observability.access-log.include-client-address=true",
				"phoenix.observability.access-log.client-address-salt=first-salt");
		get(app, CLIENT, "first");
		get(app, CLIENT, "again");
		get(app, OTHER_CLIENT, "other");
		Map<String, Object> first = accessLine(output, "first");
		Map<String, Object> again = accessLine(output, "again");
		Map<String, Object> other = accessLine(output, "other");
		assertThat(List.of(first, again, other)).allSatisfy((line) -> {
			assertThat(line.get("client_address_hash")).asString().matches("[0-9a-f]{16}");
			assertThat(line.values()).extracting(String::valueOf)
				.noneMatch((value) -> value.contains(CLIENT) || value.contains(OTHER_CLIENT));
		});
		assertThat(again.get("client_address_hash")).isEqualTo(first.get("client_address_hash"));
		assertThat(other.get("client_address_hash")).isNotEqualTo(first.get("client_address_hash"));
		// Logging is global to the JVM: one application at a time
		app.close();
		ConfigurableApplicationContext resalted = start("phoenix.observability.access-log.include-client-address=true",
				"phoenix.observability.access-log.client-address-salt=second-salt");
		get(resalted, CLIENT, "resalted");
		assertThat(accessLine(output, "resalted").get("client_address_hash")).asString()
			.matches("[0-9a-f]{16}")
			.isNotEqualTo(first.get("client_address_hash"));
		// Another instance with the first salt, such as a replica or a restart
		resalted.close();
		ConfigurableApplicationContext replica = start("phoenix.observability.access-log.include-client-address=true",
				"phoenix.observability.access-log.client-address-salt=first-salt");
		get(replica, CLIENT, "replica");
		assertThat(accessLine(output, "replica").get("client_address_hash"))
			.isEqualTo(first.get("client_address_hash"));
	}

	@Test
	void clientAddressIsLeftOutByDefault(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext app = start();
		get(app, CLIENT, "plain");
		Map<String, Object> line = accessLine(output, "plain");
		assertThat(line).containsEntry("http_route", "/hello")
			.containsEntry("http_status", 200)
			.containsEntry("level", "INFO")
			.doesNotContainKey("client_address_hash");
		assertThat(line.values()).extracting(String::valueOf).noneMatch((value) -> value.contains(CLIENT));
	}

	@Test
	void eachIdIsWrittenOnceThoughTheLinePutsItInTheMdc(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext app = start("management.tracing.sampling.probability=1.0");
		get(app, CLIENT, "once");
		Map<String, Object> line = accessLine(output, "once");
		assertThat(line).containsKeys("request_id", "trace_id", "span_id");
		String raw = output.getOut()
			.lines()
			.filter((text) -> text.contains("\"phoenix.access\"") && text.contains("\"once\""))
			.findFirst()
			.orElseThrow();
		for (String field : List.of("correlation_id", "request_id", "trace_id", "span_id")) {
			assertThat(raw.split("\"" + field + "\":", -1)).as(field).hasSize(2);
		}
	}

	@Test
	void nothingIsWrittenBelowTheAccessLoggersLevel(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext app = start("logging.level.phoenix.access=warn");
		get(app, CLIENT, "quiet");
		// A request started at INFO is logged: once its line is out, the first one would
		// have been too
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("phoenix.access", LogLevel.INFO);
		get(app, CLIENT, "loud");
		accessLine(output, "loud");
		assertThat(JsonLogLines.parse(output.getOut()))
			.filteredOn((line) -> "phoenix.access".equals(line.get("logger")))
			.extracting((line) -> line.get("correlation_id"))
			.containsExactly("loud");
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AccessLogApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=access-log",
					"server.forward-headers-strategy=native")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	/**
	 * Send a request as the given client, through a proxy that names it in
	 * {@code X-Forwarded-For}.
	 */
	private void get(ConfigurableApplicationContext context, String client, String correlationId) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
				.header("X-Forwarded-For", client)
				.header("X-Correlation-ID", correlationId)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	/**
	 * The access line of the request with the given correlation id; lines are written
	 * asynchronously, and after the response.
	 */
	private static Map<String, Object> accessLine(CapturedOutput output, String correlationId) {
		return JsonLogLines.await(output::getOut, (line) -> "phoenix.access".equals(line.get("logger"))
				&& correlationId.equals(line.get("correlation_id")));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AccessLogApplication {

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
