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

import java.util.List;
import java.util.Map;

import io.phoenix.observability.autoconfigure.identity.ServiceIdentityProperties;

import io.phoenix.observability.autoconfigure.condition.OpenTelemetryJavaAgent;

import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Phoenix's JSON lines for applications on Log4j2, made by Spring Boot's structured
 * logging: the {@code logstash} format, renamed and completed to Phoenix's field set by
 * defaults for {@code logging.structured.*} and by {@link Log4j2JsonMembersCustomizer}.
 * Holds no Log4j2 type, so that it can be asked about any application.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class Log4j2JsonLogging {

	private static final String LOG4J2_LOGGING_SYSTEM = "org.springframework.boot.logging.log4j2.Log4J2LoggingSystem";

	private static final String OPENTELEMETRY_CONTEXT_DATA_PROVIDER = "io.opentelemetry.instrumentation.log4j.contextdata.v2_17.OpenTelemetryContextDataProvider";

	private static final ClassLoader CLASS_LOADER = Log4j2JsonLogging.class.getClassLoader();

	// Spring Boot's order: Logback whenever present, else Log4j2 with log4j-core
	private static final boolean LOG4J2_IS_THE_LOGGING_SYSTEM = !ClassUtils
		.isPresent("ch.qos.logback.classic.LoggerContext", CLASS_LOADER)
			&& ClassUtils.isPresent("org.apache.logging.log4j.core.impl.Log4jContextFactory", CLASS_LOADER);

	private static final List<String> USER_CONFIGURATIONS = userConfigurations();

	private Log4j2JsonLogging() {
	}

	/**
	 * Whether Phoenix's JSON lines apply to an application on Log4j2: Log4j2 is Spring
	 * Boot's logging system, Phoenix and its logging are enabled, the format is
	 * {@code json}, and the application neither configures Log4j2 itself nor chooses a
	 * structured format of Spring Boot's for the console.
	 * @param environment the application's environment
	 * @return whether JSON logging on Log4j2 applies
	 */
	public static boolean appliesTo(ConfigurableEnvironment environment) {
		LoggingProperties properties = LoggingProperties.bind(environment);
		return log4j2IsTheLoggingSystem() && ServiceIdentityProperties.isEnabled(environment) && properties.isEnabled()
				&& properties.getFormat() == LoggingProperties.Format.JSON
				&& !environment.containsProperty("logging.structured.format.console")
				&& !userConfiguresLog4j2(environment);
	}

	/**
	 * Add the defaults for Spring Boot's structured logging that write Phoenix's field
	 * set.
	 * @param defaults the defaults to add to
	 * @param environment the application's environment
	 */
	public static void addDefaults(Map<String, Object> defaults, ConfigurableEnvironment environment) {
		String prefix = "logging.structured.";
		defaults.put(prefix + "format.console", "logstash");
		defaults.put(prefix + "format.file", "logstash");
		// Brackets keep the keys exactly as written: '@' and upper-case letters included
		Map.of("logger_name", "logger", "thread_name", "thread", "traceId", "trace_id", "spanId", "span_id")
			.forEach((from, to) -> defaults.put(prefix + "json.rename[" + from + "]", to));
		defaults.put(prefix + "json.customizer", Log4j2JsonMembersCustomizer.class.getName());
		if (ClassUtils.isPresent(OPENTELEMETRY_CONTEXT_DATA_PROVIDER, CLASS_LOADER)
				|| OpenTelemetryJavaAgent.isAttached()) {
			// OpenTelemetry's Log4j2 appender brings a context-data provider that
			// adds the current span to every event as trace_id, span_id and
			// trace_flags, and so does the OpenTelemetry Java agent: the names these
			// lines give Micrometer's traceId and spanId,
			// which hold the same span. Written twice, a name would fail the line
			defaults.put(prefix + "json.exclude", "traceId,spanId,trace_flags");
		}
		LoggingProperties.StackTrace stackTrace = LoggingProperties.bind(environment).getStackTrace();
		defaults.put(prefix + "json.stacktrace.root", stackTrace.isRootCauseFirst() ? "first" : "last");
		defaults.put(prefix + "json.stacktrace.max-throwable-depth", String.valueOf(stackTrace.getMaxDepth()));
		defaults.put(prefix + "json.stacktrace.max-length", String.valueOf(stackTrace.getMaxLength()));
	}

	private static boolean log4j2IsTheLoggingSystem() {
		String chosen = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
		return (chosen != null) ? LOG4J2_LOGGING_SYSTEM.equals(chosen) : LOG4J2_IS_THE_LOGGING_SYSTEM;
	}

	private static boolean userConfiguresLog4j2(ConfigurableEnvironment environment) {
		return StringUtils.hasText(environment.getProperty(LoggingApplicationListener.CONFIG_PROPERTY))
				|| USER_CONFIGURATIONS.stream().anyMatch((name) -> new ClassPathResource(name, CLASS_LOADER).exists());
	}

	private static List<String> userConfigurations() {
		// The files Spring Boot's Log4j2 logging system looks for, in each of its
		// variants
		List<String> extensions = List.of("properties", "yaml", "yml", "json", "jsn", "xml");
		return List.of("log4j2-test", "log4j2", "log4j2-test-spring", "log4j2-spring")
			.stream()
			.flatMap((name) -> extensions.stream().map((extension) -> name + "." + extension))
			.toList();
	}

}
