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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * {@code docs/deploy/compose.yml}, read as Docker Compose reads it (merge keys included),
 * and its services run on loopback: every {@code <service>:<port>} it names, in its
 * environment and in the files it mounts, becomes the {@code 127.0.0.1} address the test
 * gave that service's port, and every bare service name {@code 127.0.0.1}.
 *
 * @author Phoenix Observability
 */
final class ComposeFile {

	static final Path COMPOSE = DeployFile.DEPLOY.resolve("compose.yml");

	private final Map<String, Map<String, Object>> services;

	// "<service>:<port>" -> "127.0.0.1:<port>", for the ports the test's servers listen
	// on
	private final Map<String, String> addresses = new LinkedHashMap<>();

	private final Pattern serviceAddress;

	@SuppressWarnings("unchecked")
	private ComposeFile(Map<String, Object> document) {
		this.services = (Map<String, Map<String, Object>>) document.get("services");
		String names = String.join("|", this.services.keySet().stream().map(Pattern::quote).toList());
		this.serviceAddress = Pattern.compile("(?<![\\w.-])(" + names + "):(\\d+)(?![\\w.-])");
	}

	static ComposeFile read() throws IOException {
		return new ComposeFile(new Yaml().load(Files.readString(COMPOSE)));
	}

	/**
	 * Say where a port of a service listens on loopback.
	 * @param service the service's name in the compose file
	 * @param port the port it listens on in the compose deployment
	 * @param loopbackPort the port it listens on here
	 * @return this file
	 */
	ComposeFile listen(String service, int port, int loopbackPort) {
		this.addresses.put(service + ":" + port, "127.0.0.1:" + loopbackPort);
		return this;
	}

	String image(String service) {
		return (String) service(service).get("image");
	}

	/**
	 * Return the container ports that a service publishes ({@code host:container}).
	 * @param service the service
	 * @return its published container ports
	 */
	List<Integer> publishedPorts(String service) {
		List<?> ports = (List<?>) service(service).getOrDefault("ports", List.of());
		return ports.stream().map((port) -> Integer.valueOf(port.toString().replaceAll(".*:", ""))).toList();
	}

	List<String> command(String service) {
		List<?> command = (List<?>) service(service).getOrDefault("command", List.of());
		return command.stream().map(Object::toString).map(this::localize).toList();
	}

	/**
	 * Return the environment of a service, localized.
	 * @param service the service
	 * @return its environment variables
	 */
	Map<String, String> environment(String service) {
		Map<?, ?> environment = (Map<?, ?>) service(service).getOrDefault("environment", Map.of());
		Map<String, String> localized = new LinkedHashMap<>();
		environment.forEach((name, value) -> {
			String text = Objects.toString(value);
			localized.put(name.toString(), this.services.containsKey(text) ? "127.0.0.1" : localize(text));
		});
		return localized;
	}

	/**
	 * Copy the files a service mounts into a directory that stands for its file system,
	 * localized, and return where each mount point is.
	 * @param service the service
	 * @param root the directory that stands for the service's file system
	 * @param sources where mounted sources that the repository does not hold are, by
	 * their compose path (such as {@code ./probes})
	 * @return the directory or file of each mount point, by mount point
	 * @throws IOException if a file cannot be copied
	 */
	Map<String, Path> mount(String service, Path root, Map<String, Path> sources) throws IOException {
		Map<String, Path> mounts = new LinkedHashMap<>();
		for (Object volume : (List<?>) service(service).getOrDefault("volumes", List.of())) {
			String[] parts = volume.toString().split(":");
			Path source = sources.getOrDefault(parts[0], DeployFile.DEPLOY.resolve(parts[0]).normalize());
			Path target = root.resolve(parts[1].substring(1));
			copy(source, target);
			mounts.put(parts[1], target);
		}
		return mounts;
	}

	private void copy(Path source, Path target) throws IOException {
		if (Files.isDirectory(source)) {
			try (Stream<Path> files = Files.walk(source)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					copy(file, target.resolve(source.relativize(file).toString()));
				}
			}
			return;
		}
		Files.createDirectories(target.getParent());
		Files.writeString(target, fastIntervals(localize(Files.readString(source))));
	}

	/**
	 * Replace each service address with the loopback address the test gave it.
	 * @param text the text
	 * @return the localized text
	 */
	String localize(String text) {
		Matcher matcher = this.serviceAddress.matcher(text);
		StringBuilder localized = new StringBuilder();
		while (matcher.find()) {
			String address = this.addresses.get(matcher.group());
			if (address == null) {
				throw new AssertionError(
						"compose.yml names " + matcher.group() + ", but " + matcher.group(1) + " listens on "
								+ this.addresses.keySet()
									.stream()
									.filter((known) -> known.startsWith(matcher.group(1) + ":"))
									.toList());
			}
			matcher.appendReplacement(localized, Matcher.quoteReplacement(address));
		}
		return matcher.appendTail(localized).toString();
	}

	// Scrapes and evaluations of a second, as the other deployment tests
	private static String fastIntervals(String text) {
		return text.replaceAll("(scrape_interval|evaluation_interval): \\d+s", "$1: 1s")
			.replaceAll("scrape_timeout: \\d+s", "scrape_timeout: 900ms");
	}

	private Map<String, Object> service(String name) {
		Map<String, Object> service = this.services.get(name);
		if (service == null) {
			throw new AssertionError("compose.yml has no service " + name + ": " + this.services.keySet());
		}
		return service;
	}

}
