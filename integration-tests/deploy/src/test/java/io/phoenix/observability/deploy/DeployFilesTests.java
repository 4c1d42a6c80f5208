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

package io.phoenix.observability.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.phoenix.observability.testing.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Prometheus and Alertmanager file of {@code docs/deploy} passes the real tools,
 * the rules pass their unit tests, and the files written for engines that do not run here
 * (Collector, Tempo, Loki, Grafana, compose, Kubernetes) are at least valid YAML; compose
 * mounts files that exist, the dashboards among them from their one copy in
 * {@code docs/dashboards}.
 *
 * @author Phoenix Observability
 */
class DeployFilesTests {

	/**
	 * What the user writes before {@code docker compose up}: the samples' probe files and
	 * the Alertmanager secrets.
	 */
	private static final List<String> USER_WRITTEN = List.of("./probes", "./alertmanager/secrets");

	@TempDir
	private Path work;

	@Test
	void prometheusConfigurationsPassPromtool() throws Exception {
		LoopbackServer.assumeInstalled("promtool");
		try (Stream<Path> files = Files.list(DeployFile.DEPLOY.resolve("prometheus"))) {
			List<String> configs = files.filter((file) -> file.toString().endsWith(".yml"))
				.map((file) -> file.getFileName().toString())
				.sorted()
				.toList();
			assertThat(configs).contains("local.yml", "central.yml", "kubernetes-pods.yml", "compose-central.yml");
			for (String config : configs) {
				if (!config.equals("kubernetes-pods.yml")) {
					run(DeployFile.DEPLOY.resolve("prometheus"), "promtool", "check", "config", config);
				}
			}
		}
		// Debian builds Prometheus without Kubernetes discovery: the rest of the file,
		// relabelling included, is checked with static targets in its place
		Path kubernetes = DeployFile.of("prometheus/kubernetes-pods.yml")
			.replace("kubernetes_sd_configs:\n      - role: pod",
					"static_configs:\n      - targets: ['127.0.0.1:8080']")
			.writeTo(this.work);
		DeployFile.copy("prometheus/rules/phoenix-recording.yml", this.work);
		run(kubernetes.getParent(), "promtool", "check", "config", "kubernetes-pods.yml");
	}

	@Test
	void rulesPassTheirUnitTests() throws Exception {
		LoopbackServer.assumeInstalled("promtool");
		Path rules = DeployFile.DEPLOY.resolve("prometheus/rules");
		run(rules, "promtool", "check", "rules", "phoenix-recording.yml", "phoenix-alerts.yml");
		assertThat(run(rules, "promtool", "test", "rules", "phoenix-rules-tests.yml")).contains("SUCCESS");
	}

	@Test
	void alertmanagerConfigurationPassesAmtool() throws Exception {
		LoopbackServer.assumeInstalled("amtool");
		run(DeployFile.DEPLOY.resolve("alertmanager"), "amtool", "check-config", "alertmanager.yml");
	}

	@Test
	@SuppressWarnings("unchecked")
	void filesForEnginesNotRunHereAreValidYaml() throws Exception {
		try (Stream<Path> files = Files.walk(DeployFile.DEPLOY)) {
			List<Path> yamlFiles = files.filter((file) -> file.toString().endsWith(".yml")).toList();
			assertThat(yamlFiles).hasSizeGreaterThan(10);
			for (Path file : yamlFiles) {
				for (Object document : new Yaml().loadAll(Files.readString(file))) {
					assertThat(document).as(file.toString()).isInstanceOf(Map.class);
				}
			}
		}
		Map<String, Object> gateway = new Yaml()
			.load(Files.readString(DeployFile.DEPLOY.resolve("otel-collector/gateway.yml")));
		Map<String, Object> service = (Map<String, Object>) gateway.get("service");
		Map<String, Object> traces = (Map<String, Object>) ((Map<String, Object>) service.get("pipelines"))
			.get("traces");
		assertThat((List<String>) traces.get("processors")).containsExactly("memory_limiter", "tail_sampling", "batch");
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeMountsFilesThatExistAndTheOneCopyOfTheDashboards() throws Exception {
		Map<String, Object> compose = new Yaml().load(Files.readString(DeployFile.DEPLOY.resolve("compose.yml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		Map<String, String> grafana = new LinkedHashMap<>();
		for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
			List<String> volumes = (List<String>) service.getValue().getOrDefault("volumes", List.of());
			for (String volume : volumes) {
				String[] parts = volume.split(":");
				if (!parts[0].startsWith(".") || USER_WRITTEN.stream().anyMatch(parts[0]::startsWith)) {
					continue;
				}
				assertThat(DeployFile.DEPLOY.resolve(parts[0])).as("%s mounts %s", service.getKey(), parts[0]).exists();
				if (service.getKey().equals("grafana")) {
					grafana.put(parts[1], parts[0]);
				}
			}
		}
		// Grafana loads the dashboards of docs/dashboards, through its provisioning file
		assertThat(grafana).containsEntry("/var/lib/grafana/dashboards/phoenix", "../dashboards")
			.containsEntry("/etc/grafana/provisioning/dashboards/phoenix.yml",
					"../dashboards/provisioning/dashboards.yml");
		Map<String, Object> provisioning = new Yaml()
			.load(Files.readString(DeployFile.DEPLOY.resolve("../dashboards/provisioning/dashboards.yml")));
		assertThat(provisioning.toString()).contains("path=/var/lib/grafana/dashboards/phoenix");
		try (Stream<Path> files = Files.walk(DeployFile.DEPLOY)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".json"))).as("dashboards in docs/deploy")
				.isEmpty();
		}
	}

	private static String run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
		return output;
	}

}
