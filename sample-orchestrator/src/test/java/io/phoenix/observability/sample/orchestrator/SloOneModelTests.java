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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.phoenix.observability.autoconfigure.alerting.AlertmanagerReceivers;
import io.phoenix.observability.autoconfigure.slo.SloFilesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One objective changed from its declaration (pipeline-success from 99.5 to 99.9) shows
 * the same in the three places built from the SLO model: the {@code slo} endpoint, the
 * files written by the build-time writer (rules, their tests, the Alertmanager
 * configuration and the dashboard, byte for byte), and the live {@code phoenix_slo_*}
 * gauges.
 *
 * @author Phoenix Observability
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles(SloOneModelTests.CHANGED)
class SloOneModelTests {

	/**
	 * The profile that changes the objective: application-changed-objective.yml.
	 */
	static final String CHANGED = "changed-objective";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Pattern RECEIVER_URL = Pattern.compile("(?m)^(\\s+(?:- )?url: )(\\S+)$");

	@LocalServerPort
	private int port;

	@TempDir
	private Path directory;

	@Test
	void aChangedObjectiveReachesTheEndpointTheBuildTimeFilesAndTheLiveGauges() throws Exception {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		writeFilesAsTheBuildDoes(this.directory, "--spring.profiles.active=" + CHANGED);

		JsonNode slo = pipelineSuccess(client);
		assertThat(slo.path("objective").decimalValue()).isEqualByComparingTo("99.9");
		for (String file : List.of("rules.yml", "rules-tests.yml", "alertmanager.yml", "dashboard.json")) {
			String served = client.get()
				.uri("/actuator/slo/" + file.substring(0, file.indexOf('.')))
				.accept(MediaType.parseMediaType(file.endsWith(".json") ? "application/json" : "application/yaml"))
				.retrieve()
				.body(String.class);
			String written = Files.readString(this.directory.resolve(file));
			if (file.equals("alertmanager.yml")) {
				// Served to anyone: the receiver URLs redacted, all else the same
				written = RECEIVER_URL.matcher(written)
					.replaceAll((url) -> Matcher
						.quoteReplacement(url.group(1) + AlertmanagerReceivers.redact(url.group(2))));
				assertThat(served).contains(AlertmanagerReceivers.REDACTED);
			}
			assertThat(served).as(file).isEqualTo(written);
		}
		String rules = Files.readString(this.directory.resolve("rules.yml"));
		assertThat(rules).contains("vector(0.999)", "(14.4 * 0.001)").doesNotContain("vector(0.995)");
		assertThat(Files.readString(this.directory.resolve("dashboard.json"))).contains("\"value\" : 0.999");
		assertThat(Files.readString(this.directory.resolve("rules-tests.yml")))
			.contains("pipeline-success SloBurnRatePage1h fires at 1.512% errors");
		// The files built from the declared objective, for contrast
		assertThat(Path.of("target/prometheus/rules.yml")).content().contains("vector(0.995)");

		String metrics = client.get().uri("/health/metrics").retrieve().body(String.class);
		assertThat(metrics.lines()
			.filter((line) -> line.startsWith("phoenix_slo_objective_ratio{"))
			.filter((line) -> line.contains("slo=\"pipeline-success\""))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))).containsExactly(0.999);
	}

	private static void writeFilesAsTheBuildDoes(Path directory, String... arguments) throws Exception {
		// A JVM of its own, as exec-maven-plugin runs the writer at process-classes
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), SloFilesWriter.class.getName(), directory.toString()));
		command.addAll(List.of(arguments));
		Path log = Files.createTempFile("slo-files-writer", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("SloFilesWriter:%n%s", Files.readString(log)).isZero();
	}

	private static JsonNode pipelineSuccess(RestClient client) {
		JsonNode body = mapper.readTree(client.get().uri("/actuator/slo").retrieve().body(String.class));
		for (JsonNode objective : body.path("objectives")) {
			if (objective.path("name").asString().equals("pipeline-success")) {
				return objective;
			}
		}
		throw new IllegalStateException("No SLO named pipeline-success in " + body);
	}

}
