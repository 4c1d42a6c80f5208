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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

/**
 * A sample service run from its executable jar in a JVM of its own, as its image runs it,
 * with an environment and arguments, its output in a log file.
 *
 * @author Phoenix Observability
 */
final class BootJarProcess implements AutoCloseable {

	private static final Path ROOT = DeployFile.DEPLOY.resolve("../..").normalize();

	private final String module;

	private final Process process;

	private final Path log;

	private BootJarProcess(String module, Process process, Path log) {
		this.module = module;
		this.process = process;
		this.log = log;
	}

	/**
	 * Start the executable jar of a module.
	 * @param module the module, such as {@code sample-orchestrator}
	 * @param mainClass the class to run from the jar instead of its own main class, or
	 * {@code null}
	 * @param environment the environment variables added to the test's
	 * @param log the file that receives its output
	 * @param arguments the application's arguments
	 * @return the started process
	 * @throws IOException if it cannot be started
	 */
	static BootJarProcess start(String module, String mainClass, Map<String, String> environment, Path log,
			String... arguments) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1"));
		if (mainClass != null) {
			command.addAll(List.of("-Dloader.main=" + mainClass, "-cp", jar(module).toString(),
					"org.springframework.boot.loader.launch.PropertiesLauncher"));
		}
		else {
			command.addAll(List.of("-jar", jar(module).toString()));
		}
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new BootJarProcess(module, builder.start(), log);
	}

	static Path jar(String module) throws IOException {
		Path target = ROOT.resolve(module).resolve("target");
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				List<Path> jars = files
					.filter((file) -> file.getFileName().toString().matches(module + "-[^-]+(-SNAPSHOT)?\\.jar"))
					.toList();
				if (!jars.isEmpty()) {
					return jars.get(0);
				}
			}
		}
		throw new IllegalStateException("No executable jar in " + target + ": package " + module
				+ " first (the reactor build does, before this module)");
	}

	/**
	 * Wait until an HTTP path of the service answers 200.
	 * @param url the URL
	 * @param timeout how long to wait at most
	 */
	void awaitOk(String url, Duration timeout) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
		Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.module + " exited:\n" + output());
			}
			try {
				return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
	}

	/**
	 * Wait until the process ends by itself, successfully.
	 * @param timeout how long to wait at most
	 * @throws Exception if it fails, or does not end in time
	 */
	void awaitSuccess(Duration timeout) throws Exception {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || this.process.exitValue() != 0) {
			throw new IllegalStateException(this.module + " did not succeed:\n" + output());
		}
	}

	String output() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
