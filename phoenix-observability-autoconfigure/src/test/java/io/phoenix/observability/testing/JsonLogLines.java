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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Log lines read back from standard output and parsed as JSON, one object per line.
 *
 * @author Phoenix Observability
 */
public final class JsonLogLines {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private JsonLogLines() {
	}

	/**
	 * Parse every line of the given output that is a JSON object. A line that starts with
	 * '{' but is not valid JSON fails the parse: it would be a broken log line.
	 * @param output the captured output
	 * @return the parsed lines
	 */
	public static List<Map<String, Object>> parse(String output) {
		return output.lines().filter((line) -> line.startsWith("{")).map(JsonLogLines::parseLine).toList();
	}

	/**
	 * Parse one JSON line.
	 * @param line the line
	 * @return the fields
	 */
	public static Map<String, Object> parseLine(String line) {
		return mapper.readValue(line, MAP);
	}

	/**
	 * Wait until a line of the output matches, and return it.
	 * @param output supplies the output captured so far
	 * @param condition the condition on a line
	 * @return the first matching line
	 */
	public static Map<String, Object> await(Supplier<String> output, Predicate<Map<String, Object>> condition) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> parse(output.get()).stream().filter(condition).findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Predicate for a line with the given message.
	 * @param message the message
	 * @return the predicate
	 */
	public static Predicate<Map<String, Object>> message(String message) {
		return (line) -> message.equals(line.get("message"));
	}

}
