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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.identity.ServiceType;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FixedFieldsJsonEncoder}: the lines it writes itself are the lines the
 * generic logstash path writes for the same events, byte for byte, and the events it
 * cannot write itself go down the generic path. Which path wrote a line is seen by a
 * provider added to the generic path's chain that writes nothing and counts the events it
 * is called for.
 *
 * @author Phoenix Observability
 */
class FixedFieldsJsonEncoderTests {

	private static final String THREAD = "http-nio-8080-exec-1";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final LoggerContext loggerContext = new LoggerContext();

	private final ServiceIdentity identity = new ServiceIdentity("svc \"é\"", "prod", "1.2.3", ServiceType.BACKEND);

	private final LogstashEncoder fast = new JsonLogging(this.identity, new LoggingProperties())
		.encoder(this.loggerContext);

	// A value pattern that never matches sends every event down the generic path
	private final LogstashEncoder generic = new JsonLogging(this.identity, withValues("(?!)"))
		.encoder(this.loggerContext);

	private final GenericPathProbe fastProbe = new GenericPathProbe();

	private final GenericPathProbe genericProbe = new GenericPathProbe();

	@BeforeEach
	void probe() {
		this.fast.getProviders().addProvider(this.fastProbe);
		this.generic.getProviders().addProvider(this.genericProbe);
	}

	@AfterEach
	void stop() {
		this.fast.stop();
		this.generic.stop();
		this.loggerContext.stop();
	}

	@Test
	void accessLogLineIsTheGenericLine() {
		assertSameLine(event("GET /hello/{id} 200 1 ms", THREAD, Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736",
				"spanId", "00f067aa0ba902b7", "correlation_id", "3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b"), (event) -> {
					event.addKeyValuePair(new KeyValuePair("http_method", "GET"));
					event.addKeyValuePair(new KeyValuePair("http_status", 200));
					event.addKeyValuePair(new KeyValuePair("duration_ms", 1L));
					event.addKeyValuePair(new KeyValuePair("response_size", -17L));
					event.addKeyValuePair(new KeyValuePair("trace_kept", true));
					event.addKeyValuePair(new KeyValuePair("nothing", null));
				}));
	}

	@Test
	void escapedAndNonAsciiTextIsTheGenericLine() {
		assertSameLine(event("quote \" backslash \\ tab \t newline \n bell \u0007 é € 😀 \u007f", "thread \"1\" \u0001",
				Map.of(), (event) -> {
					event.addKeyValuePair(new KeyValuePair("emoji", "😀"));
				}));
	}

	@Test
	void maskedFieldsAndSecretsInTextAreTheGenericLine() {
		String line = assertSameLine(event("calling with Authorization: Bearer abc.def and password=hunter2", THREAD,
				Map.of("token", "t-1", "user", "secret=s3"), (event) -> {
					event.addKeyValuePair(new KeyValuePair("password", "hunter2"));
					event.addKeyValuePair(new KeyValuePair("api_key", null));
					event.addKeyValuePair(new KeyValuePair("attempts", 3));
				}));
		assertThat(line).doesNotContain("hunter2").doesNotContain("abc.def").doesNotContain("t-1").doesNotContain("s3");
	}

	@Test
	void timestampsAcrossSecondsAreTheGenericLine() {
		for (String instant : List.of("2026-03-01T12:34:56.789Z", "2026-03-01T12:34:56.001Z", "2026-03-01T12:34:57Z",
				"1969-12-31T23:59:59.999Z")) {
			assertSameLine(event("hello", (event) -> event.setTimeStamp(Instant.parse(instant).toEpochMilli())));
		}
	}

	@Test
	void plainMarkerIsTheGenericLine() {
		assertSameLine(event("bridged", (event) -> event.addMarker(MarkerFactory.getMarker("COMMONS-LOGGING"))));
	}

	@Test
	void streamingWritesTheSameLine() throws IOException {
		LoggingEvent event = event("hello", (e) -> e.addKeyValuePair(new KeyValuePair("n", 1)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.fast.encode(event, out);
		assertThat(this.fastProbe.events).as("events written by the generic path").isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(encode(this.generic, event));
	}

	@Test
	void streamingTakesTheGenericPathForOtherEvents() throws IOException {
		LoggingEvent event = event("hello", (e) -> e.addKeyValuePair(new KeyValuePair("ratio", 0.5)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.fast.encode(event, out);
		assertThat(this.fastProbe.events).as("events written by the generic path").isEqualTo(1);
		assertThat(parse(out.toString(StandardCharsets.UTF_8))).containsEntry("ratio", 0.5);
	}

	@Test
	void otherValuesTakeTheGenericPath() {
		LoggingEvent event = event("hello", (e) -> {
			e.addKeyValuePair(new KeyValuePair("ratio", 0.5));
			e.addKeyValuePair(new KeyValuePair("ids", List.of(1, 2)));
		});
		assertThat(parse(encodeGeneric(event))).containsEntry("ratio", 0.5).containsEntry("ids", List.of(1, 2));
	}

	@Test
	void logstashMarkerTakesTheGenericPath() {
		LoggingEvent event = event("hello", (e) -> e.addMarker(Markers.append("order_id", 42)));
		assertThat(parse(encodeGeneric(event))).containsEntry("order_id", 42);
	}

	@Test
	void markerWithReferencesTakesTheGenericPath() {
		Marker marker = MarkerFactory.getDetachedMarker("AUDIT");
		marker.add(Markers.append("order_id", 42));
		LoggingEvent event = event("hello", (e) -> e.addMarker(marker));
		assertThat(parse(encodeGeneric(event))).containsEntry("order_id", 42);
	}

	@Test
	void structuredArgumentTakesTheGenericPath() {
		LoggingEvent event = new LoggingEvent("test", this.loggerContext.getLogger("io.phoenix.Orders"), Level.INFO,
				"placed {}", null, new Object[] { StructuredArguments.kv("order_id", 42) });
		event.setThreadName(THREAD);
		event.setMDCPropertyMap(Map.of());
		assertThat(parse(encodeGeneric(event))).containsEntry("order_id", 42)
			.containsEntry("message", "placed order_id=42");
	}

	@Test
	void valuePatternSendsEveryEventDownTheGenericPath() {
		encode(this.generic, event("hello", (e) -> {
		}));
		assertThat(this.genericProbe.events).as("events written by the generic path").isEqualTo(1);
	}

	@Test
	void maskOnAFixedFieldSendsEveryEventDownTheGenericPath() {
		LoggingProperties properties = new LoggingProperties();
		properties.getMask().getFields().add("thread");
		LogstashEncoder encoder = new JsonLogging(this.identity, properties).encoder(this.loggerContext);
		GenericPathProbe genericLines = new GenericPathProbe();
		encoder.getProviders().addProvider(genericLines);
		try {
			Map<String, Object> json = parse(encode(encoder, event("hello", (e) -> {
			})));
			assertThat(genericLines.events).as("events written by the generic path").isEqualTo(1);
			assertThat(json).containsEntry("thread", properties.getMask().getReplacement());
		}
		finally {
			encoder.stop();
		}
	}

	@Test
	void eventWithStackTraceTakesTheGenericPath() {
		LoggingEvent event = new LoggingEvent("test", this.loggerContext.getLogger("io.phoenix.Orders"), Level.ERROR,
				"failed", new IllegalStateException("boom"), null);
		event.setThreadName("worker-1");
		event.setMDCPropertyMap(Map.of());
		Map<String, Object> json = parse(encodeGeneric(event));
		assertThat((String) json.get("stack_trace")).contains("IllegalStateException");
		assertThat(json).containsKey("stack_hash");
	}

	private String assertSameLine(LoggingEvent event) {
		int before = this.fastProbe.events;
		String line = encode(this.fast, event);
		assertThat(this.fastProbe.events - before).as("events written by the generic path").isZero();
		int genericBefore = this.genericProbe.events;
		assertThat(line).isEqualTo(encode(this.generic, event));
		// Otherwise both sides would be the fast path
		assertThat(this.genericProbe.events - genericBefore).as("events the reference wrote generically").isEqualTo(1);
		assertThat(parse(line)).containsEntry("service", "svc \"é\"");
		return line;
	}

	private String encodeGeneric(LoggingEvent event) {
		String line = encode(this.fast, event);
		assertThat(this.fastProbe.events).as("events written by the generic path").isEqualTo(1);
		return line;
	}

	private LoggingEvent event(String message, Consumer<LoggingEvent> customizer) {
		return event(message, THREAD, Map.of(), customizer);
	}

	private LoggingEvent event(String message, String thread, Map<String, String> mdc,
			Consumer<LoggingEvent> customizer) {
		LoggingEvent event = new LoggingEvent("test", this.loggerContext.getLogger("io.phoenix.Orders"), Level.INFO,
				message, null, null);
		event.setThreadName(thread);
		event.setTimeStamp(Instant.parse("2026-03-01T12:34:56.789Z").toEpochMilli());
		event.setMDCPropertyMap(new LinkedHashMap<>(mdc));
		customizer.accept(event);
		return event;
	}

	private static LoggingProperties withValues(String pattern) {
		LoggingProperties properties = new LoggingProperties();
		properties.getMask().getValues().add(pattern);
		return properties;
	}

	private static String encode(LogstashEncoder encoder, LoggingEvent event) {
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

	private static Map<String, Object> parse(String line) {
		return mapper.readValue(line, new TypeReference<Map<String, Object>>() {
		});
	}

	/**
	 * Part of the generic path's provider chain: writes nothing, counts the events the
	 * generic path writes.
	 */
	private static final class GenericPathProbe extends AbstractJsonProvider<ILoggingEvent> {

		int events;

		GenericPathProbe() {
			start();
		}

		@Override
		public void writeTo(JsonGenerator generator, ILoggingEvent event) {
			this.events++;
		}

	}

}
