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

package io.phoenix.observability.sample.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every runbook link of the rules written at build time points to a heading that exists
 * in {@code docs/}, as GitHub renders its anchor.
 *
 * @author Phoenix Observability
 */
class RunbookLinksTests {

	private static final String DOCS = "https://github.com/phoenix-observability/phoenix-observability/blob/main/";

	@Test
	@SuppressWarnings("unchecked")
	void everyRunbookLinkOfTheRulesPointsToAHeadingOfTheDocs() {
		Map<String, Object> rules = new Yaml().load(read(Path.of("target/prometheus/rules.yml")));
		List<String> links = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				if (rule.containsKey("alert")) {
					links.add(((Map<String, String>) rule.get("annotations")).get("runbook_url"));
				}
			}
		}
		assertThat(links).hasSizeGreaterThan(20).allMatch((link) -> link.startsWith(DOCS) && link.contains("#"));
		for (String link : links.stream().distinct().toList()) {
			String file = link.substring(DOCS.length(), link.indexOf('#'));
			String anchor = link.substring(link.indexOf('#') + 1);
			assertThat(anchors(Path.of("..").resolve(file))).as("headings of %s", file).contains(anchor);
		}
	}

	// As GitHub makes them: lower case, punctuation dropped, spaces to hyphens
	static Set<String> anchors(Path markdown) {
		boolean code = false;
		Set<String> anchors = new java.util.LinkedHashSet<>();
		for (String line : read(markdown).lines().toList()) {
			if (line.startsWith("```")) {
				code = !code;
			}
			else if (!code && line.matches("#{1,6} .*")) {
				anchors.add(line.replaceFirst("#+ ", "")
					.trim()
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N} _-]", "")
					.replace(' ', '-'));
			}
		}
		return anchors.stream().collect(Collectors.toCollection(java.util.LinkedHashSet::new));
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
