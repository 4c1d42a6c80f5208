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
package io.phoenix.observability.autoconfigure.logging;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import org.apache.logging.log4j.core.LogEvent;

import org.springframework.boot.json.JsonWriter.MemberPath;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Completes Spring Boot's {@code logstash} JSON lines on Log4j2 to Phoenix's field set:
 * the timestamp in UTC, the service identity, {@code stack_hash}, numbers for Phoenix's
 * own numeric fields, and the masking of secrets. Named in
 * {@code logging.structured.json.customizer} by {@link Log4j2JsonLogging}, so Spring Boot
 * creates it only when it formats Log4j2 events.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class Log4j2JsonMembersCustomizer implements StructuredLoggingJsonMembersCustomizer<LogEvent> {

	// The logstash fields that Phoenix's lines do not have; Spring's bridge from Commons
	// Logging marks every one of its events, a tag that is noise on every line
	private static final Set<String> REMOVED = Set.of("@timestamp", "@version", "level_value", "tags");

	// Log4j2's SLF4J binding turns key-value pairs into strings; these are Phoenix's
	private static final Set<String> NUMBERS = Set.of("duration_ms", "http_status", "response_size", "failure_rate");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
		.withZone(ZoneOffset.UTC);

	private final ServiceIdentity identity;

	private final LoggingProperties.Mask mask;

	/**
	 * Create a new customizer.
	 * @param environment the application's environment
	 */
	public Log4j2JsonMembersCustomizer(Environment environment) {
		this.identity = ServiceIdentity.resolve(environment);
		this.mask = LoggingProperties.bind(environment).getMask();
	}

	@Override
	public void customize(Members<LogEvent> members) {
		members.applyingPathFilter((path) -> isTopLevelOneOf(path, REMOVED));
		members.add("timestamp", LogEvent::getInstant)
			.as((instant) -> TIMESTAMP
				.format(Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond())));
		members.add("service", this.identity.name());
		members.add("environment", this.identity.environment());
		members.add("version", this.identity.version());
		members.add("stack_hash", LogEvent::getThrown).whenNotNull().as(Log4j2JsonMembersCustomizer::stackHash);
		members.applyingValueProcessor(masking());
		members.applyingValueProcessor(numbers());
	}

	private static ValueProcessor<Object> numbers() {
		return (path, value) -> {
			if (value instanceof String text && isTopLevelOneOf(path, NUMBERS)) {
				try {
					// Not a conditional expression: it would widen the long to a double
					if (text.contains(".")) {
						return Double.valueOf(text);
					}
					return Long.valueOf(text);
				}
				catch (NumberFormatException ex) {
					return value;
				}
			}
			return value;
		};
	}

	private ValueProcessor<String> masking() {
		String replacement = this.mask.getReplacement();
		Set<String> fields = new HashSet<>(this.mask.getFields());
		SecretsInText secrets = this.mask.isSecretsInText() ? new SecretsInText(replacement) : null;
		List<Pattern> values = this.mask.getValues().stream().map(Pattern::compile).toList();
		ValueProcessor<String> masking = (path, value) -> {
			if (value == null) {
				return null;
			}
			if (fields.contains(path.name())) {
				return replacement;
			}
			String masked = (secrets != null) ? secrets.mask(value) : value;
			for (Pattern pattern : values) {
				masked = pattern.matcher(masked).replaceAll(replacement);
			}
			return masked;
		};
		return masking.whenInstanceOf(String.class);
	}

	private static boolean isTopLevelOneOf(MemberPath path, Set<String> names) {
		// The cheap lookup first: this runs for every member of every line
		String name = path.name();
		return name != null && names.contains(name) && name.equals(path.toUnescapedString());
	}

	/**
	 * A signature of an error that stays the same from one occurrence to the next: the
	 * exception types and the frames' classes and methods, without messages or line
	 * numbers.
	 * @param thrown the logged exception
	 * @return eight hexadecimal characters
	 */
	static String stackHash(Throwable thrown) {
		int hash = 0;
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable current = thrown; current != null && seen.add(current); current = current.getCause()) {
			hash = 31 * hash + current.getClass().getName().hashCode();
			for (StackTraceElement frame : current.getStackTrace()) {
				hash = 31 * hash + frame.getClassName().hashCode();
				hash = 31 * hash + frame.getMethodName().hashCode();
			}
		}
		return String.format("%08x", hash);
	}

}
