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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.identity.ServiceType;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the JSON lines written by {@link JsonLogging}.
 *
 * @author Phoenix Observability
 */
class JsonLoggingTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final LoggerContext loggerContext = new LoggerContext();

	private LogstashEncoder encoder;

	@BeforeEach
	void createEncoder() {
		this.encoder = new JsonLogging(new ServiceIdentity("svc", "prod", "1.2.3", ServiceType.BACKEND),
				new LoggingProperties())
			.encoder(this.loggerContext);
	}

	@AfterEach
	void stopEncoder() {
		this.encoder.stop();
		this.loggerContext.stop();
	}

	@Test
	void writesOneJsonLinePerEvent() {
		String line = encode(event("hello", null));
		assertThat(line).endsWith("\n");
		assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
	}

	@Test
	void writesIdentityTraceAndCorrelationFields() {
		LoggingEvent event = event("order placed", new IllegalStateException("boom"), Map.of("traceId",
				"4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7", "correlation_id", "c-1"));
		Map<String, Object> json = parse(encode(event));
		assertThat(json).containsKeys("timestamp", "level", "service", "environment", "version", "logger", "thread",
				"message", "trace_id", "span_id", "correlation_id", "stack_trace", "stack_hash");
		assertThat(json).doesNotContainKeys("@timestamp", "@version", "level_value", "traceId", "spanId", "tags");
		assertThat(json).containsEntry("level", "ERROR")
			.containsEntry("service", "svc")
			.containsEntry("environment", "prod")
			.containsEntry("version", "1.2.3")
			.containsEntry("logger", "io.phoenix.Orders")
			.containsEntry("thread", "worker-1")
			.containsEntry("message", "order placed")
			.containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
			.containsEntry("span_id", "00f067aa0ba902b7")
			.containsEntry("correlation_id", "c-1");
		assertThat((String) json.get("stack_trace")).contains("IllegalStateException").contains("boom");
		assertThat((String) json.get("stack_hash")).matches("[0-9a-f]+");
	}

	@Test
	void timestampIsIsoUtc() {
		LoggingEvent event = event("hello", null);
		event.setTimeStamp(Instant.parse("2026-03-01T12:34:56.789Z").toEpochMilli());
		Map<String, Object> json = parse(encode(event));
		assertThat(json).containsEntry("timestamp", "2026-03-01T12:34:56.789Z");
	}

	@Test
	void masksSecretFieldsAndBearerTokens() {
		LoggingEvent event = event("calling with Authorization: Bearer abc.def and password=hunter2", null);
		event.addKeyValuePair(new KeyValuePair("password", "hunter2"));
		event.addKeyValuePair(new KeyValuePair("order", "42"));
		String line = encode(event);
		assertThat(line).doesNotContain("hunter2").doesNotContain("abc.def");
		Map<String, Object> json = parse(line);
		assertThat(json).containsEntry("password", "****").containsEntry("order", "42");
		// The default expressions keep the labels, so a reader still sees what was there
		assertThat(json).containsEntry("message", "calling with Authorization: Bearer **** and password=****");
	}

	@Test
	void escapesIdentityValues() {
		LogstashEncoder quoting = new JsonLogging(new ServiceIdentity("svc\"x", "prod", "1.2.3\n", ServiceType.BACKEND),
				new LoggingProperties())
			.encoder(this.loggerContext);
		try {
			Map<String, Object> json = parse(new String(quoting.encode(event("hello", null)), StandardCharsets.UTF_8));
			assertThat(json).containsEntry("service", "svc\"x").containsEntry("version", "1.2.3\n");
		}
		finally {
			quoting.stop();
		}
	}

	private LoggingEvent event(String message, Throwable throwable) {
		return event(message, throwable, Map.of());
	}

	private LoggingEvent event(String message, Throwable throwable, Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent("test", this.loggerContext.getLogger("io.phoenix.Orders"),
				(throwable != null) ? Level.ERROR : Level.INFO, message, throwable, null);
		event.setThreadName("worker-1");
		event.setMDCPropertyMap(mdc);
		return event;
	}

	private String encode(LoggingEvent event) {
		return new String(this.encoder.encode(event), StandardCharsets.UTF_8);
	}

	private static Map<String, Object> parse(String line) {
		return mapper.readValue(line, new TypeReference<Map<String, Object>>() {
		});
	}

}
