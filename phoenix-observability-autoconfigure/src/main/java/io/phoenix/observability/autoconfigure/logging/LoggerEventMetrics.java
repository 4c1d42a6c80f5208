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
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Counts the WARN and ERROR events of each Logback logger as
 * {@code phoenix.logging.events} (tags {@code logger} and {@code level}), the input of
 * the alert on a logger whose error rate leaves its own baseline;
 * {@link Log4j2LoggerEventMetrics} does the same on Log4j2. The number of loggers is
 * bounded: the first {@code maxLoggers} names get a series of their own, later ones are
 * folded into {@code logger="OTHER"}, and that is said once.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class LoggerEventMetrics implements MeterBinder, AutoCloseable {

	/**
	 * Name of the meter.
	 */
	public static final String METER_NAME = "phoenix.logging.events";

	/**
	 * Value of the {@code logger} tag of the loggers beyond the limit.
	 */
	public static final String OTHER = "OTHER";

	private final LoggerContext loggerContext;

	private final int maxLoggers;

	private final List<CountingFilter> filters = new CopyOnWriteArrayList<>();

	private final LoggerContextListener resetListener = new ResetListener();

	/**
	 * Create a new instance for the context that SLF4J is bound to; when SLF4J is bound
	 * to another logging system, such as Log4j2, nothing is counted.
	 * @param maxLoggers number of loggers with a series of their own
	 */
	public LoggerEventMetrics(int maxLoggers) {
		this((LoggerFactory.getILoggerFactory() instanceof LoggerContext context) ? context : null, maxLoggers);
	}

	/**
	 * Create a new instance.
	 * @param loggerContext the Logback context whose events are counted, or {@code null}
	 * to count nothing
	 * @param maxLoggers number of loggers with a series of their own
	 */
	public LoggerEventMetrics(LoggerContext loggerContext, int maxLoggers) {
		this.loggerContext = loggerContext;
		this.maxLoggers = maxLoggers;
		if (loggerContext != null) {
			// Logback drops turbo filters when it is reconfigured
			loggerContext.addListener(this.resetListener);
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.loggerContext == null) {
			return;
		}
		CountingFilter filter = new CountingFilter(registry, this.maxLoggers);
		this.filters.add(filter);
		this.loggerContext.addTurboFilter(filter);
	}

	@Override
	public void close() {
		if (this.loggerContext == null) {
			return;
		}
		this.loggerContext.removeListener(this.resetListener);
		this.filters.forEach((filter) -> this.loggerContext.getTurboFilterList().remove(filter));
		this.filters.clear();
	}

	private final class ResetListener implements LoggerContextListener {

		@Override
		public boolean isResetResistant() {
			return true;
		}

		@Override
		public void onReset(LoggerContext context) {
			LoggerEventMetrics.this.filters.forEach(context::addTurboFilter);
		}

		@Override
		public void onStart(LoggerContext context) {
		}

		@Override
		public void onStop(LoggerContext context) {
		}

		@Override
		public void onLevelChange(Logger logger, Level level) {
		}

	}

	/**
	 * Counts before appenders run, so that a logger without additivity or with its own
	 * appenders is counted too. Per WARN or ERROR event: one map lookup and one counter
	 * increment; every other call returns after comparing two ints.
	 */
	static final class CountingFilter extends TurboFilter {

		private final LoggerEventCounters counters;

		CountingFilter(MeterRegistry registry, int maxLoggers) {
			this.counters = new LoggerEventCounters(registry, maxLoggers);
			start();
		}

		@Override
		public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
				Throwable t) {
			// A null format is an isWarnEnabled() check, not an event; the level check
			// must not call logger.isEnabledFor, which would call this filter again
			if (format == null || level.levelInt < Level.WARN_INT
					|| !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
				return FilterReply.NEUTRAL;
			}
			this.counters.count(logger.getName(), level.levelInt >= Level.ERROR_INT);
			return FilterReply.NEUTRAL;
		}

	}

}
