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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.phoenix.observability.sample.pipelines.PipelinesGrpc;
import io.phoenix.observability.sample.pipelines.RunRequest;
import io.phoenix.observability.testing.PrometheusServer;
import io.phoenix.observability.testing.PrometheusServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The dashboards of {@code docs/dashboards} are proven on real data: a real Prometheus
 * scrapes the orchestrator under traffic and evaluates its served rules, and every panel
 * query and every variable query of every dashboard must return data. A panel whose
 * series exist only under a condition says so in its description
 * ({@code Conditional: <condition>.}); the test drives the conditions it knows and lists
 * the others with their reason.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DashboardQueriesTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Pattern CONDITION = Pattern.compile("Conditional: ([^.]+)\\.");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*[a-zA-Z_]+\\)");

	/**
	 * Conditions this test brings about, by the words of the panels' descriptions.
	 */
	private static final Set<String> DRIVEN = Set.of("an alert is pending or firing", "a circuit breaker is open",
			"gRPC traffic", "a HikariCP pool", "a pipeline run fails", "an agent fails", "an interrupt",
			"an LLM call fails");

	/**
	 * Conditions the samples cannot bring about, with the reason.
	 */
	private static final Map<String, String> NOT_DRIVEN = Map.of();

	private static final LlmBackend llm = LlmBackend.start();

	private static final int grpcPort = freePort();

	@LocalServerPort
	private int port;

	@TempDir
	private Path workDirectory;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		llm.register(registry);
		registry.add("spring.grpc.server.port", () -> grpcPort);
		registry.add("resilience4j.circuitbreaker.instances.llm.wait-duration-in-open-state", () -> "1h");
	}

	@AfterAll
	static void stopLlm() {
		llm.close();
	}

	@Test
	void everyPanelAndVariableQueryOfEveryDashboardReturnsDataFromTheRunningService() throws Exception {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(PrometheusServer.isInstalled()).as("prometheus and promtool on the PATH").isTrue();
		}
		List<Query> queries = queries();
		assertThat(queries).hasSizeGreaterThan(100);
		// A run that calls the LLM can take seconds on a loaded machine
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
		requests.setReadTimeout(Duration.ofMinutes(1));
		RestClient app = RestClient.builder()
			.requestFactory(requests)
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		Path rules = this.workDirectory.resolve("rules.yml");
		Files.writeString(rules,
				app.get()
					.uri("/actuator/slo/rules")
					.accept(MediaType.parseMediaType("application/yaml"))
					.retrieve()
					.body(String.class));
		try (PrometheusServer prometheus = PrometheusServer.builder(this.workDirectory)
			.scrape("orchestrator", "127.0.0.1:" + this.port, "/health/metrics")
			.rules(rules)
			.start()) {
			traffic(app);
			prometheus.awaitQuery("up{job=\"orchestrator\"} == 1", (result) -> !result.isEmpty());
			traffic(app);
			// One run slower than the pipeline-latency SLO's 5 s threshold, among fast
			// ones: its bad event
			llm.answering(6000);
			run(app, "summarize");
			llm.answering();
			// A triage run without text stops to ask the user: an interrupt
			run(app, "triage", "");
			// A failing LLM fails its calls, opens the breaker and fires the SLO pages;
			// the
			// broken pipeline's agent fails
			llm.failing();
			for (int i = 0; i < 6; i++) {
				run(app, "summarize");
				run(app, "broken");
				// One failed call a scrape, until the breaker opens: a counter that a
				// rate
				// reads must grow between two scrapes, not only be born
				Thread.sleep(1100);
			}
			grpc();
			// Rates need two scrapes and rules an evaluation: ask again until every query
			// answers, or the time is up
			Map<Query, String> failures = new LinkedHashMap<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
			do {
				Thread.sleep(1000);
				traffic(app);
				failures.clear();
				for (Query query : queries) {
					String failure = failure(prometheus, query);
					if (failure != null) {
						failures.put(query, failure);
					}
				}
			}
			while (System.nanoTime() < deadline
					&& !failures.entrySet().stream().allMatch((entry) -> excused(entry.getKey(), entry.getValue())));
			assertThat(failures).as("queries without data")
				.allSatisfy(
						(query, failure) -> assertThat(excused(query, failure)).as("%s: %s", query, failure).isTrue());
			// The domain SLIs, evaluated by Prometheus from the served rules: the broken
			// runs, the failing LLM and the slow run are their bad events. The slow
			// run is one among some twenty fast ones: its share of the runs is small
			for (String query : List.of("slo:sli_error:ratio_rate5m{sloth_slo=\"pipeline-success\"} > 0",
					"slo:sli_error:ratio_rate5m{sloth_slo=\"llm-availability\"} > 0",
					"slo:sli_error:ratio_rate5m{sloth_slo=\"pipeline-latency\"} > 0 < 0.5")) {
				long sliDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (prometheus.ask(query).result().isEmpty() && System.nanoTime() < sliDeadline) {
					Thread.sleep(500);
				}
				assertThat(prometheus.ask(query).result()).as("%s, of %s", query, prometheus.ask(
						"{__name__=~\"slo:sli_error:ratio_rate5m|pipeline_executions_total|gen_ai_client_operation_seconds_count\"}")
					.result()).isNotEmpty();
			}
		}
	}

	// Only an empty answer, and only for a condition the samples cannot bring about:
	// Prometheus must still accept the query
	private static boolean excused(Query query, String failure) {
		return query.condition() != null && NOT_DRIVEN.containsKey(query.condition())
				&& failure.startsWith("(conditional)");
	}

	private String failure(PrometheusServer prometheus, Query query) {
		String promql = substitute(query);
		if (promql.contains("$")) {
			return "unknown variable in " + promql;
		}
		Answer answer = prometheus.ask(promql);
		if (!"success".equals(answer.status())) {
			return answer.error() + ": " + promql;
		}
		if (answer.result().isEmpty()) {
			return ((query.condition() != null) ? "(conditional) " : "") + "no data: " + promql;
		}
		return null;
	}

	// The service and instance scraped; every other variable as its "All" value or its
	// default
	private String substitute(Query query) {
		Map<String, String> values = new LinkedHashMap<>(query.variables());
		values.put("service", "sample-orchestrator");
		values.put("instance", "127.0.0.1:" + this.port);
		String promql = query.expr()
			.replace("$__rate_interval", "1m")
			.replace("$__range", "5m")
			.replace("$__interval", "15s");
		for (Map.Entry<String, String> variable : values.entrySet()) {
			promql = promql.replaceAll("\\$(\\{" + variable.getKey() + "\\}|" + variable.getKey() + "\\b)",
					Matcher.quoteReplacement(variable.getValue()));
		}
		return promql;
	}

	private static List<Query> queries() throws IOException {
		List<Query> queries = new ArrayList<>();
		for (Path file : DashboardModelTests.dashboards()) {
			JsonNode dashboard = mapper.readTree(file.toFile());
			String name = file.getFileName().toString();
			Map<String, String> variables = new LinkedHashMap<>();
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				String type = variable.path("type").asString();
				if (type.equals("query") && variable.path("includeAll").asBoolean()) {
					variables.put(variable.path("name").asString(), variable.path("allValue").asString(".+"));
				}
				else if (type.equals("textbox") || type.equals("constant") || type.equals("custom")) {
					variables.put(variable.path("name").asString(), variable.path("current").path("value").asString());
				}
			}
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				if (variable.path("type").asString().equals("query")) {
					String definition = variable.path("query").isObject()
							? variable.path("query").path("query").asString() : variable.path("query").asString();
					Matcher matcher = LABEL_VALUES.matcher(definition);
					assertThat(matcher.matches()).as("%s variable %s: %s", name, variable.path("name"), definition)
						.isTrue();
					queries.add(new Query(name, "variable " + variable.path("name").asString(), matcher.group(1), null,
							variables));
				}
			}
			for (JsonNode panel : DashboardModelTests.panels(dashboard)) {
				Matcher condition = CONDITION.matcher(panel.path("description").asString(""));
				String conditional = condition.find() ? condition.group(1) : null;
				if (conditional != null) {
					assertThat(DRIVEN.contains(conditional) || NOT_DRIVEN.containsKey(conditional))
						.as("%s panel %s: condition '%s' neither driven nor listed", name, panel.path("title"),
								conditional)
						.isTrue();
				}
				for (JsonNode target : panel.path("targets")) {
					queries.add(new Query(name, panel.path("title").asString(), target.path("expr").asString(),
							conditional, variables));
				}
			}
		}
		return queries;
	}

	private void traffic(RestClient app) {
		run(app, "triage");
		run(app, "summarize");
		run(app, "unknown");
	}

	private void run(RestClient app, String pipeline) {
		run(app, pipeline, "a report");
	}

	private void run(RestClient app, String pipeline, String text) {
		app.post()
			.uri("/api/pipelines/{pipeline}/runs", pipeline)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", text))
			.retrieve()
			.toBodilessEntity();
	}

	private static void grpc() {
		ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
		try {
			for (int i = 0; i < 3; i++) {
				PipelinesGrpc.newBlockingStub(channel).run(RunRequest.newBuilder().setPipeline("triage").build());
			}
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Query(String dashboard, String panel, String expr, String condition, Map<String, String> variables) {

		@Override
		public String toString() {
			return this.dashboard + " / " + this.panel + ((this.condition != null) ? " (" + this.condition + ")" : "");
		}

	}

}
