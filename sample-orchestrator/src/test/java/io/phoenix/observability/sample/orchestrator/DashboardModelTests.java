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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards of {@code docs/dashboards} follow Grafana's current dashboard model and
 * the house rules: current panel types, a Prometheus datasource variable and
 * {@code service} / {@code instance} variables, {@code $__rate_interval} in rates, units
 * and thresholds, and a runbook link that exists on every alerting panel.
 *
 * @author Phoenix Observability
 */
class DashboardModelTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "heatmap", "table");

	private static final Pattern RANGE = Pattern.compile("\\b(rate|increase|irate)\\([^\\[]*\\[([^\\]]+)\\]");

	private static final String DOCS = "https://github.com/phoenix-observability/phoenix-observability/blob/main/";

	@Test
	void everyDashboardFollowsTheCurrentModel() throws IOException {
		List<Path> files = dashboards();
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.contains("service-overview.json", "infrastructure.json", "slos.json", "pipelines.json",
					"llm-providers.json", "business.json");
		for (Path file : files) {
			JsonNode dashboard = mapper.readTree(file.toFile());
			String name = file.getFileName().toString();
			assertThat(dashboard.path("schemaVersion").asInt()).as(name).isGreaterThanOrEqualTo(39);
			assertThat(dashboard.path("uid").asString()).as(name).isNotBlank();
			List<String> variables = new ArrayList<>();
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				variables.add(variable.path("name").asString());
				if (variable.path("name").asString().equals("datasource")) {
					assertThat(variable.path("type").asString()).isEqualTo("datasource");
					assertThat(variable.path("query").asString()).isEqualTo("prometheus");
				}
			}
			assertThat(variables).as(name).contains("datasource", "service", "instance");
			for (JsonNode panel : panels(dashboard)) {
				String title = name + " / " + panel.path("title").asString();
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
						assertThat(range.group(2)).as(title + ": " + expr).isIn("$__rate_interval", "$__range");
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
		}
	}

	static List<Path> dashboards() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("../docs/dashboards"))) {
			return files.filter((path) -> path.toString().endsWith(".json")).sorted().toList();
		}
	}

	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if (panel.path("type").asString().equals("row")) {
				panel.path("panels").forEach(panels::add);
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

}
