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

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for Resilience4j circuit breakers: every state transition logged and
 * counted, and a breaker tied to a declared dependency reports it down while open.
 * Resilience4j's own auto-configuration binds the {@code resilience4j_circuitbreaker_*}
 * metrics, tagged like every other metric.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" },
		beforeName = "io.phoenix.observability.autoconfigure.dependency.PhoenixDependencyAutoConfiguration")
@ConditionalOnClass(CircuitBreakerRegistry.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ConditionalOnPhoenixFeature("circuit-breakers")
public final class PhoenixCircuitBreakerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerTransitions circuitBreakerTransitions(CircuitBreakerRegistry registry,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new CircuitBreakerTransitions(registry, meterRegistry::getIfAvailable);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.Status")
	static class DependencyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CircuitBreakerDependencyOverride circuitBreakerDependencyOverride(CircuitBreakerRegistry registry) {
			return new CircuitBreakerDependencyOverride(registry);
		}

	}

}
