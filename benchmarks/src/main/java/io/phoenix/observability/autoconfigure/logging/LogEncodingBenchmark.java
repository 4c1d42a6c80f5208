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

import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.event.KeyValuePair;

import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.identity.ServiceType;

/**
 * One access-log event encoded by Phoenix's JSON encoder (our field set, masking, stack
 * hashing), by the generic logstash path that encoder falls back to for other events, and
 * by Logback's pattern encoder carrying the same MDC and key-value pairs. Lives in the
 * logging package to use the encoder exactly as the product builds it.
 *
 * @author Phoenix Observability
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogEncodingBenchmark {

	static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} "
			+ "traceId=%X{traceId} spanId=%X{spanId} correlation_id=%X{correlation_id} "
			+ "request_id=%X{request_id} %kvp - %msg%n";

	private Encoder<ch.qos.logback.classic.spi.ILoggingEvent> json;

	private Encoder<ch.qos.logback.classic.spi.ILoggingEvent> jsonWithoutValueMasks;

	private Encoder<ch.qos.logback.classic.spi.ILoggingEvent> jsonGeneric;

	private Encoder<ch.qos.logback.classic.spi.ILoggingEvent> pattern;

	private LoggingEvent event;

	@Setup
	public void setup() {
		LoggerContext context = new LoggerContext();
		ServiceIdentity identity = new ServiceIdentity("bench", "production", "1.0.0", ServiceType.BACKEND);
		this.json = new JsonLogging(identity, new LoggingProperties()).encoder(context);
		// Field-name masks kept, value patterns (regular expressions over every string)
		// off
		LoggingProperties withoutValueMasks = new LoggingProperties();
		withoutValueMasks.getMask().setSecretsInText(false);
		this.jsonWithoutValueMasks = new JsonLogging(identity, withoutValueMasks).encoder(context);
		// A value pattern, even one that never matches, sends every event down the
		// generic path: what every line cost before the fixed-field encoder
		LoggingProperties generic = new LoggingProperties();
		generic.getMask().getValues().add("(?!)");
		this.jsonGeneric = new JsonLogging(identity, generic).encoder(context);
		PatternLayoutEncoder patternEncoder = new PatternLayoutEncoder();
		patternEncoder.setContext(context);
		patternEncoder.setPattern(PATTERN);
		patternEncoder.start();
		this.pattern = patternEncoder;
		Logger logger = context.getLogger("phoenix.access");
		this.event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "GET /hello/{id} 200 1 ms", null,
				null);
		this.event.setThreadName("http-nio-8080-exec-1");
		this.event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
				"correlation_id", "3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b", "request_id", "9a7b1c2d3e4f5a6b"));
		this.event.addKeyValuePair(new KeyValuePair("http_method", "GET"));
		this.event.addKeyValuePair(new KeyValuePair("http_route", "/hello/{id}"));
		this.event.addKeyValuePair(new KeyValuePair("http_status", 200));
		this.event.addKeyValuePair(new KeyValuePair("duration_ms", 1L));
		this.event.addKeyValuePair(new KeyValuePair("response_size", 17L));
		this.event.addKeyValuePair(new KeyValuePair("trace_kept", true));
	}

	@Benchmark
	public byte[] json() {
		return this.json.encode(this.event);
	}

	@Benchmark
	public byte[] jsonWithoutValueMasks() {
		return this.jsonWithoutValueMasks.encode(this.event);
	}

	@Benchmark
	public byte[] jsonGeneric() {
		return this.jsonGeneric.encode(this.event);
	}

	@Benchmark
	public byte[] pattern() {
		return this.pattern.encode(this.event);
	}

}
