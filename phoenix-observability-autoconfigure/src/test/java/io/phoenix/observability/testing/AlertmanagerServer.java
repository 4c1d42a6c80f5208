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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A real Alertmanager, started from the {@code alertmanager} binary on the path (Debian
 * names it {@code prometheus-alertmanager}), on loopback only and without clustering.
 *
 * @author Phoenix Observability
 */
public final class AlertmanagerServer implements AutoCloseable {

	private static final String[] BINARIES = { "alertmanager", "prometheus-alertmanager" };

	private final Process process;

	private final int port;

	private AlertmanagerServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Whether an Alertmanager binary is installed.
	 * @return whether it is
	 */
	public static boolean isInstalled() {
		return binary().isPresent();
	}

	private static Optional<String> binary() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Arrays.stream(BINARIES)
			.filter((binary) -> Arrays.stream(path.split(File.pathSeparator))
				.anyMatch((directory) -> Files.isExecutable(Path.of(directory, binary))))
			.findFirst();
	}

	/**
	 * Start Alertmanager with a configuration and wait until it is ready.
	 * @param workDirectory where to write the configuration and the data
	 * @param configuration the configuration, as YAML
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	public static AlertmanagerServer start(Path workDirectory, String configuration) throws IOException {
		Path config = workDirectory.resolve("alertmanager.yml");
		Files.writeString(config, configuration);
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		String binary = binary().orElseThrow(() -> new IllegalStateException("No alertmanager on the PATH"));
		// An empty cluster address keeps it off 0.0.0.0:9094
		Process process = new ProcessBuilder(binary, "--config.file=" + config,
				"--storage.path=" + workDirectory.resolve("alertmanager-data"),
				"--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(workDirectory.resolve("alertmanager.log").toFile())
			.start();
		AlertmanagerServer server = new AlertmanagerServer(process, port);
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
		return server;
	}

	/**
	 * Return the address that Prometheus sends alerts to.
	 * @return the address as {@code host:port}
	 */
	public String target() {
		return "127.0.0.1:" + this.port;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
