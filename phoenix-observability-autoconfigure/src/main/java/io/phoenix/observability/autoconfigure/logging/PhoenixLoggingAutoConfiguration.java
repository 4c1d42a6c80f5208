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

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the metrics of Phoenix's JSON logging. Logging itself is set up
 * before the application context exists, by {@link JsonLoggingApplicationListener}; this
 * configuration validates its properties again and counts the events it drops.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ LoggerContext.class, LogstashEncoder.class, MeterRegistry.class })
@ConditionalOnPhoenixFeature("logging")
@EnableConfigurationProperties(LoggingProperties.class)
public final class PhoenixLoggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "droppedLogEventsMetrics")
	MeterBinder droppedLogEventsMetrics() {
		return (registry) -> FunctionCounter
			.builder("phoenix.logging.events.dropped", LoggerFactory.getILoggerFactory(),
					PhoenixLoggingAutoConfiguration::droppedEvents)
			.description("Log events dropped because the asynchronous appender's queue was full")
			.register(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "phoenix.observability.logging.logger-events.enabled", matchIfMissing = true)
	LoggerEventMetrics loggerEventMetrics(LoggingProperties properties) {
		return new LoggerEventMetrics(properties.getLoggerEvents().getMaxLoggers());
	}

	private static double droppedEvents(Object loggerFactory) {
		if (loggerFactory instanceof LoggerContext context && context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
			.getAppender(CountingAsyncAppender.NAME) instanceof CountingAsyncAppender appender) {
			return appender.getDroppedEvents();
		}
		return 0;
	}

}
