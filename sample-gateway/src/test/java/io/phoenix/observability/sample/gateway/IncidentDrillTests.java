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

package io.phoenix.observability.sample.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.phoenix.observability.autoconfigure.alerting.AlertmanagerConfigGenerator;
import io.phoenix.observability.testing.AlertmanagerServer;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Incident drills at the default rules: both samples (the orchestrator from its jar, the
 * gateway in this JVM), a real Prometheus that scrapes them every 15 seconds and loads
 * the rules they generate, unchanged, and a real Alertmanager with the configuration they
 * generate, its secrets read from files, its grouping intervals the defaults, sending to
 * a local receiver. Steady traffic runs through the gateway; then each fault in turn is
 * injected, and the drill records what paged, how soon, how many pages one incident made
 * and whether anything unrelated paged, into {@code drills/target/report.json}.
 * <p>
 * The system property {@code drills.faults} selects the faults ({@code llm-down} unless
 * set; {@code all} for every one), and {@code drills.resolve=true} also waits, after each
 * recovery, for the page to be resolved, which takes the rate windows and the group
 * interval: some ten minutes per fault. {@code drills.warmup-seconds} (30 unless set) is
 * how long healthy traffic runs before the first fault: the longer, the closer the
 * one-hour burn-rate window is to a production Prometheus's, which has an hour of healthy
 * history. {@code drills/run.sh} runs them all.
 *
 * @author Phoenix Observability
 */
// Owns processes and servers that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class IncidentDrillTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Duration PAGE_WITHIN = Duration.ofMinutes(5);

	private static final Path REPORT = Path.of("..", "drills", "target", "report.json").toAbsolutePath().normalize();

	private static final Set<String> LLM_ALERTS = Stream
		.concat(AlertmanagerConfigGenerator.CAUSES.stream(), AlertmanagerConfigGenerator.SYMPTOMS.stream())
		.collect(Collectors.toSet());

	private static final OtlpCollector collector = OtlpCollector.start();

	private static final List<Notification> notifications = new CopyOnWriteArrayList<>();

	private static DrillLlm llm;

	private static HttpServer receiver;

	private static Path work;

	private static OrchestratorProcess orchestrator;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void start() throws Exception {
		work = Files.createTempDirectory("drills");
		llm = DrillLlm.start();
		receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.createContext("/", (exchange) -> {
			try (exchange) {
				notifications.add(new Notification(System.nanoTime(), exchange.getRequestURI().getPath(),
						mapper.readTree(exchange.getRequestBody().readAllBytes())));
				exchange.sendResponseHeaders(202, -1);
			}
		});
		receiver.start();
		Files.writeString(work.resolve("pagerduty-routing-key"), "drill-routing-key");
		Files.writeString(work.resolve("slack-api-url"), receiverUrl() + "/slack");
		orchestrator = OrchestratorProcess.start(collector.tracesEndpoint(),
				List.of("--orchestrator.llm.base-url=" + llm.baseUrl()));
	}

	@AfterAll
	static void stop() throws Exception {
		if (orchestrator != null) {
			orchestrator.close();
		}
		llm.close();
		receiver.stop(0);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
		registry.add("gateway.orchestrator-url", () -> orchestrator.baseUrl());
		registry.add("gateway.orchestrator-host", () -> "127.0.0.1");
		registry.add("gateway.orchestrator-grpc-target", () -> orchestrator.grpcTarget());
		// Where the deployment sends its notifications; the rules and intervals stay the
		// defaults
		registry.add("phoenix.slo.alertmanager.pagerduty-routing-key-file",
				() -> work.resolve("pagerduty-routing-key").toString());
		registry.add("phoenix.slo.alertmanager.slack-api-url-file", () -> work.resolve("slack-api-url").toString());
		registry.add("phoenix.slo.alertmanager.pagerduty-url", () -> receiverUrl() + "/pagerduty");
		registry.add("phoenix.slo.alertmanager.webhook-url", () -> receiverUrl() + "/webhook");
		// The served Alertmanager configuration is the one Alertmanager loads: with its
		// receivers' URLs, which it redacts by default (they are on loopback here)
		registry.add("phoenix.slo.endpoint.show-values", () -> "always");
	}

	private static String receiverUrl() {
		return "http://127.0.0.1:" + receiver.getAddress().getPort();
	}

	@Test
	void everyFaultPagesOnceWithinFiveMinutesAtTheDefaultRulesAndNothingElsePages() throws Exception {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(PrometheusServer.isInstalled() && AlertmanagerServer.isInstalled())
				.as("prometheus and alertmanager on the PATH")
				.isTrue();
		}
		String gateway = "http://127.0.0.1:" + this.port;
		Path rules = work.resolve("rules");
		Files.createDirectories(rules);
		Files.writeString(rules.resolve("gateway.yml"), get(gateway + "/actuator/slo/rules"));
		Files.writeString(rules.resolve("orchestrator.yml"), get(orchestrator.baseUrl() + "/actuator/slo/rules"));
		ScheduledExecutorService traffic = Executors.newScheduledThreadPool(4);
		try (AlertmanagerServer alertmanager = AlertmanagerServer.start(work,
				get(gateway + "/actuator/slo/alertmanager"));
				PrometheusServer prometheus = PrometheusServer.builder(work)
					.interval(Duration.ofSeconds(15))
					.scrape("sample-gateway", "127.0.0.1:" + this.port, "/health/metrics")
					.scrape("sample-orchestrator", orchestrator.baseUrl().substring("http://".length()),
							"/health/metrics")
					.rules(rules.resolve("gateway.yml"))
					.rules(rules.resolve("orchestrator.yml"))
					.alertmanager(alertmanager.target())
					.start()) {
			// Five pipeline runs a second through the gateway
			traffic.scheduleAtFixedRate(() -> run(gateway), 0, 200, TimeUnit.MILLISECONDS);
			// The rate windows need a few scrapes of healthy traffic
			prometheus.awaitQuery("sum(rate(pipeline_executions_total{status=\"success\"}[1m])) > 0",
					(result) -> result.size() == 1);
			Thread.sleep(Duration.ofSeconds(Long.getLong("drills.warmup-seconds", 30)).toMillis());
			List<Map<String, Object>> results = new ArrayList<>();
			for (Fault fault : faults()) {
				results.add(drill(fault, alertmanager));
			}
			Map<String, Object> report = new LinkedHashMap<>();
			report.put("faults", results);
			Files.createDirectories(REPORT.getParent());
			Files.writeString(REPORT, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report));
			assertThat(results).allSatisfy((result) -> {
				assertThat((Double) result.get("seconds_to_page")).as("%s", result).isLessThan(PAGE_WITHIN.toSeconds());
				assertThat(result.get("pages")).as("%s", result).isEqualTo(1);
				assertThat((List<?>) result.get("other_pages")).as("%s", result).isEmpty();
			});
		}
		finally {
			traffic.shutdownNow();
		}
	}

	private Map<String, Object> drill(Fault fault, AlertmanagerServer alertmanager) throws Exception {
		int before = notifications.size();
		long start = System.nanoTime();
		fault.inject();
		Notification first = await().atMost(PAGE_WITHIN.plusMinutes(1))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> pages(before).stream().findFirst(), java.util.Optional::isPresent)
			.get();
		// Whatever else would page has a group wait to do so
		Thread.sleep(Duration.ofSeconds(45).toMillis());
		List<String> paging = activePages(alertmanager);
		Set<String> incidents = pages(before).stream()
			.map((page) -> page.body().path("dedup_key").asString())
			.collect(Collectors.toSet());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("fault", fault.id());
		result.put("alert", first.body().path("payload").path("summary").asString());
		result.put("alerts", paging);
		result.put("seconds_to_page", seconds(first.nanos() - start));
		long recovered = System.nanoTime();
		fault.recover();
		Double resolved = null;
		if (Boolean.getBoolean("drills.resolve")) {
			Notification resolve = await().atMost(Duration.ofMinutes(20))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> notifications.subList(before, notifications.size())
					.stream()
					.filter((n) -> n.path().equals("/pagerduty"))
					.filter((n) -> n.body().path("event_action").asString().equals("resolve"))
					.filter((n) -> incidents.contains(n.body().path("dedup_key").asString()))
					.findFirst(), java.util.Optional::isPresent)
				.get();
			resolved = seconds(resolve.nanos() - recovered);
		}
		result.put("seconds_to_resolved", resolved);
		result.put("pages", incidents.size());
		result.put("other_pages",
				paging.stream().filter((alert) -> !fault.related().contains(alert.split("/")[0])).toList());
		return result;
	}

	private static List<Notification> pages(int from) {
		return notifications.subList(from, notifications.size())
			.stream()
			.filter((n) -> n.path().equals("/pagerduty"))
			.filter((n) -> n.body().path("event_action").asString().equals("trigger"))
			.toList();
	}

	// The page-level alerts that fire and are neither inhibited nor silenced
	private static List<String> activePages(AlertmanagerServer alertmanager) throws Exception {
		JsonNode alerts = mapper.readTree(get("http://" + alertmanager.target() + "/api/v2/alerts"));
		List<String> active = new ArrayList<>();
		for (JsonNode alert : alerts) {
			String severity = alert.path("labels").path("severity").asString();
			if (alert.path("status").path("state").asString().equals("active")
					&& (severity.equals("critical") || severity.equals("page"))) {
				active.add(alert.path("labels").path("alertname").asString() + "/"
						+ alert.path("labels").path("service").asString());
			}
		}
		return active.stream().sorted().toList();
	}

	private static List<Fault> faults() {
		String selected = System.getProperty("drills.faults", "llm-down");
		if (selected.equals("all")) {
			return List.of(Fault.values());
		}
		return Arrays.stream(selected.split(",")).map(Fault::of).toList();
	}

	private static double seconds(long nanos) {
		return Math.round(nanos / 100_000_000.0) / 10.0;
	}

	private static void run(String gateway) {
		try {
			HttpClient client = HttpClient.newHttpClient();
			client.send(HttpRequest.newBuilder(URI.create(gateway + "/api/pipelines/summarize/runs"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(20))
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"a long report\"}"))
				.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			// A failed run is what the drill measures, through the services' own meters
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Accept", "application/yaml, application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private record Notification(long nanos, String path, JsonNode body) {
	}

	/**
	 * A fault the drill injects, and the alerts that belong to its incident.
	 */
	private enum Fault {

		/**
		 * The LLM backend refuses every call.
		 */
		LLM_DOWN("llm-down") {
			@Override
			void inject() {
				llm.refusing();
			}
		},

		/**
		 * The LLM backend answers, in 6 seconds: beyond the 5 seconds of the latency
		 * SLOs.
		 */
		LLM_SLOW("llm-slow") {
			@Override
			void inject() {
				llm.slow(Duration.ofSeconds(6));
			}
		};

		private final String id;

		Fault(String id) {
			this.id = id;
		}

		static Fault of(String id) {
			return Arrays.stream(values())
				.filter((fault) -> fault.id.equals(id))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("No drill for fault '" + id + "'"));
		}

		String id() {
			return this.id;
		}

		abstract void inject();

		void recover() {
			llm.answering();
		}

		Set<String> related() {
			return LLM_ALERTS;
		}

	}

}
