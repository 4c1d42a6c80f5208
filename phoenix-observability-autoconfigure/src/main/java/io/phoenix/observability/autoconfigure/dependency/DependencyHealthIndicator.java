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
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the last known state of one declared dependency, without checking it: the
 * {@link DependencyMonitor} checks in the background. Details never hold URLs, hosts or
 * credentials.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DependencyHealthIndicator implements HealthIndicator {

	private final Supplier<DependencyMonitor> monitor;

	private final String name;

	/**
	 * Create an indicator for the given dependency.
	 * @param monitor supplies the monitor
	 * @param name the name of the dependency
	 */
	public DependencyHealthIndicator(Supplier<DependencyMonitor> monitor, String name) {
		this.monitor = monitor;
		this.name = name;
	}

	@Override
	public Health health() {
		DependencyMonitor monitor = this.monitor.get();
		DependencyState state = monitor.getState(this.name);
		DependencyProperties properties = monitor.getProperties(this.name);
		Health.Builder builder = Health.status(state.status())
			.withDetail("type", properties.getType().name().toLowerCase(Locale.ROOT))
			.withDetail("critical", properties.isCritical());
		if (state.latency() != null) {
			builder.withDetail("latencyMillis", state.latency().toMillis());
		}
		if (state.checkedAt() != null) {
			builder.withDetail("checkedAt", state.checkedAt().toString());
		}
		if (state.changedAt() != null) {
			builder.withDetail("changedAt", state.changedAt().toString());
		}
		if (state.error() != null) {
			builder.withDetail("error", state.error());
		}
		if (state.reason() != null) {
			builder.withDetail("reason", state.reason());
		}
		return builder.build();
	}

}
