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
package io.phoenix.observability.autoconfigure.health;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * Publishes the status of every health component and group as gauges,
 * {@code phoenix.health.component.status{component}} and
 * {@code phoenix.health.status{group}}: 1 {@code UP}, 0 {@code DOWN}, -1
 * {@code OUT_OF_SERVICE}, -2 {@code UNKNOWN}, -3 any other status. The contributors are
 * evaluated by Phoenix's background scheduler, on an interval; a scrape reads the last
 * evaluation and never runs a health check.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class HealthStatusMetrics implements MeterBinder {

	private static final Duration REACTIVE_TIMEOUT = Duration.ofSeconds(10);

	private final @Nullable HealthContributorRegistry registry;

	private final @Nullable ReactiveHealthContributorRegistry reactiveRegistry;

	private final @Nullable Supplier<@Nullable HealthEndpointGroups> groups;

	private final Duration interval;

	private final Map<String, Status> components = new ConcurrentHashMap<>();

	private final Map<String, Status> groupStatuses = new ConcurrentHashMap<>();

	private volatile MeterRegistry meterRegistry;

	/**
	 * Create the gauges.
	 * @param registry the health contributors, or {@code null}
	 * @param reactiveRegistry the reactive health contributors, or {@code null}
	 * @param groups supplies the health groups, or {@code null} when there are none
	 * @param interval the time between two evaluations
	 */
	public HealthStatusMetrics(@Nullable HealthContributorRegistry registry,
			@Nullable ReactiveHealthContributorRegistry reactiveRegistry,
			@Nullable Supplier<@Nullable HealthEndpointGroups> groups, Duration interval) {
		this.registry = registry;
		this.reactiveRegistry = reactiveRegistry;
		this.groups = groups;
		this.interval = interval;
	}

	/**
	 * Return the number that stands for a status in the gauges.
	 * @param status the status
	 * @return 1 up, 0 down, -1 out of service, -2 unknown, -3 any other status
	 */
	public static double valueOf(Status status) {
		if (Status.UP.equals(status)) {
			return 1;
		}
		if (Status.DOWN.equals(status)) {
			return 0;
		}
		if (Status.OUT_OF_SERVICE.equals(status)) {
			return -1;
		}
		return Status.UNKNOWN.equals(status) ? -2 : -3;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.meterRegistry = registry;
	}

	/**
	 * Return the time between two evaluations.
	 * @return the interval
	 */
	public Duration getInterval() {
		return this.interval;
	}

	/**
	 * Evaluate every contributor and group now.
	 */
	public void refresh() {
		Set<String> seen = new HashSet<>();
		if (this.registry != null) {
			this.registry.stream().forEach((entry) -> {
				seen.add(entry.name());
				update(this.components, "phoenix.health.component.status", "component", entry.name(),
						statusOf(entry.contributor()));
			});
		}
		if (this.reactiveRegistry != null) {
			this.reactiveRegistry.stream()
				.filter((entry) -> seen.add(entry.name()))
				.forEach((entry) -> update(this.components, "phoenix.health.component.status", "component",
						entry.name(), statusOf(entry.contributor())));
		}
		HealthEndpointGroups groups = (this.groups != null) ? this.groups.get() : null;
		if (groups != null) {
			for (String name : groups.getNames()) {
				HealthEndpointGroup group = groups.get(name);
				update(this.groupStatuses, "phoenix.health.status", "group", name, statusOf(group));
			}
		}
	}

	private Status statusOf(HealthEndpointGroup group) {
		Set<Status> statuses = new HashSet<>();
		this.components.forEach((component, status) -> {
			if (group.isMember(component)) {
				statuses.add(status);
			}
		});
		return group.getStatusAggregator().getAggregateStatus(statuses);
	}

	private void update(Map<String, Status> statuses, String meter, String tag, String name, Status status) {
		Status previous = statuses.put(name, status);
		MeterRegistry meterRegistry = this.meterRegistry;
		if (previous == null && meterRegistry != null) {
			Gauge.builder(meter, statuses, (map) -> valueOf(map.getOrDefault(name, Status.UNKNOWN)))
				.tag(tag, name)
				.description("Health status: 1 UP, 0 DOWN, -1 OUT_OF_SERVICE, -2 UNKNOWN, -3 other")
				.register(meterRegistry);
		}
	}

	private static Status statusOf(HealthContributor contributor) {
		try {
			if (contributor instanceof HealthIndicator indicator) {
				Health health = indicator.health(false);
				return (health != null) ? health.getStatus() : Status.UNKNOWN;
			}
			if (contributor instanceof CompositeHealthContributor composite) {
				Set<Status> statuses = new HashSet<>();
				composite.stream().forEach((entry) -> statuses.add(statusOf(entry.contributor())));
				return StatusAggregator.getDefault().getAggregateStatus(statuses);
			}
		}
		catch (RuntimeException ex) {
			return Status.DOWN;
		}
		return Status.UNKNOWN;
	}

	private static Status statusOf(ReactiveHealthContributor contributor) {
		try {
			if (contributor instanceof ReactiveHealthIndicator indicator) {
				Health health = indicator.health(false).block(REACTIVE_TIMEOUT);
				return (health != null) ? health.getStatus() : Status.UNKNOWN;
			}
			if (contributor instanceof CompositeReactiveHealthContributor composite) {
				Set<Status> statuses = new HashSet<>();
				composite.stream().forEach((entry) -> statuses.add(statusOf(entry.contributor())));
				return StatusAggregator.getDefault().getAggregateStatus(statuses);
			}
		}
		catch (RuntimeException ex) {
			return Status.DOWN;
		}
		return Status.UNKNOWN;
	}

}
