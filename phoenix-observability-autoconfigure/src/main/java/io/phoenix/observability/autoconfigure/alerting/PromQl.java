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

package io.phoenix.observability.autoconfigure.alerting;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How generated rules write durations, numbers, label names and label values, so that
 * every rule file reads alike.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class PromQl {

	private PromQl() {
	}

	/**
	 * Format a duration as Prometheus does, in its largest whole unit: {@code 30d},
	 * {@code 6h}, {@code 5m}, {@code 10s}.
	 * @param duration the duration
	 * @return the Prometheus duration
	 */
	public static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds > 0 && seconds % 86400 == 0) {
			return (seconds / 86400) + "d";
		}
		if (seconds > 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds > 0 && seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		if (duration.toMillis() % 1000 == 0) {
			return seconds + "s";
		}
		return duration.toMillis() + "ms";
	}

	/**
	 * Format a number without exponent or trailing zeros.
	 * @param number the number
	 * @return the formatted number
	 */
	public static String number(BigDecimal number) {
		return number.stripTrailingZeros().toPlainString();
	}

	/**
	 * Format a number without exponent or trailing zeros.
	 * @param number the number
	 * @return the formatted number
	 */
	public static String number(double number) {
		return number(BigDecimal.valueOf(number));
	}

	/**
	 * Return the Prometheus label name of a Micrometer tag or meter name.
	 * @param tag the tag, such as {@code client.name}
	 * @return the label name, such as {@code client_name}
	 */
	public static String labelName(String tag) {
		String name = tag.replaceAll("[^a-zA-Z0-9_]", "_");
		return Character.isDigit(name.charAt(0)) ? "_" + name : name;
	}

	/**
	 * Quote a label value.
	 * @param value the value
	 * @return the quoted value
	 */
	public static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	/**
	 * Return label matchers for exact values.
	 * @param labels the label values, by label name
	 * @return the matchers, without braces
	 */
	public static String matchers(Map<String, String> labels) {
		return labels.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + quote(entry.getValue()))
			.collect(Collectors.joining(","));
	}

}
