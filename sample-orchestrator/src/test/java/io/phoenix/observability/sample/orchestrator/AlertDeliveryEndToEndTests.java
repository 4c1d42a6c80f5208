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

package io.phoenix.observability.sample.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.phoenix.observability.testing.AlertmanagerServer;
import io.phoenix.observability.testing.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * An alert reaches a person: a real Prometheus loads the served rules and scrapes the
 * orchestrator, a real Alertmanager runs with the served configuration, and when the LLM
 * fails until its breaker opens, the Slack and PagerDuty receivers (a local webhook here)
 * get the notification with its labels, description and runbook, then the resolved one.
 * Only the grouping intervals and the breaker alert's {@code for} are shortened, through
 * their properties.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "phoenix.slo.rules.circuit-breaker.warning-for=2s", "phoenix.slo.alertmanager.group-wait=1s",
				"phoenix.slo.alertmanager.group-interval=1s",
				// The served configuration is the one Alertmanager runs: its receivers as
				// they are, on loopback
				"phoenix.slo.endpoint.show-values=always",
				"resilience4j.circuitbreaker.instances.llm.wait-duration-in-open-state=5s",
				"resilience4j.circuitbreaker.instances.llm.permitted-number-of-calls-in-half-open-state=2" })
class AlertDeliveryEndToEndTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String ROUTING_KEY = "routing-key-read-from-its-file";

	private static final LlmBackend llm = LlmBackend.start();

	private static final WireMockServer receiver = receiver();

	private static final Path secrets = secrets();

	@LocalServerPort
	private int port;

	@TempDir
	private Path workDirectory;

	private static WireMockServer receiver() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(post(anyUrl()).willReturn(ok("ok")));
		return server;
	}

	private static Path secrets() {
		try {
			Path directory = Files.createTempDirectory("alertmanager-secrets");
			Files.writeString(directory.resolve("slack-api-url"), "http://127.0.0.1:" + receiver.port() + "/slack");
			Files.writeString(directory.resolve("pagerduty-routing-key"), ROUTING_KEY);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		llm.register(registry);
		registry.add("phoenix.slo.alertmanager.slack-api-url-file", () -> secrets.resolve("slack-api-url").toString());
		registry.add("phoenix.slo.alertmanager.pagerduty-routing-key-file",
				() -> secrets.resolve("pagerduty-routing-key").toString());
		registry.add("phoenix.slo.alertmanager.pagerduty-url",
				() -> "http://127.0.0.1:" + receiver.port() + "/pagerduty");
		registry.add("phoenix.slo.alertmanager.webhook-url", () -> "http://127.0.0.1:" + receiver.port() + "/webhook");
	}

	@AfterAll
	static void stop() {
		llm.close();
		receiver.stop();
	}

	@Test
	void openBreakerIsNotifiedWithLabelsDescriptionAndRunbookThenResolved() throws Exception {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(PrometheusServer.isInstalled() && AlertmanagerServer.isInstalled())
				.as("prometheus and alertmanager on the PATH")
				.isTrue();
		}
		RestClient app = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		Path rules = this.workDirectory.resolve("rules.yml");
		Files.writeString(rules, served(app, "rules"));
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start(this.workDirectory,
				served(app, "alertmanager"));
				PrometheusServer prometheus = PrometheusServer.builder(this.workDirectory)
					.scrape("orchestrator", "127.0.0.1:" + this.port, "/health/metrics")
					.rules(rules)
					.alertmanager(alertmanager.target())
					.start()) {
			assertThat(summarize(app)).isEqualTo(200);
			prometheus.awaitQuery("resilience4j_circuitbreaker_state{name=\"llm\",state=\"closed\"} == 1",
					(result) -> result.size() == 1);
			llm.failing();
			// Failures open the breaker; the calls refused while it is open keep
			// spending the pipelines' error budget, for the SLO pages
			long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < until) {
				assertThat(summarize(app)).isIn(502, 503);
				Thread.sleep(200);
			}

			JsonNode firing = awaitSlack("[FIRING] warning: More than 0 circuit breakers of sample-orchestrator");
			String text = firing.path("text").asString();
			assertThat(text)
				.contains("More than 0 circuit breakers of sample-orchestrator are open (current value: 1).")
				.contains("alertname=PhoenixCircuitBreakerOpen", "service=sample-orchestrator", "severity=warning")
				.contains(
						"Runbook: https://github.com/phoenix-observability/phoenix-observability/blob/main/docs/slo.md"
								+ "#phoenixcircuitbreakeropen");
			assertThat(firing.path("title_link").asString()).endsWith("docs/slo.md#phoenixcircuitbreakeropen");
			assertThat(firing.path("color").asString()).isEqualTo("danger");

			// The fast burn of the pipelines' budget pages, with the key read from its
			// file
			JsonNode page = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> received("/pagerduty").stream()
					.filter((event) -> event.path("links")
						.path(0)
						.path("href")
						.asString()
						.endsWith("#sloburnratepage1h"))
					.findFirst(), Optional::isPresent)
				.get();
			assertThat(page.path("routing_key").asString()).isEqualTo(ROUTING_KEY);
			assertThat(page.path("event_action").asString()).isEqualTo("trigger");
			assertThat(page.path("payload").path("summary").asString()).isNotBlank();
			assertThat(page.path("links").path(0).path("text").asString()).isEqualTo("Runbook");

			llm.answering();
			// Half-open once its wait is over, closed after two good calls
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(300))
				.until(() -> summarize(app) == 200 && summarize(app) == 200);
			JsonNode resolved = awaitSlack("[RESOLVED] warning: More than 0 circuit breakers of sample-orchestrator");
			assertThat(resolved.path("text").asString()).contains("alertname=PhoenixCircuitBreakerOpen");
			assertThat(resolved.path("color").asString()).isEqualTo("good");
		}
	}

	private JsonNode awaitSlack(String title) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> received("/slack").stream()
				.map((message) -> message.path("attachments").path(0))
				.filter((attachment) -> attachment.path("title").asString().startsWith(title))
				.findFirst(), Optional::isPresent)
			.get();
	}

	private static List<JsonNode> received(String path) {
		return receiver.findAll(postRequestedFor(urlEqualTo(path)))
			.stream()
			.map((request) -> mapper.readTree(request.getBodyAsString()))
			.toList();
	}

	private static String served(RestClient app, String file) {
		return app.get()
			.uri("/actuator/slo/" + file)
			.accept(MediaType.parseMediaType("application/yaml"))
			.retrieve()
			.body(String.class);
	}

	private static int summarize(RestClient app) {
		return app.post()
			.uri("/api/pipelines/summarize/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"text\":\"a long report\"}")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value();
	}

}
