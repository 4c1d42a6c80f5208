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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.phoenix.observability.testing.BlackboxExporter;
import io.phoenix.observability.testing.LoopbackServer;
import io.phoenix.observability.testing.PrometheusServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compose.yml}, run on loopback: the two samples from their executable jars with
 * the compose file's environment, the blackbox exporter and the three Prometheus servers
 * with the compose file's commands and mounted files, every {@code <service>:<port>} the
 * compose file names mapped to a free {@code 127.0.0.1} port. Every scrape target is up,
 * and a pipeline run sent to the gateway reaches the orchestrator over HTTP and gRPC.
 *
 * @author Phoenix Observability
 */
class ComposeTests {

	private static final String ORCHESTRATOR = "orchestrator";

	private static final String GATEWAY = "gateway";

	private static final List<String> PROMETHEUS = List.of("prometheus-host-a", "prometheus-host-b",
			"prometheus-central");

	private static final String BLACKBOX = "blackbox-exporter";

	// The ports the images of the other services listen on, none of them started here
	private static final Map<String, Integer> NOT_STARTED = Map.of("otel-agent", 4318, "alertmanager", 9093,
			"victoria-metrics", 8428);

	private static final Duration STARTUP = Duration.ofSeconds(90);

	@TempDir
	private Path work;

	@BeforeEach
	void serversAreInstalled() {
		LoopbackServer.assumeInstalled("prometheus", BlackboxExporter.BINARY);
	}

	@Test
	@Timeout(value = 170, unit = TimeUnit.SECONDS)
	void everyTargetIsUpAndTheGatewayReachesTheOrchestrator() throws Exception {
		ComposeFile compose = ComposeFile.read();
		Map<String, Integer> orchestratorPorts = listensOn(compose, ORCHESTRATOR);
		Map<String, Integer> gatewayPorts = listensOn(compose, GATEWAY);
		Map<String, Integer> loopback = new LinkedHashMap<>();
		listen(compose, ORCHESTRATOR, orchestratorPorts, loopback);
		listen(compose, GATEWAY, gatewayPorts, loopback);
		for (String prometheus : PROMETHEUS) {
			listen(compose, prometheus, Map.of("http", 9090), loopback);
		}
		listen(compose, BLACKBOX, Map.of("http", 9115), loopback);
		NOT_STARTED.forEach((service, port) -> listen(compose, service, Map.of("http", port), new LinkedHashMap<>()));

		Path probes = Files.createDirectories(this.work.resolve("probes"));
		List<AutoCloseable> running = new ArrayList<>();
		try {
			// The probe files, written as the deployment's README says, from each sample:
			// the
			// service's URL as the blackbox exporter reaches it in the compose network
			List<BootJarProcess> writers = new ArrayList<>();
			for (String service : List.of(ORCHESTRATOR, GATEWAY)) {
				Map<String, String> environment = new LinkedHashMap<>(compose.environment(service));
				int port = (service.equals(GATEWAY) ? gatewayPorts : orchestratorPorts).get("http");
				environment.put("PHOENIX_OBSERVABILITY_PROBES_SERVICE_URL", "http://" + service + ":" + port);
				BootJarProcess writer = BootJarProcess.start(module(compose, service),
						"io.phoenix.observability.autoconfigure.probes.ProbeFilesWriter", environment,
						this.work.resolve(service + "-probes.log"), probes.toString());
				running.add(writer);
				writers.add(writer);
			}
			for (BootJarProcess writer : writers) {
				writer.awaitSuccess(STARTUP);
			}
			BootJarProcess orchestrator = BootJarProcess.start(module(compose, ORCHESTRATOR), null,
					compose.environment(ORCHESTRATOR), this.work.resolve("orchestrator.log"),
					"--server.port=" + loopback.get(ORCHESTRATOR + ":http"),
					"--spring.grpc.server.port=" + loopback.get(ORCHESTRATOR + ":grpc"), "--server.address=127.0.0.1",
					"--spring.grpc.server.address=127.0.0.1");
			running.add(orchestrator);
			BootJarProcess gateway = BootJarProcess.start(module(compose, GATEWAY), null, compose.environment(GATEWAY),
					this.work.resolve("gateway.log"), "--server.port=" + loopback.get(GATEWAY + ":http"),
					"--server.address=127.0.0.1");
			running.add(gateway);
			Map<String, Path> sources = Map.of("./probes", probes, "./probes/blackbox.yml",
					probes.resolve("blackbox.yml"));
			LoopbackServer blackbox = start(compose, BLACKBOX, BlackboxExporter.BINARY, "/-/healthy",
					loopback.get(BLACKBOX + ":http"), sources, List.of());
			running.add(blackbox);
			Map<String, LoopbackServer> prometheus = new LinkedHashMap<>();
			for (String name : PROMETHEUS) {
				int port = loopback.get(name + ":http");
				LoopbackServer server = start(compose, name, "prometheus", "/-/ready", port, sources,
						List.of("--storage.tsdb.path=" + this.work.resolve(name + "-data"), "--log.level=warn"));
				running.add(server);
				prometheus.put(name, server);
			}
			String orchestratorUrl = "http://127.0.0.1:" + loopback.get(ORCHESTRATOR + ":http");
			String gatewayUrl = "http://127.0.0.1:" + loopback.get(GATEWAY + ":http");
			orchestrator.awaitOk(orchestratorUrl + "/health/readiness", STARTUP);
			gateway.awaitOk(gatewayUrl + "/health/readiness", STARTUP);

			assertPipelineRunsReachTheOrchestrator(gatewayUrl, gateway);
			assertEveryTargetUp(prometheus.get("prometheus-host-a"),
					Set.of("phoenix-services", "phoenix-probes", "blackbox-exporter"));
			assertEveryTargetUp(prometheus.get("prometheus-host-b"), Set.of("phoenix-services"));
			// The central server's own target, and the hosts' targets it federates
			assertEveryTargetUp(prometheus.get("prometheus-central"),
					Set.of("federate", "phoenix-services", "phoenix-probes"));
			assertScrapedRuns(prometheus.get("prometheus-host-a"), prometheus.get("prometheus-central"));
		}
		finally {
			for (int i = running.size() - 1; i >= 0; i--) {
				running.get(i).close();
			}
		}
	}

	// The ports a sample listens on, from its own application.yml, and the compose file
	// publishes the HTTP one
	@SuppressWarnings("unchecked")
	private static Map<String, Integer> listensOn(ComposeFile compose, String service) throws IOException {
		Path configuration = DeployFile.DEPLOY
			.resolve("../../" + module(compose, service) + "/src/main/resources/application.yml")
			.normalize();
		Map<String, Object> yaml = new Yaml().load(Files.readString(configuration));
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("http", (Integer) ((Map<String, Object>) yaml.get("server")).get("port"));
		Object grpc = path(yaml, "spring", "grpc", "server", "port");
		if (grpc instanceof Integer port) {
			ports.put("grpc", port);
		}
		assertThat(compose.publishedPorts(service)).as("the ports compose.yml publishes for %s", service)
			.containsExactly(ports.get("http"));
		return ports;
	}

	@SuppressWarnings("unchecked")
	private static Object path(Map<String, Object> yaml, String... keys) {
		Object value = yaml;
		for (String key : keys) {
			value = (value instanceof Map<?, ?> map) ? ((Map<String, Object>) map).get(key) : null;
		}
		return value;
	}

	private static void listen(ComposeFile compose, String service, Map<String, Integer> ports,
			Map<String, Integer> loopback) {
		ports.forEach((name, port) -> {
			try {
				int free = LoopbackServer.freePort();
				compose.listen(service, port, free);
				loopback.put(service + ":" + name, free);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static String module(ComposeFile compose, String service) {
		String image = compose.image(service);
		return image.substring(0, image.indexOf(':'));
	}

	private LoopbackServer start(ComposeFile compose, String service, String binary, String readyPath, int port,
			Map<String, Path> sources, List<String> extraArguments) throws IOException {
		Path root = Files.createDirectories(this.work.resolve(service));
		Map<String, Path> mounts = compose.mount(service, root, sources);
		List<String> command = new ArrayList<>(List.of(binary));
		for (String argument : compose.command(service)) {
			// The mount points, longest first, become the copies of what they mount
			for (String mountPoint : mounts.keySet()
				.stream()
				.sorted(Comparator.comparingInt(String::length).reversed())
				.toList()) {
				argument = argument.replace(mountPoint, mounts.get(mountPoint).toString());
			}
			command.add(argument);
		}
		command.add("--web.listen-address=127.0.0.1:" + port);
		command.addAll(extraArguments);
		return ComposeServer.launch(root.resolve(service + ".log"), port, readyPath, command);
	}

	private static void assertPipelineRunsReachTheOrchestrator(String gatewayUrl, BootJarProcess gateway)
			throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> http = client
			.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/pipelines/summarize/runs"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"a report\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(http.statusCode()).as("HTTP run through the gateway: %s%n%s", http.body(), gateway.output())
			.isBetween(200, 299);
		HttpResponse<String> grpc = client
			.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/grpc/pipelines/triage/runs"))
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(grpc.statusCode()).as("gRPC run through the gateway: %s%n%s", grpc.body(), gateway.output())
			.isBetween(200, 299);
	}

	private static void assertEveryTargetUp(LoopbackServer prometheus, Set<String> jobs) {
		List<JsonNode> up = prometheus.awaitQuery("up", (result) -> jobs(result).equals(jobs)
				&& result.stream().allMatch((target) -> PrometheusServer.value(target) == 1));
		assertThat(jobs(up)).isEqualTo(jobs);
		assertThat(up)
			.allSatisfy((target) -> assertThat(PrometheusServer.value(target)).as("%s", PrometheusServer.labels(target))
				.isOne());
	}

	private static Set<String> jobs(List<JsonNode> result) {
		return result.stream().map((target) -> PrometheusServer.labels(target).get("job")).collect(Collectors.toSet());
	}

	private static void assertScrapedRuns(LoopbackServer hostA, LoopbackServer central) {
		// The orchestrator counted the run, in the compose environment, as host-a scrapes
		// it
		List<JsonNode> runs = hostA.awaitQuery(
				"sum(pipeline_executions_total{service=\"sample-orchestrator\",environment=\"compose\"})",
				(result) -> !result.isEmpty() && PrometheusServer.value(result.get(0)) >= 2);
		assertThat(PrometheusServer.value(runs.get(0))).isGreaterThanOrEqualTo(2);
		List<JsonNode> readiness = hostA.awaitQuery("probe_success{probe=\"readiness\"}", (result) -> result.size() == 2
				&& result.stream().allMatch((probe) -> PrometheusServer.value(probe) == 1));
		assertThat(readiness).extracting((probe) -> PrometheusServer.labels(probe).get("service"))
			.containsExactlyInAnyOrder("sample-orchestrator", "sample-gateway");
		// Both hosts' services, federated with their host label
		List<JsonNode> federated = central.awaitQuery("up{job=\"phoenix-services\"}", (result) -> result.size() == 2);
		assertThat(federated).extracting((target) -> PrometheusServer.labels(target).get("host"))
			.containsExactlyInAnyOrder("host-a", "host-b");
		assertThat(federated).allSatisfy((target) -> assertThat(PrometheusServer.value(target)).isOne());
	}

	/**
	 * A server of the compose file started from its binary with the compose command.
	 */
	private static final class ComposeServer extends LoopbackServer {

		private ComposeServer(Process process, int port, Path log) {
			super(process, port, log);
		}

		static LoopbackServer launch(Path log, int port, String readyPath, List<String> command) throws IOException {
			return LoopbackServer.start(log, port, readyPath, command);
		}

	}

}
