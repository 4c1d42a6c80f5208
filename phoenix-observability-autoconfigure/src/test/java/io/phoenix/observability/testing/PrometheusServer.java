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

package io.phoenix.observability.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus server, started from the {@code prometheus} binary on the path, that
 * scrapes one target on loopback and answers PromQL queries.
 *
 * @author Phoenix Observability
 */
public final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final Process process;

	private final int port;

	private final HttpClient client = HttpClient.newHttpClient();

	private PrometheusServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Whether the {@code prometheus} and {@code promtool} binaries are installed.
	 * @return whether they are
	 */
	public static boolean isInstalled() {
		return onPath("prometheus") && onPath("promtool");
	}

	/**
	 * Whether the build runs in continuous integration, where the tools must be there.
	 * @return whether this is CI
	 */
	public static boolean isContinuousIntegration() {
		return System.getenv("CI") != null;
	}

	private static boolean onPath(String binary) {
		String path = System.getenv("PATH");
		return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, binary)));
	}

	/**
	 * Start Prometheus scraping one target every second.
	 * @param workDirectory where to write the configuration and the database
	 * @param job the job name
	 * @param target the target as {@code host:port}
	 * @param metricsPath the path of the metrics endpoint
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	public static PrometheusServer scrape(Path workDirectory, String job, String target, String metricsPath)
			throws IOException {
		return builder(workDirectory).scrape(job, target, metricsPath).start();
	}

	/**
	 * Prepare a server that scrapes every second and evaluates its rules every second.
	 * @param workDirectory where to write the configuration and the database
	 * @return the builder
	 */
	public static Builder builder(Path workDirectory) {
		return new Builder(workDirectory);
	}

	/**
	 * Run a PromQL instant query and return Prometheus's answer, errors included.
	 * @param promql the query
	 * @return the answer
	 */
	public Answer ask(String promql) {
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/api/v1/query?query="
				+ URLEncoder.encode(promql, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			JsonNode body = mapper.readTree(response.body());
			return new Answer(body.path("status").asString(), body.path("error").asString(null),
					body.path("data").path("resultType").asString(null),
					body.path("data").path("result").valueStream().toList());
		}
		catch (IOException | JacksonException ex) {
			// Not up yet, or not ready: Prometheus answers 503 with plain text until it
			// is
			return new Answer("error", ex.toString(), null, List.of());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start Prometheus with a configuration file of its own.
	 * @param workDirectory where to keep the database and the log
	 * @param config the configuration file
	 * @return the running server, once it is ready
	 * @throws IOException if it cannot be started
	 */
	public static LoopbackServer start(Path workDirectory, Path config) throws IOException {
		int port = LoopbackServer.freePort();
		return LoopbackServer.start(workDirectory.resolve(config.getFileName() + ".log"), port, "/-/ready",
				List.of("prometheus", "--config.file=" + config,
						"--storage.tsdb.path=" + workDirectory.resolve(config.getFileName() + ".data"),
						"--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
	}

	/**
	 * Run a PromQL instant query.
	 * @param promql the query
	 * @return the result vector: each element's {@code metric} labels and {@code value}
	 */
	public List<JsonNode> query(String promql) {
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/api/v1/query?query="
				+ URLEncoder.encode(promql, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return List.of();
			}
			JsonNode body = mapper.readTree(response.body());
			return body.path("data").path("result").valueStream().toList();
		}
		catch (IOException ex) {
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Wait until a query's result matches a condition.
	 * @param promql the query
	 * @param condition the condition on the result
	 * @return the result
	 */
	public List<JsonNode> awaitQuery(String promql, Predicate<List<JsonNode>> condition) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(45))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> query(promql), condition);
	}

	/**
	 * Return the labels of a result element.
	 * @param element the element
	 * @return the labels
	 */
	public static Map<String, String> labels(JsonNode element) {
		Map<String, String> labels = new java.util.LinkedHashMap<>();
		element.path("metric").properties().forEach((entry) -> labels.put(entry.getKey(), entry.getValue().asString()));
		return labels;
	}

	/**
	 * Return the sample value of a result element.
	 * @param element the element
	 * @return the value
	 */
	public static double value(JsonNode element) {
		return Double.parseDouble(element.path("value").get(1).asString());
	}

	/**
	 * Check a metrics exposition with {@code promtool check metrics}, Prometheus's own
	 * parser and linter.
	 * @param exposition the text exposition
	 * @return what promtool printed; empty when it found nothing to report
	 * @throws IOException if promtool cannot be run
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	public static PromtoolResult checkMetrics(String exposition) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
		process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return new PromtoolResult(process.exitValue(), output);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/**
	 * What Prometheus answered to a query.
	 *
	 * @param status {@code success} or {@code error}
	 * @param error the error, or {@code null}
	 * @param resultType the type of the result, such as {@code vector}
	 * @param result the result elements; a scalar or string result is one element
	 */
	public record Answer(String status, String error, String resultType, List<JsonNode> result) {

	}

	/**
	 * Prepares a {@link PrometheusServer}.
	 */
	public static final class Builder {

		private final Path workDirectory;

		private final StringBuilder scrapeConfigs = new StringBuilder();

		private final List<Path> ruleFiles = new java.util.ArrayList<>();

		private String alertmanager;

		private Duration interval = Duration.ofSeconds(1);

		private Builder(Path workDirectory) {
			this.workDirectory = workDirectory;
		}

		/**
		 * Scrape a target every second.
		 * @param job the job name
		 * @param target the target as {@code host:port}
		 * @param metricsPath the path of the metrics endpoint
		 * @return this builder
		 */
		public Builder scrape(String job, String target, String metricsPath) {
			this.scrapeConfigs.append("""
					  - job_name: %s
					    metrics_path: %s
					    static_configs:
					      - targets: ['%s']
					""".formatted(job, metricsPath, target));
			return this;
		}

		/**
		 * Load a rule file, evaluated every second.
		 * @param ruleFile the rule file
		 * @return this builder
		 */
		public Builder rules(Path ruleFile) {
			this.ruleFiles.add(ruleFile.toAbsolutePath());
			return this;
		}

		/**
		 * Scrape and evaluate at another interval than every second, such as the 15
		 * seconds of a production Prometheus.
		 * @param interval the scrape and evaluation interval, in whole seconds
		 * @return this builder
		 */
		public Builder interval(Duration interval) {
			this.interval = interval;
			return this;
		}

		/**
		 * Send alerts to an Alertmanager.
		 * @param target the Alertmanager as {@code host:port}
		 * @return this builder
		 */
		public Builder alertmanager(String target) {
			this.alertmanager = target;
			return this;
		}

		/**
		 * Start the server and wait until it is ready.
		 * @return the running server
		 * @throws IOException if it cannot be started
		 */
		public PrometheusServer start() throws IOException {
			long seconds = this.interval.toSeconds();
			StringBuilder yaml = new StringBuilder("""
					global:
					  scrape_interval: %ds
					  scrape_timeout: %dms
					  evaluation_interval: %ds
					""".formatted(seconds, seconds * 900, seconds));
			if (!this.ruleFiles.isEmpty()) {
				yaml.append("rule_files:\n");
				this.ruleFiles.forEach((file) -> yaml.append("  - '").append(file).append("'\n"));
			}
			if (this.alertmanager != null) {
				yaml.append("""
						alerting:
						  alertmanagers:
						    - static_configs:
						        - targets: ['%s']
						""".formatted(this.alertmanager));
			}
			yaml.append("scrape_configs:\n").append(this.scrapeConfigs);
			Path config = this.workDirectory.resolve("prometheus.yml");
			Files.writeString(config, yaml);
			int port = freePort();
			Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
					"--storage.tsdb.path=" + this.workDirectory.resolve("data"),
					"--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
				.redirectErrorStream(true)
				.redirectOutput(this.workDirectory.resolve("prometheus.log").toFile())
				.start();
			PrometheusServer server = new PrometheusServer(process, port);
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> "success".equals(server.ask("vector(1)").status()));
			return server;
		}

	}

	/**
	 * What {@code promtool} answered.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed
	 */
	public record PromtoolResult(int exitCode, String output) {
	}

}
