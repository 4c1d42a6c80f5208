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

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A server of the Prometheus family started from a binary on the path, listening on a
 * free loopback port and stopped on {@link #close()}. Locally a missing binary skips the
 * test; in CI it fails it.
 *
 * @author Phoenix Observability
 */
public class LoopbackServer implements AutoCloseable {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path log;

	protected LoopbackServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start a binary and wait until a path of it answers 200.
	 * @param log the file that receives its output
	 * @param port the loopback port it was told to listen on
	 * @param readyPath the path that answers 200 once it serves
	 * @param command the command line
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	protected static LoopbackServer start(Path log, int port, String readyPath, List<String> command)
			throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		LoopbackServer server = new LoopbackServer(process, port, log);
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> !process.isAlive() || server.get(readyPath).statusCode() == 200);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		if (!process.isAlive()) {
			throw new IllegalStateException(command.get(0) + " exited:\n" + Files.readString(log));
		}
		return server;
	}

	/**
	 * Skip the test unless every binary is on the path, except in CI, where they must be.
	 * @param binaries the binaries
	 */
	public static void assumeInstalled(String... binaries) {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(Arrays.stream(binaries).allMatch(LoopbackServer::onPath))
				.as("%s on the PATH", String.join(", ", binaries))
				.isTrue();
		}
	}

	static boolean onPath(String binary) {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, binary)));
	}

	/**
	 * Return a port that is free on the loopback interface.
	 * @return the port
	 * @throws IOException if none can be found
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Send a GET request to a path of the server.
	 * @param pathAndQuery the path, with its query
	 * @return the response; a status of 0 when the server does not answer
	 */
	public HttpResponse<String> get(String pathAndQuery) {
		URI uri = URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
		try {
			return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return new Unanswered(uri);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run a PromQL instant query through the Prometheus HTTP API, which Prometheus and
	 * VictoriaMetrics both answer.
	 * @param promql the query
	 * @return the result vector, empty when the server does not answer
	 * @see PrometheusServer#labels(JsonNode)
	 * @see PrometheusServer#value(JsonNode)
	 */
	public List<JsonNode> query(String promql) {
		HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		if (response.statusCode() != 200) {
			return List.of();
		}
		return mapper.readTree(response.body()).path("data").path("result").valueStream().toList();
	}

	/**
	 * Wait up to 45 seconds until a query's result matches a condition.
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
	 * Return the server's address, {@code 127.0.0.1:<port>}.
	 * @return the address
	 */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Return what the server wrote so far.
	 * @return its output
	 * @throws IOException if the log cannot be read
	 */
	public String output() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private record Unanswered(URI uri) implements HttpResponse<String> {

		@Override
		public int statusCode() {
			return 0;
		}

		@Override
		public HttpRequest request() {
			return HttpRequest.newBuilder(this.uri).build();
		}

		@Override
		public java.util.Optional<HttpResponse<String>> previousResponse() {
			return java.util.Optional.empty();
		}

		@Override
		public java.net.http.HttpHeaders headers() {
			return java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true);
		}

		@Override
		public String body() {
			return "";
		}

		@Override
		public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
			return java.util.Optional.empty();
		}

		@Override
		public URI uri() {
			return this.uri;
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
