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
 * The dashboard generated for the orchestrator, served at
 * {@code /actuator/slo/dashboard}, shows what the orchestrator declares and is proven on
 * real data: a real Prometheus scrapes the orchestrator under traffic and evaluates its
 * served rules, and every panel query and every variable query must return data.
 *
 * @author Phoenix Observability
 */
// Owns stubs that stop with the class: close the context with it too
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GeneratedDashboardQueriesTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "table");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*[a-zA-Z_]+\\)");

	private static final Pattern RANGE = Pattern.compile("\\b(rate|increase|irate)\\([^\\[]*\\[([^\\]]+)\\]");

	private static final String DOCS = "https://github.com/phoenix-observability/phoenix-observability/blob/main/";

	private static final LlmBackend llm = LlmBackend.start();

	@LocalServerPort
	private int port;

	@TempDir
	private Path workDirectory;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		llm.register(registry);
	}

	@AfterAll
	static void stopLlm() {
		llm.close();
	}

	@Test
	void theDashboardShowsWhatTheServiceDeclaresInTheCurrentModel() {
		JsonNode dashboard = mapper.readTree(app().get()
			.uri("/actuator/slo/dashboard")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(String.class));
		assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
		assertThat(dashboard.path("uid").asString()).isEqualTo("phoenix-svc-sample-orchestrator");
		Map<String, JsonNode> variables = new LinkedHashMap<>();
		dashboard.path("templating")
			.path("list")
			.forEach((variable) -> variables.put(variable.path("name").asString(), variable));
		assertThat(variables).containsOnlyKeys("datasource", "service", "instance", "pipeline");
		assertThat(variables.get("datasource").path("query").asString()).isEqualTo("prometheus");
		assertThat(variables.get("service").path("query").asString()).isEqualTo("sample-orchestrator");
		assertThat(variables.get("pipeline").path("definition").asString())
			.isEqualTo("label_values(pipeline_executions_total{service=\"$service\"}, pipeline)");
		List<String> rows = new ArrayList<>();
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			String title = panel.path("title").asString();
			if (panel.path("type").asString().equals("row")) {
				rows.add(title);
				continue;
			}
			titles.add(title);
			assertThat(panel.path("type").asString()).as(title).isIn(PANEL_TYPES);
			assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("${datasource}");
			JsonNode defaults = panel.path("fieldConfig").path("defaults");
			assertThat(defaults.path("unit").asString()).as(title + " unit").isNotBlank();
			assertThat(defaults.path("thresholds").path("steps").size()).as(title + " thresholds").isPositive();
			assertThat(panel.path("targets").size()).as(title).isPositive();
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString();
				assertThat(expr).as(title).contains("$service");
				Matcher range = RANGE.matcher(expr);
				while (range.find()) {
					assertThat(range.group(2)).as(title + ": " + expr).isEqualTo("$__rate_interval");
				}
			}
			if (panel.path("description").asString("").contains("Alerts: ")) {
				assertThat(panel.path("links").size()).as(title + " runbook links").isPositive();
			}
			for (JsonNode link : panel.path("links")) {
				String url = link.path("url").asString();
				assertThat(url).as(title).startsWith(DOCS);
				String doc = url.substring(DOCS.length(), url.indexOf('#'));
				assertThat(RunbookLinksTests.anchors(Path.of("..").resolve(doc))).as(title + " " + url)
					.contains(url.substring(url.indexOf('#') + 1));
			}
		}
		// One row per declared SLO, then the declared dependency with its breaker, then
		// the pipelines the code runs
		assertThat(rows).containsExactly("SLO pipeline-success: Pipeline runs succeed",
				"SLO pipeline-latency: Pipeline runs complete within 5 seconds",
				"SLO llm-availability: Calls to the LLM succeed", "Dependencies", "Pipelines");
		assertThat(titles).contains("llm (http)", "Circuit breaker llm", "Success ratio by pipeline");
	}

	@Test
	void everyPanelAndVariableQueryOfTheGeneratedDashboardReturnsData() throws Exception {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(PrometheusServer.isInstalled()).as("prometheus and promtool on the PATH").isTrue();
		}
		RestClient app = app();
		JsonNode dashboard = mapper.readTree(app.get()
			.uri("/actuator/slo/dashboard")
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.body(String.class));
		List<Query> queries = queries(dashboard);
		assertThat(queries).hasSizeGreaterThan(20);
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
			// An availability SLI's error ratio is a ratio of rates: it has a value once
			// a
			// bad event exists. One failed LLM call among successful ones, which leaves
			// the
			// breaker closed
			traffic(app);
			llm.failing();
			run(app, "summarize", "a report");
			llm.answering();
			// Rates need two scrapes and rules an evaluation: ask again until every query
			// answers, or the time is up
			Map<Query, String> failures = new LinkedHashMap<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
			do {
				traffic(app);
				Thread.sleep(1000);
				failures.clear();
				for (Query query : queries) {
					String failure = failure(prometheus, query);
					if (failure != null) {
						failures.put(query, failure);
					}
				}
			}
			while (System.nanoTime() < deadline && !failures.isEmpty());
			assertThat(failures).as("queries of the generated dashboard without data").isEmpty();
		}
	}

	private String failure(PrometheusServer prometheus, Query query) {
		String promql = substitute(query.expr());
		if (promql.contains("$")) {
			return "unknown variable in " + promql;
		}
		Answer answer = prometheus.ask(promql);
		if (!"success".equals(answer.status())) {
			return answer.error() + ": " + promql;
		}
		return answer.result().isEmpty() ? "no data: " + promql : null;
	}

	private String substitute(String expr) {
		return expr.replace("$__rate_interval", "1m")
			.replace("$service", "sample-orchestrator")
			.replace("$instance", "127.0.0.1:" + this.port)
			.replace("$pipeline", ".+");
	}

	private static List<Query> queries(JsonNode dashboard) {
		List<Query> queries = new ArrayList<>();
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (variable.path("type").asString().equals("query")) {
				Matcher matcher = LABEL_VALUES.matcher(variable.path("query").path("query").asString());
				assertThat(matcher.matches()).as("variable %s", variable.path("name")).isTrue();
				queries.add(new Query("variable " + variable.path("name").asString(), matcher.group(1)));
			}
		}
		for (JsonNode panel : DashboardModelTests.panels(dashboard)) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(new Query(panel.path("title").asString(), target.path("expr").asString()));
			}
		}
		return queries;
	}

	// Runs that succeed, one that is interrupted (nothing to route on) and one that fails
	private static void traffic(RestClient app) {
		run(app, "summarize", "a report");
		run(app, "triage", "a report");
		run(app, "triage", "");
		run(app, "broken", "a report");
	}

	private static void run(RestClient app, String pipeline, String text) {
		app.post()
			.uri("/api/pipelines/{pipeline}/runs", pipeline)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", text))
			.retrieve()
			.toBodilessEntity();
	}

	private RestClient app() {
		// A first LLM call on a loaded machine takes longer than the default read timeout
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
		requests.setReadTimeout(Duration.ofSeconds(60));
		return RestClient.builder()
			.requestFactory(requests)
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	record Query(String panel, String expr) {

		@Override
		public String toString() {
			return this.panel;
		}

	}

}
