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

import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Adds OpenTelemetry's Logback appender to the root logger when the context starts, wires
 * it to the application's {@link OpenTelemetry}, and removes it when the context stops.
 * When the application's Logback configuration already declares the appender, only wires
 * that one, so that every event is exported once.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class LogbackAppenderInstaller implements SmartLifecycle {

	/**
	 * Name of the appender that Phoenix adds.
	 */
	public static final String APPENDER_NAME = "PHOENIX_OTLP";

	private final OpenTelemetry openTelemetry;

	private final List<String> mdcKeys;

	private volatile @Nullable OpenTelemetryAppender installed;

	private volatile boolean running;

	/**
	 * Create a new installer.
	 * @param openTelemetry the OpenTelemetry that exports the records
	 * @param mdcKeys the MDC keys that each record carries as attributes
	 */
	public LogbackAppenderInstaller(OpenTelemetry openTelemetry, List<String> mdcKeys) {
		this.openTelemetry = openTelemetry;
		this.mdcKeys = List.copyOf(mdcKeys);
	}

	@Override
	public void start() {
		// Logback on the class path may still not be SLF4J's binding
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			if (!declaresAppender(context)) {
				this.installed = addAppender(context);
			}
			OpenTelemetryAppender.install(this.openTelemetry);
		}
		this.running = true;
	}

	private OpenTelemetryAppender addAppender(LoggerContext context) {
		OpenTelemetryAppender appender = new OpenTelemetryAppender();
		appender.setContext(context);
		appender.setName(APPENDER_NAME);
		appender.setCaptureMdcAttributes(String.join(",", this.mdcKeys));
		// thread.name and thread.id
		appender.setCaptureExperimentalAttributes(true);
		appender.addFilter(new ExportLoggersFilter());
		appender.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
		return appender;
	}

	private static boolean declaresAppender(LoggerContext context) {
		for (Logger logger : context.getLoggerList()) {
			Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders();
			while (appenders.hasNext()) {
				if (appenders.next() instanceof OpenTelemetryAppender) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public void stop() {
		OpenTelemetryAppender appender = this.installed;
		if (appender != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
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
	private static final class ExportLoggersFilter extends Filter<ILoggingEvent> {

		@Override
		public FilterReply decide(ILoggingEvent event) {
			return ExportLoggers.isExportLogger(event.getLoggerName()) ? FilterReply.DENY : FilterReply.NEUTRAL;
		}

	}

}
