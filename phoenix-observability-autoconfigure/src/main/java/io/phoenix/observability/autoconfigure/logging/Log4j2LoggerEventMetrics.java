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

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.CompositeFilter;

/**
 * Counts the WARN and ERROR events of each Log4j2 logger as
 * {@code phoenix.logging.events}, as {@link LoggerEventMetrics} does on Logback: the same
 * tags, the same bound on the number of loggers. A filter on the root logger's
 * configuration, and on each logger configuration that does not pass its events on to its
 * parent (additivity off), sees every event once, after the logger's level let it
 * through; the filters are added again when Log4j2 is reconfigured.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class Log4j2LoggerEventMetrics implements MeterBinder, AutoCloseable {

	private final LoggerContext loggerContext;

	private final int maxLoggers;

	private final List<CountingFilter> filters = new CopyOnWriteArrayList<>();

	private final PropertyChangeListener reconfigurationListener = this::reconfigured;

	/**
	 * Create a new instance for the Log4j2 context of the caller; when Log4j2's API is
	 * routed to another logging system, nothing is counted.
	 * @param maxLoggers number of loggers with a series of their own
	 */
	public Log4j2LoggerEventMetrics(int maxLoggers) {
		this((LogManager.getContext(false) instanceof LoggerContext context) ? context : null, maxLoggers);
	}

	/**
	 * Create a new instance.
	 * @param loggerContext the Log4j2 context whose events are counted, or {@code null}
	 * to count nothing
	 * @param maxLoggers number of loggers with a series of their own
	 */
	public Log4j2LoggerEventMetrics(LoggerContext loggerContext, int maxLoggers) {
		this.loggerContext = loggerContext;
		this.maxLoggers = maxLoggers;
		if (loggerContext != null) {
			loggerContext.addPropertyChangeListener(this.reconfigurationListener);
		}
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.loggerContext == null) {
			return;
		}
		CountingFilter filter = new CountingFilter(new LoggerEventCounters(registry, this.maxLoggers));
		filter.start();
		this.filters.add(filter);
		countingConfigurations(this.loggerContext.getConfiguration()).forEach((config) -> addOnce(config, filter));
	}

	private void reconfigured(PropertyChangeEvent event) {
		if (LoggerContext.PROPERTY_CONFIG.equals(event.getPropertyName())
				&& event.getNewValue() instanceof Configuration configuration) {
			Set<LoggerConfig> configs = countingConfigurations(configuration);
			this.filters.forEach((filter) -> configs.forEach((config) -> addOnce(config, filter)));
		}
	}

	private static void addOnce(LoggerConfig config, Filter filter) {
		// A configuration announced again, or a logger configuration that another one
		// shares, already has it
		Filter existing = config.getFilter();
		boolean present = (existing == filter) || (existing instanceof CompositeFilter composite
				&& Arrays.asList(composite.getFiltersArray()).contains(filter));
		if (!present) {
			config.addFilter(filter);
		}
	}

	private static Set<LoggerConfig> countingConfigurations(Configuration configuration) {
		Set<LoggerConfig> configs = new LinkedHashSet<>();
		configs.add(configuration.getRootLogger());
		configuration.getLoggers().values().stream().filter((config) -> !config.isAdditive()).forEach(configs::add);
		return configs;
	}

	@Override
	public void close() {
		if (this.loggerContext == null) {
			return;
		}
		this.loggerContext.removePropertyChangeListener(this.reconfigurationListener);
		Set<LoggerConfig> configs = countingConfigurations(this.loggerContext.getConfiguration());
		this.filters.forEach((filter) -> configs.forEach((config) -> config.removeFilter(filter)));
		this.filters.clear();
	}

	/**
	 * Sees each event that a logger writes, once: on the root logger's configuration and
	 * on every configuration that does not pass events on to its parent.
	 */
	static final class CountingFilter extends AbstractFilter {

		private final LoggerEventCounters counters;

		CountingFilter(LoggerEventCounters counters) {
			super(Filter.Result.NEUTRAL, Filter.Result.NEUTRAL);
			this.counters = counters;
		}

		@Override
		public Result filter(LogEvent event) {
			Level level = event.getLevel();
			if (level.isMoreSpecificThan(Level.WARN)) {
				this.counters.count(event.getLoggerName(), level.isMoreSpecificThan(Level.ERROR));
			}
			return Result.NEUTRAL;
		}

	}

}
