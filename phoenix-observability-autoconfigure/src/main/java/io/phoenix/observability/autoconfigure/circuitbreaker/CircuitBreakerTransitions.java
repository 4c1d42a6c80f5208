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

import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Reports every state transition of every circuit breaker in a registry, including
 * breakers added later: one structured log line (keys {@code breaker}, {@code from},
 * {@code to}, {@code failure_rate}) and the counter
 * {@code phoenix.circuitbreaker.transitions{breaker,from,to}}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CircuitBreakerTransitions {

	private static final Logger logger = LoggerFactory.getLogger(CircuitBreakerTransitions.class);

	private final Supplier<MeterRegistry> meterRegistry;

	/**
	 * Report the transitions of the breakers of the given registry.
	 * @param registry the circuit breaker registry
	 * @param meterRegistry supplies the meter registry, or {@code null} for logs only
	 */
	public CircuitBreakerTransitions(CircuitBreakerRegistry registry, Supplier<MeterRegistry> meterRegistry) {
		this.meterRegistry = meterRegistry;
		registry.getAllCircuitBreakers().forEach(this::observe);
		registry.getEventPublisher()
			.onEntryAdded((event) -> observe(event.getAddedEntry()))
			.onEntryReplaced((event) -> observe(event.getNewEntry()));
	}

	private void observe(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition((event) -> transitioned(breaker, event));
	}

	private void transitioned(CircuitBreaker breaker, CircuitBreakerOnStateTransitionEvent event) {
		String from = event.getStateTransition().getFromState().name();
		String to = event.getStateTransition().getToState().name();
		float failureRate = breaker.getMetrics().getFailureRate();
		boolean opened = to.endsWith("OPEN") && !to.equals("HALF_OPEN");
		logger.atLevel(opened ? Level.WARN : Level.INFO)
			.addKeyValue("breaker", event.getCircuitBreakerName())
			.addKeyValue("from", from)
			.addKeyValue("to", to)
			.addKeyValue("failure_rate", failureRate)
			.log("Circuit breaker '{}' went from {} to {}", event.getCircuitBreakerName(), from, to);
		MeterRegistry meterRegistry = this.meterRegistry.get();
		if (meterRegistry != null) {
			Counter.builder("phoenix.circuitbreaker.transitions")
				.tag("breaker", event.getCircuitBreakerName())
				.tag("from", from)
				.tag("to", to)
				.description("State transitions of circuit breakers")
				.register(meterRegistry)
				.increment();
		}
	}

}
