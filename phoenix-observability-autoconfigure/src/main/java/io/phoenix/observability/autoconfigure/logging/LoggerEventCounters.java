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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@code phoenix.logging.events} counters of one registry, whatever the logging
 * library: the first {@code maxLoggers} logger names get a series of their own, later
 * ones are folded into {@code logger="OTHER"}, and that is said once. Per event: one map
 * lookup and one counter increment.
 *
 * @author Phoenix Observability
 */
final class LoggerEventCounters {

	private static final Log log = LogFactory.getLog(LoggerEventMetrics.class);

	private final MeterRegistry registry;

	private final int maxLoggers;

	private final Map<String, Counters> counters = new ConcurrentHashMap<>();

	private final AtomicInteger named = new AtomicInteger();

	private final AtomicBoolean foldingSaid = new AtomicBoolean();

	private volatile Counters other;

	LoggerEventCounters(MeterRegistry registry, int maxLoggers) {
		this.registry = registry;
		this.maxLoggers = maxLoggers;
	}

	/**
	 * Count one WARN or ERROR event.
	 * @param logger the name of the logger that wrote it
	 * @param error whether it is an ERROR event (or worse), rather than a WARN one
	 */
	void count(String logger, boolean error) {
		Counters counters = this.counters.get(logger);
		if (counters == null) {
			counters = countersFor(logger);
		}
		(error ? counters.error : counters.warn).increment();
	}

	private Counters countersFor(String name) {
		if (this.named.getAndIncrement() >= this.maxLoggers) {
			this.named.decrementAndGet();
			Counters existing = this.counters.get(name);
			if (existing != null) {
				return existing;
			}
			if (this.foldingSaid.compareAndSet(false, true)) {
				log.warn("More than " + this.maxLoggers + " loggers wrote WARN or ERROR events; the events of "
						+ "further loggers, starting with '" + name + "', are counted as logger=\""
						+ LoggerEventMetrics.OTHER + "\" in " + LoggerEventMetrics.METER_NAME);
			}
			return other();
		}
		Counters created = new Counters(this.registry, name);
		Counters previous = this.counters.putIfAbsent(name, created);
		if (previous != null) {
			// Another thread registered it first: give the slot back
			this.named.decrementAndGet();
			return previous;
		}
		return created;
	}

	private Counters other() {
		Counters other = this.other;
		if (other == null) {
			synchronized (this) {
				other = this.other;
				if (other == null) {
					other = new Counters(this.registry, LoggerEventMetrics.OTHER);
					this.other = other;
				}
			}
		}
		return other;
	}

	private record Counters(Counter warn, Counter error) {

		Counters(MeterRegistry registry, String logger) {
			this(counter(registry, logger, "warn"), counter(registry, logger, "error"));
		}

		private static Counter counter(MeterRegistry registry, String logger, String level) {
			return Counter.builder(LoggerEventMetrics.METER_NAME)
				.description("WARN and ERROR log events, by logger")
				.tag("logger", logger)
				.tag("level", level)
				.register(registry);
		}

	}

}
