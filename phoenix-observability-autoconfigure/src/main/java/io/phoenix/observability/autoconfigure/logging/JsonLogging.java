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

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import io.phoenix.observability.autoconfigure.condition.OpenTelemetryJavaAgent;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import net.logstash.logback.composite.loggingevent.StackHashJsonProvider;
import net.logstash.logback.encoder.com.lmax.disruptor.BlockingWaitStrategy;
import net.logstash.logback.encoder.com.lmax.disruptor.SleepingWaitStrategy;
import net.logstash.logback.encoder.com.lmax.disruptor.WaitStrategy;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Replaces the encoders of Spring Boot's console and file appenders with a JSON encoder
 * and puts both behind one {@link CountingAsyncAppender}.
 *
 * @author Phoenix Observability
 */
final class JsonLogging {

	static final String IGNORE = "[ignore]";

	private static final Map<String, String> MDC_FIELD_NAMES = Map.of("traceId", "trace_id", "spanId", "span_id");

	/**
	 * Beside the OpenTelemetry Java agent, which puts the current span in the MDC as
	 * {@code trace_id}, {@code span_id} and {@code trace_flags}: Micrometer's copies of
	 * the same span would write these names twice.
	 */
	private static final Set<String> MDC_KEYS_BESIDE_THE_AGENT = Set.of("traceId", "spanId", "trace_flags");

	private final ServiceIdentity identity;

	private final LoggingProperties properties;

	JsonLogging(ServiceIdentity identity, LoggingProperties properties) {
		this.identity = identity;
		this.properties = properties;
	}

	/**
	 * Install JSON logging on the root logger of the given context. Spring Boot's
	 * {@code CONSOLE} and {@code FILE} appenders, where present, keep their outputs and
	 * get a JSON encoder; both are moved behind one asynchronous appender.
	 * @param context the logger context
	 */
	void install(LoggerContext context) {
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (root.getAppender(CountingAsyncAppender.NAME) != null) {
			return;
		}
		List<Appender<ILoggingEvent>> outputs = new ArrayList<>();
		for (String name : List.of("CONSOLE", "FILE")) {
			Appender<ILoggingEvent> appender = root.getAppender(name);
			if (appender instanceof OutputStreamAppender<ILoggingEvent> output) {
				// Swapped while running: stopping a rolling file appender would also stop
				// its rolling policy, which a restart does not bring back
				root.detachAppender(appender);
				output.setEncoder(encoder(context));
				batchWrites(output);
				outputs.add(output);
			}
		}
		if (outputs.isEmpty()) {
			ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
			console.setName("CONSOLE");
			console.setContext(context);
			console.setEncoder(encoder(context));
			console.start();
			batchWrites(console);
			outputs.add(console);
		}
		CountingAsyncAppender async = new CountingAsyncAppender();
		async.setContext(context);
		async.setRingBufferSize(this.properties.getAsync().getQueueSize());
		async.setWaitStrategy(waitStrategy(this.properties.getAsync().getPollInterval()));
		outputs.forEach(async::addAppender);
		async.start();
		root.addAppender(async);
	}

	/**
	 * The way the asynchronous appender's thread waits for events. A sleeping thread is
	 * never signalled: logging takes no lock and wakes nobody, and the thread writes what
	 * queued up while it slept in one batch. A blocking one is woken by every event.
	 * @param pollInterval how long the thread sleeps when it finds no event, or zero
	 * @return the wait strategy
	 */
	static WaitStrategy waitStrategy(Duration pollInterval) {
		// No retries: spinning or yielding first would only burn the CPU the requests
		// need
		return pollInterval.isZero() ? new BlockingWaitStrategy() : new SleepingWaitStrategy(0, pollInterval.toNanos());
	}

	/**
	 * Let the asynchronous appender decide when to flush: it does so at the end of each
	 * batch, so that lines queued together reach the console or the file in one write.
	 * @param output a console or file appender behind the asynchronous appender
	 */
	private void batchWrites(OutputStreamAppender<ILoggingEvent> output) {
		if (output instanceof ConsoleAppender<ILoggingEvent> console) {
			// System.out flushes on every write by itself; collect whole lines before it
			Supplier<OutputStream> target = "System.err".equals(console.getTarget()) ? () -> System.err
					: () -> System.out;
			console.setOutputStream(new EventBatchingOutputStream(target, EventBatchingOutputStream.DEFAULT_CAPACITY));
		}
		output.setImmediateFlush(false);
	}

	LogstashEncoder encoder(LoggerContext context) {
		LoggingProperties.Mask mask = this.properties.getMask();
		FixedFieldsJsonEncoder encoder = new FixedFieldsJsonEncoder(MDC_FIELD_NAMES, mask.getFields(),
				mask.getReplacement(), mask.isSecretsInText(), mask.getValues());
		Map<String, String> identityFields = new LinkedHashMap<>();
		identityFields.put("service", this.identity.name());
		identityFields.put("environment", this.identity.environment());
		identityFields.put("version", this.identity.version());
		encoder.setIdentity(identityFields);
		encoder.setContext(context);
		encoder.setFieldNames(fieldNames());
		encoder.setTimeZone("UTC");
		encoder.setTimestampPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX");
		// Markers such as Spring's COMMONS-LOGGING bridge marker are noise in every line
		encoder.setIncludeTags(false);
		encoder.setIncludeContext(false);
		encoder.setCustomFields(customFields());
		MDC_FIELD_NAMES.forEach((key, name) -> encoder.addMdcKeyFieldName(key + "=" + name));
		if (OpenTelemetryJavaAgent.isAttached()) {
			encoder.setExcludedMdcKeys(MDC_KEYS_BESIDE_THE_AGENT);
		}
		encoder.setThrowableConverter(throwableConverter(context));
		StackHashJsonProvider stackHash = new StackHashJsonProvider();
		stackHash.setFieldName("stack_hash");
		encoder.addProvider(stackHash);
		encoder.addDecorator(masking());
		encoder.start();
		return encoder;
	}

	private LogstashFieldNames fieldNames() {
		LogstashFieldNames names = new LogstashFieldNames();
		names.setTimestamp("timestamp");
		names.setVersion(IGNORE);
		names.setLevel("level");
		names.setLevelValue(IGNORE);
		names.setLogger("logger");
		names.setThread("thread");
		names.setMessage("message");
		names.setStackTrace("stack_trace");
		return names;
	}

	private String customFields() {
		// Constant per process: serialized once, not per event
		return "{\"service\":%s,\"environment\":%s,\"version\":%s}".formatted(quote(this.identity.name()),
				quote(this.identity.environment()), quote(this.identity.version()));
	}

	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		JsonStringEncoder.getInstance().quoteAsString(value, quoted);
		return quoted.append('"').toString();
	}

	private ShortenedThrowableConverter throwableConverter(LoggerContext context) {
		LoggingProperties.StackTrace stackTrace = this.properties.getStackTrace();
		ShortenedThrowableConverter converter = new ShortenedThrowableConverter();
		converter.setContext(context);
		converter.setMaxDepthPerThrowable(stackTrace.getMaxDepth());
		converter.setMaxLength(stackTrace.getMaxLength());
		converter.setShortenedClassNameLength(40);
		converter.setRootCauseFirst(stackTrace.isRootCauseFirst());
		converter.setInlineHash(false);
		converter.start();
		return converter;
	}

	private MaskingJsonGeneratorDecorator masking() {
		LoggingProperties.Mask mask = this.properties.getMask();
		MaskingJsonGeneratorDecorator decorator = new MaskingJsonGeneratorDecorator();
		decorator.setDefaultMask(mask.getReplacement());
		mask.getFields().forEach(decorator::addPath);
		if (mask.isSecretsInText()) {
			decorator.addValueMasker(new SecretsInTextMasker(mask.getReplacement()));
		}
		mask.getValues().forEach(decorator::addValue);
		decorator.start();
		return decorator;
	}

}
