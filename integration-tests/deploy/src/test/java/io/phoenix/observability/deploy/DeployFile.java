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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file of {@code docs/deploy}, copied into a test's work directory with the changes a
 * test on loopback needs: addresses of the servers it started and intervals of a second.
 * Every change must find its text, so that the documented file and the tested one cannot
 * drift apart unnoticed.
 *
 * @author Phoenix Observability
 */
final class DeployFile {

	static final Path DEPLOY = Path.of(System.getProperty("user.dir")).resolve("../../docs/deploy").normalize();

	private final String relativePath;

	private String text;

	private final Map<String, String> changes = new LinkedHashMap<>();

	private DeployFile(String relativePath) throws IOException {
		this.relativePath = relativePath;
		this.text = Files.readString(DEPLOY.resolve(relativePath));
	}

	static DeployFile of(String relativePath) throws IOException {
		return new DeployFile(relativePath);
	}

	DeployFile replace(String from, String to) {
		assertThat(this.text).as("%s contains %s", this.relativePath, from).contains(from);
		this.text = this.text.replace(from, to);
		return this;
	}

	DeployFile replaceAll(String regex, String to) {
		Matcher matcher = Pattern.compile(regex).matcher(this.text);
		assertThat(matcher.find()).as("%s matches %s", this.relativePath, regex).isTrue();
		this.text = matcher.replaceAll(to);
		return this;
	}

	/**
	 * Intervals of a second instead of 15 or 30: scrape, evaluation and timeouts.
	 * @return this file
	 */
	DeployFile fastIntervals() {
		return replaceAll("(scrape_interval|evaluation_interval): \\d+s", "$1: 1s").replaceAll("scrape_timeout: \\d+s",
				"scrape_timeout: 900ms");
	}

	Path writeTo(Path directory) throws IOException {
		Path file = directory.resolve(this.relativePath);
		Files.createDirectories(file.getParent());
		Files.writeString(file, this.text);
		return file;
	}

	String text() {
		return this.text;
	}

	/**
	 * Copy a file of {@code docs/deploy} unchanged.
	 * @param relativePath its path below {@code docs/deploy}
	 * @param directory the work directory
	 * @return the copy
	 * @throws IOException if it cannot be copied
	 */
	static Path copy(String relativePath, Path directory) throws IOException {
		return of(relativePath).writeTo(directory);
	}

}
