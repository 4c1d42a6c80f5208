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
package io.phoenix.observability.autoconfigure.dependency;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.health.contributor.Status;

/**
 * Metrics of the declared dependencies: {@code phoenix.dependency.up} (1 up, 0 otherwise,
 * NaN before the first answer) and {@code phoenix.dependency.check.duration}. The gauge
 * reads the last known state; a scrape never runs a check.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DependencyMetrics implements MeterBinder {

	private final DependencyMonitor monitor;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private volatile MeterRegistry registry;

	/**
	 * Create the metrics of the given monitor's dependencies.
	 * @param monitor the monitor
	 */
	public DependencyMetrics(DependencyMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.monitor.addListener(this::record);
		for (String name : this.monitor.getNames()) {
			Gauge.builder("phoenix.dependency.up", this.monitor, (monitor) -> up(monitor.getState(name).status()))
				.tags(tags(name, this.monitor.getProperties(name)))
				.description(
						"Whether the dependency is up: 1 up, 0 down or out of service, NaN before its first answer")
				.register(registry);
		}
	}

	private void record(String name, DependencyProperties properties, DependencyState state) {
		MeterRegistry registry = this.registry;
		if (registry == null || state.latency() == null) {
			return;
		}
		String outcome = Status.UP.equals(state.status()) ? "up" : "down";
		this.timers
			.computeIfAbsent(name + "/" + outcome,
					(key) -> Timer.builder("phoenix.dependency.check.duration")
						.tags(tags(name, properties))
						.tag("outcome", outcome)
						.description("Time the checks of the dependency took")
						.register(registry))
			.record(state.latency());
	}

	private static Tags tags(String name, DependencyProperties properties) {
		return Tags.of("dependency", name, "type", properties.getType().name().toLowerCase(Locale.ROOT), "critical",
				String.valueOf(properties.isCritical()));
	}

	private static double up(Status status) {
		if (Status.UP.equals(status)) {
			return 1;
		}
		return Status.UNKNOWN.equals(status) ? Double.NaN : 0;
	}

}
