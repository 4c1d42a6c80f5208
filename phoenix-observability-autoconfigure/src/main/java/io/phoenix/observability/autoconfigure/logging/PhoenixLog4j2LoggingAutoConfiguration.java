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

import io.micrometer.core.instrument.MeterRegistry;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import org.apache.logging.log4j.core.LoggerContext;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the metrics of logging on Log4j2: the WARN and ERROR events of
 * each logger, as {@link PhoenixLoggingAutoConfiguration} counts them on Logback.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ LoggerContext.class, MeterRegistry.class })
@ConditionalOnPhoenixFeature("logging")
@EnableConfigurationProperties(LoggingProperties.class)
public final class PhoenixLog4j2LoggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "phoenix.observability.logging.logger-events.enabled", matchIfMissing = true)
	Log4j2LoggerEventMetrics log4j2LoggerEventMetrics(LoggingProperties properties) {
		return new Log4j2LoggerEventMetrics(properties.getLoggerEvents().getMaxLoggers());
	}

}
