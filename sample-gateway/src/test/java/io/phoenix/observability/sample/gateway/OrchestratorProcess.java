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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * The sample orchestrator, run from its executable jar in a JVM of its own, as it runs in
 * production, with its standard output kept for the test to read.
 *
 * @author Phoenix Observability
 */
final class OrchestratorProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final int grpcPort;

	private final ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();

	private OrchestratorProcess(Process process, int port, int grpcPort) {
		this.process = process;
		this.port = port;
		this.grpcPort = grpcPort;
		Thread reader = new Thread(this::readOutput, "orchestrator-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start the orchestrator and wait until it is ready.
	 * @param otlpEndpoint where it exports traces
	 * @return the running orchestrator
	 * @throws IOException if it cannot be started
	 */
	static OrchestratorProcess start(String otlpEndpoint) throws IOException {
		return start(otlpEndpoint, List.of());
	}

	/**
	 * Start the orchestrator with more arguments and wait until it is ready.
	 * @param otlpEndpoint where it exports traces
	 * @param arguments more arguments, such as {@code --orchestrator.llm.base-url=...}
	 * @return the running orchestrator
	 * @throws IOException if it cannot be started
	 */
	static OrchestratorProcess start(String otlpEndpoint, List<String> arguments) throws IOException {
		int port = freePort();
		int grpcPort = freePort();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString(), "--server.port=" + port,
				"--spring.grpc.server.port=" + grpcPort, "--server.address=127.0.0.1",
				"--management.opentelemetry.tracing.export.otlp.endpoint=" + otlpEndpoint,
				"--management.opentelemetry.tracing.export.schedule-delay=100ms"));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		OrchestratorProcess orchestrator = new OrchestratorProcess(process, port, grpcPort);
		orchestrator.awaitReady();
		return orchestrator;
	}

	private static Path jar() throws IOException {
		Path target = Path.of("..", "sample-orchestrator", "target").toAbsolutePath().normalize();
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches("sample-orchestrator-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No executable jar in " + target
						+ ": build sample-orchestrator first (the reactor build does, before this module)"));
		}
	}

	private void awaitReady() {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/readiness")).build();
		Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The orchestrator exited:\n" + String.join("\n", this.output));
			}
			try {
				return client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.output.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	String grpcTarget() {
		return "dns:///127.0.0.1:" + this.grpcPort;
	}

	String output() {
		return String.join("\n", this.output);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
