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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.phoenix.observability.autoconfigure.slo.SloFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Runs {@code promtool} and {@code amtool} on generated files. Locally the tools may be
 * missing and the checks are skipped; in CI they are required.
 *
 * @author Phoenix Observability
 */
public final class PrometheusTools {

	private PrometheusTools() {
	}

	/**
	 * Skip the test unless the tools are installed, except in CI, where they must be.
	 */
	public static void assumeInstalled() {
		if (!PrometheusServer.isContinuousIntegration()) {
			assumeThat(PrometheusServer.isInstalled() && onPath("amtool")).as("promtool and amtool on the PATH")
				.isTrue();
		}
	}

	/**
	 * Write the rules, their unit tests and the Alertmanager configuration to a directory
	 * and check all three with the real tools.
	 * @param files the generated files
	 * @param directory the directory
	 * @throws Exception if a tool cannot be run
	 */
	public static void writeAndCheck(SloFiles files, Path directory) throws Exception {
		files.write(directory);
		check(directory);
	}

	/**
	 * Check generated files with {@code promtool check rules},
	 * {@code promtool test rules} and {@code amtool check-config}; each must exit with 0.
	 * @param directory the directory that holds {@code rules.yml},
	 * {@code rules-tests.yml} and {@code alertmanager.yml}
	 * @return what {@code promtool test rules} printed
	 * @throws Exception if a tool cannot be run
	 */
	public static String check(Path directory) throws Exception {
		run(directory, "promtool", "check", "rules", "rules.yml");
		String tests = run(directory, "promtool", "test", "rules", "rules-tests.yml");
		run(directory, "amtool", "check-config", "alertmanager.yml");
		return tests;
	}

	/**
	 * Run one of the tools in a directory; it must exit with 0.
	 * @param directory the working directory
	 * @param command the command and its arguments, such as
	 * {@code promtool test rules my-tests.yml}
	 * @return what the tool printed
	 * @throws IOException if the tool cannot be run
	 * @throws InterruptedException if interrupted while waiting for the tool
	 */
	public static String run(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("%s:%n%s", String.join(" ", command), output).isZero();
		return output;
	}

	private static boolean onPath(String binary) {
		List<String> directories = new ArrayList<>(
				List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
		return directories.stream().anyMatch((directory) -> Files.isExecutable(Path.of(directory, binary)));
	}

}
