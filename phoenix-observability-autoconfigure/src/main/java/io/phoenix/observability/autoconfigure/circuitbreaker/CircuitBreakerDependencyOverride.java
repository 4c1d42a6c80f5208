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
package io.phoenix.observability.autoconfigure.circuitbreaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.phoenix.observability.autoconfigure.dependency.DependencyProperties;
import io.phoenix.observability.autoconfigure.dependency.DependencyState;
import io.phoenix.observability.autoconfigure.dependency.DependencyStatusOverride;

import org.springframework.boot.health.contributor.Status;

/**
 * Reports a dependency {@code DOWN} while the circuit breaker tied to it
 * ({@code phoenix.observability.dependencies.<name>.circuit-breaker}) is open, and
 * {@code OUT_OF_SERVICE} while it is forced open, whatever its own checks find.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CircuitBreakerDependencyOverride implements DependencyStatusOverride {

	private final CircuitBreakerRegistry registry;

	/**
	 * Create an override that reads the breakers of the given registry.
	 * @param registry the registry
	 */
	public CircuitBreakerDependencyOverride(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public DependencyState override(String name, DependencyProperties properties, DependencyState checked) {
		String breakerName = properties.getCircuitBreaker();
		if (breakerName == null) {
			return checked;
		}
		CircuitBreaker breaker = this.registry.find(breakerName).orElse(null);
		if (breaker == null) {
			return checked;
		}
		return switch (breaker.getState()) {
			case OPEN -> checked.overriddenBy(Status.DOWN, "Circuit breaker '" + breakerName + "' is OPEN");
			case FORCED_OPEN ->
				checked.overriddenBy(Status.OUT_OF_SERVICE, "Circuit breaker '" + breakerName + "' is FORCED_OPEN");
			default -> checked;
		};
	}

}
