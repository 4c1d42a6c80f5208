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

import ch.qos.logback.classic.LoggerContext;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentityProperties;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Switches Logback to JSON lines right after Spring Boot has initialized logging, so that
 * the application writes no logback XML. Backs off when the application configures
 * Logback itself ({@code logging.config} or a {@code logback*.xml} on the class path),
 * when the format is {@code text}, or when Phoenix or its logging is disabled.
 * <p>
 * Does nothing when Logback is not the logging library: applications on Log4j2 get their
 * JSON lines from Spring Boot's structured logging, with Phoenix's defaults (see
 * {@link Log4j2JsonLogging}). Logback's types are only touched by a nested class, loaded
 * once Logback is known to be present.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class JsonLoggingApplicationListener implements GenericApplicationListener {

	private static final List<String> USER_CONFIGURATIONS = List.of("logback-test.xml", "logback.xml",
			"logback-spring.xml", "logback-test-spring.xml");

	private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			JsonLoggingApplicationListener.class.getClassLoader());

	private static final boolean LOGSTASH_PRESENT = ClassUtils.isPresent("net.logstash.logback.encoder.LogstashEncoder",
			JsonLoggingApplicationListener.class.getClassLoader());

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (!LOGBACK_PRESENT || !LOGSTASH_PRESENT) {
			return;
		}
		ConfigurableEnvironment environment = ((ApplicationEnvironmentPreparedEvent) event).getEnvironment();
		LoggingProperties properties = LoggingProperties.bind(environment);
		if (appliesTo(environment, properties)) {
			Logback.install(ServiceIdentity.resolve(environment), properties);
		}
	}

	/**
	 * Whether Phoenix's JSON logging applies to an application: Logback and
	 * logstash-logback-encoder are present, Phoenix and its logging are enabled, the
	 * format is {@code json}, and the application does not configure Logback itself.
	 * @param environment the application's environment
	 * @return whether JSON logging applies
	 */
	public static boolean appliesTo(ConfigurableEnvironment environment) {
		return appliesTo(environment, LoggingProperties.bind(environment));
	}

	private static boolean appliesTo(ConfigurableEnvironment environment, LoggingProperties properties) {
		return LOGBACK_PRESENT && LOGSTASH_PRESENT && ServiceIdentityProperties.isEnabled(environment)
				&& properties.isEnabled() && properties.getFormat() == LoggingProperties.Format.JSON
				&& !userConfiguresLogback(environment);
	}

	private static boolean userConfiguresLogback(ConfigurableEnvironment environment) {
		return StringUtils.hasText(environment.getProperty(LoggingApplicationListener.CONFIG_PROPERTY))
				|| USER_CONFIGURATIONS.stream().anyMatch((name) -> new ClassPathResource(name).exists());
	}

	/**
	 * Holds the references to Logback's types, so that the listener loads without them.
	 */
	private static final class Logback {

		static void install(ServiceIdentity identity, LoggingProperties properties) {
			// Logback on the class path may still not be SLF4J's binding
			if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
				new JsonLogging(identity, properties).install(context);
			}
		}

	}

}
