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

package io.phoenix.observability.autoconfigure.logging.otlp;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Adds OpenTelemetry's Log4j2 appender to the root logger when the context starts, wired
 * to the application's {@link OpenTelemetry}, and removes it when the context stops. When
 * the application's Log4j2 configuration already declares the appender, only wires that
 * one, so that every event is exported once.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class Log4j2AppenderInstaller implements SmartLifecycle {

	/**
	 * Name of the appender that Phoenix adds.
	 */
	public static final String APPENDER_NAME = "PhoenixOtlp";

	private final OpenTelemetry openTelemetry;

	private final List<String> mdcKeys;

	private volatile @Nullable OpenTelemetryAppender installed;

	private volatile boolean running;

	/**
	 * Create a new installer.
	 * @param openTelemetry the OpenTelemetry that exports the records
	 * @param mdcKeys the keys of the context data (the MDC) that each record carries as
	 * attributes
	 */
	public Log4j2AppenderInstaller(OpenTelemetry openTelemetry, List<String> mdcKeys) {
		this.openTelemetry = openTelemetry;
		this.mdcKeys = List.copyOf(mdcKeys);
	}

	@Override
	public void start() {
		// Log4j2 on the class path may still not be the logging library
		if (LogManager.getContext(false) instanceof LoggerContext context) {
			Configuration configuration = context.getConfiguration();
			if (!declaresAppender(configuration)) {
				this.installed = addAppender(context, configuration);
			}
			OpenTelemetryAppender.install(this.openTelemetry);
		}
		this.running = true;
	}

	private OpenTelemetryAppender addAppender(LoggerContext context, Configuration configuration) {
		OpenTelemetryAppender appender = OpenTelemetryAppender.builder()
			.setName(APPENDER_NAME)
			.setCaptureContextDataAttributes(String.join(",", this.mdcKeys))
			// thread.name and thread.id
			.setCaptureExperimentalAttributes(true)
			.setOpenTelemetry(this.openTelemetry)
			.setFilter(new ExportLoggersFilter())
			.build();
		appender.start();
		configuration.addAppender(appender);
		configuration.getRootLogger().addAppender(appender, null, null);
		context.updateLoggers();
		return appender;
	}

	private static boolean declaresAppender(Configuration configuration) {
		return configuration.getAppenders().values().stream().anyMatch(OpenTelemetryAppender.class::isInstance);
	}

	@Override
	public void stop() {
		OpenTelemetryAppender appender = this.installed;
		if (appender != null && LogManager.getContext(false) instanceof LoggerContext context) {
			Configuration configuration = context.getConfiguration();
			configuration.getRootLogger().removeAppender(APPENDER_NAME);
			configuration.getAppenders().remove(APPENDER_NAME);
			context.updateLoggers();
			appender.stop();
		}
		this.installed = null;
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Leaves out the events about the export itself.
	 */
	private static final class ExportLoggersFilter extends AbstractFilter {

		ExportLoggersFilter() {
			super(Filter.Result.DENY, Filter.Result.NEUTRAL);
		}

		@Override
		public Result filter(LogEvent event) {
			return ExportLoggers.isExportLogger(event.getLoggerName()) ? Result.DENY : Result.NEUTRAL;
		}

	}

}
