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

package io.phoenix.observability.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release as a Spring team consumes it: the {@code release} profile deploys the
 * published modules to a file repository, and an application outside this build, which
 * imports the BOM and the starter only, compiles and passes its tests against that
 * repository, offline.
 *
 * @author Phoenix Observability
 */
class ReleaseConsumerTests {

	private static final String GROUP = "io/phoenix/observability";

	private static final String VERSION = "0.1.0-SNAPSHOT";

	private static final List<String> PUBLISHED_JARS = List.of("phoenix-observability-autoconfigure",
			"phoenix-observability-starter", "phoenix-slo-feature", "phoenix-slo-starter");

	private static final Path TARGET = Path.of("target").toAbsolutePath();

	private static final Path REPOSITORY = TARGET.resolve("release-repository");

	private static Path root;

	@BeforeAll
	static void deployWithTheReleaseProfile() throws Exception {
		root = Path.of(System.getProperty("phoenix.rootDirectory", "../..")).toAbsolutePath().normalize();
		delete(REPOSITORY);
		// The modules were built and tested by this build; the release profile adds their
		// sources and Javadoc and deploys them, and installs nothing in the local
		// repository. Deploying needs Maven online: it resolves nothing that this build
		// has not resolved already
		List<String> modules = new ArrayList<>(
				List.of(":phoenix-observability-parent", ":phoenix-observability-dependencies"));
		PUBLISHED_JARS.forEach((artifactId) -> modules.add(":" + artifactId));
		run(root, TARGET.resolve("release-deploy.log"), "-B", "-nsu", "-Prelease", "deploy", "-pl",
				String.join(",", modules), "-Dmaven.test.skip=true", "-Dmaven.install.skip=true",
				"-Dspring-javaformat.skip=true", "-Drelease.repository.url=" + REPOSITORY.toUri(),
				"-Dmaven.repo.local=" + localRepository());
		assertThat(TARGET.resolve("release-deploy.log")).content().doesNotContain("Installing ");
	}

	@Test
	void releaseProfileDeploysThePublishedModulesWithSourcesAndJavadoc() throws IOException {
		Path group = REPOSITORY.resolve(GROUP);
		try (Stream<Path> artifacts = Files.list(group)) {
			assertThat(artifacts.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder(
					"phoenix-observability-parent", "phoenix-observability-dependencies",
					"phoenix-observability-autoconfigure", "phoenix-observability-starter", "phoenix-slo-feature",
					"phoenix-slo-starter");
		}
		for (String artifactId : PUBLISHED_JARS) {
			assertThat(deployedFiles(artifactId)).as(artifactId)
				.anyMatch((name) -> name.matches(artifactId + "-0\\.1\\.0-[0-9.]+-[0-9]+\\.jar"))
				.anyMatch((name) -> name.endsWith("-sources.jar"))
				.anyMatch((name) -> name.endsWith("-javadoc.jar"))
				.anyMatch((name) -> name.endsWith(".pom"));
		}
	}

	@Test
	void bomManagesThePublishedArtifactsOnly() throws IOException {
		String bom = deployedPom("phoenix-observability-dependencies");
		assertThat(bom).doesNotContain("<parent>");
		String dependencyManagement = bom.substring(bom.indexOf("<dependencyManagement>"),
				bom.indexOf("</dependencyManagement>"));
		List<String> managed = new ArrayList<>();
		Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(dependencyManagement);
		while (matcher.find()) {
			managed.add(matcher.group(1));
		}
		assertThat(managed).containsExactlyInAnyOrderElementsOf(PUBLISHED_JARS);
		assertThat(dependencyManagement).doesNotContain("<scope>import</scope>");
	}

	@Test
	void publishedPomsCarryWhatAPublicRepositoryRequires() throws IOException {
		for (String artifactId : List.of("phoenix-observability-parent", "phoenix-observability-dependencies")) {
			assertThat(deployedPom(artifactId)).as(artifactId)
				.contains("<name>", "<description>", "<url>https://github.com/phoenix-observability/")
				.contains("<name>Apache License, Version 2.0</name>")
				.contains("<scm>", "<developers>", "<organization>");
		}
		for (String artifactId : PUBLISHED_JARS) {
			assertThat(deployedPom(artifactId)).as(artifactId)
				.contains("<artifactId>phoenix-observability-parent</artifactId>", "<name>", "<description>");
		}
	}

	@Test
	void applicationOutsideTheBuildConsumesTheRelease() throws Exception {
		Path consumer = TARGET.resolve("consumer");
		delete(consumer);
		copy(TARGET.resolve("test-classes/consumer"), consumer);
		// Its own project root: nothing of this build's .mvn applies
		Files.createDirectories(consumer.resolve(".mvn"));
		Path localRepository = localRepositoryWithoutPhoenix();
		run(consumer, TARGET.resolve("consumer-build.log"), "-B", "-o", "-Daether.offline.protocols=file",
				"-Dphoenix.repository.url=" + REPOSITORY.toUri(), "-Dmaven.repo.local=" + localRepository, "test");
		assertThat(consumer.resolve("target/surefire-reports/TEST-com.example.consumer.ConsumerApplicationTests.xml"))
			.content()
			.contains("tests=\"1\"", "failures=\"0\"", "errors=\"0\"", "skipped=\"0\"");
		// Resolved from the file repository, not from an earlier install
		assertThat(localRepository.resolve(GROUP + "/phoenix-observability-starter/" + VERSION)).isDirectory();
		assertThat(localRepository.resolve(GROUP + "/phoenix-observability-dependencies/" + VERSION)).isDirectory();
	}

	private static List<String> deployedFiles(String artifactId) throws IOException {
		try (Stream<Path> files = Files.list(REPOSITORY.resolve(GROUP + "/" + artifactId + "/" + VERSION))) {
			return files.map((path) -> path.getFileName().toString()).toList();
		}
	}

	private static String deployedPom(String artifactId) throws IOException {
		String pom = deployedFiles(artifactId).stream()
			.filter((name) -> name.endsWith(".pom"))
			.findFirst()
			.orElseThrow();
		return Files.readString(REPOSITORY.resolve(GROUP + "/" + artifactId + "/" + VERSION + "/" + pom));
	}

	private static Path localRepository() {
		return Path
			.of(System.getProperty("phoenix.localRepository", System.getProperty("user.home") + "/.m2/repository"));
	}

	/**
	 * The local repository of this build, Phoenix's artifacts left out: the consumer
	 * finds Spring Boot and the third-party libraries there, and Phoenix only in the file
	 * repository, even where an earlier build installed it.
	 */
	private static Path localRepositoryWithoutPhoenix() throws IOException {
		Path linked = TARGET.resolve("consumer-local-repository");
		delete(linked);
		Files.createDirectories(linked.resolve("io"));
		Path local = localRepository();
		try (Stream<Path> entries = Files.list(local)) {
			for (Path entry : entries.toList()) {
				if (!entry.getFileName().toString().equals("io")) {
					Files.createSymbolicLink(linked.resolve(entry.getFileName().toString()), entry);
				}
			}
		}
		if (Files.isDirectory(local.resolve("io"))) {
			try (Stream<Path> entries = Files.list(local.resolve("io"))) {
				for (Path entry : entries.toList()) {
					if (!entry.getFileName().toString().equals("phoenix")) {
						Files.createSymbolicLink(linked.resolve("io/" + entry.getFileName()), entry);
					}
				}
			}
		}
		return linked;
	}

	private static void run(Path directory, Path log, String... arguments) throws Exception {
		boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
		List<String> command = new ArrayList<>();
		command.add(root.resolve(windows ? "mvnw.cmd" : "mvnw").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().remove("MAVEN_ARGS");
		Process process = builder.start();
		boolean finished = process.waitFor(20, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished && process.exitValue() == 0)
			.as(() -> String.join(" ", command) + " failed, " + log + " ends with:\n" + tail(log))
			.isTrue();
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(Path source, Path destination) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : paths.toList()) {
				Path target = destination.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
	}

	private static void delete(Path path) throws IOException {
		if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		// Symbolic links are removed, never followed
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}
