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

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.phoenix.observability.autoconfigure.dependency.PhoenixDependencyAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PhoenixCircuitBreakerAutoConfiguration} with Resilience4j's own
 * auto-configuration.
 *
 * @author Phoenix Observability
 */
class PhoenixCircuitBreakerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixCircuitBreakerAutoConfiguration.class,
				PhoenixDependencyAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				CircuitBreakerAutoConfiguration.class, CircuitBreakerMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	private ServerSocket socket;

	@BeforeEach
	void openSocket() throws IOException {
		this.socket = new ServerSocket(0);
	}

	@AfterEach
	void closeSocket() throws IOException {
		this.socket.close();
	}

	@Test
	void transitionsOfBreakersCreatedLaterAreLoggedCountedAndMetered() {
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		Logger logger = (Logger) LoggerFactory.getLogger(CircuitBreakerTransitions.class);
		logger.addAppender(events);
		this.contextRunner.run((context) -> {
			CircuitBreaker breaker = openedBreaker(context, "llm");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("phoenix.circuitbreaker.transitions")
				.tags("breaker", "llm", "from", "CLOSED", "to", "OPEN")
				.counter()
				.count()).isEqualTo(1);
			assertThat(registry.get("resilience4j.circuitbreaker.state")
				.tags("name", "llm", "state", "open")
				.gauge()
				.value()).isEqualTo(1);
			assertThat(registry.get("resilience4j.circuitbreaker.failure.rate").tags("name", "llm").gauge().value())
				.isEqualTo(100);
			assertThat(events.list).hasSize(1);
			ILoggingEvent event = events.list.get(0);
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).isEqualTo("Circuit breaker 'llm' went from CLOSED to OPEN");
			assertThat(event.getKeyValuePairs()).extracting((pair) -> pair.key + "=" + pair.value)
				.containsExactly("breaker=llm", "from=CLOSED", "to=OPEN", "failure_rate=100.0");
			breaker.transitionToHalfOpenState();
			assertThat(registry.get("phoenix.circuitbreaker.transitions")
				.tags("breaker", "llm", "from", "OPEN", "to", "HALF_OPEN")
				.counter()
				.count()).isEqualTo(1);
			assertThat(events.list).hasSize(2);
			assertThat(events.list.get(1).getLevel()).isEqualTo(Level.INFO);
		});
		logger.detachAppender(events);
	}

	@Test
	void openBreakerTiedToADependencyReportsItDownWithTheReason() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=tcp",
					"phoenix.observability.dependencies.llm.host=127.0.0.1",
					"phoenix.observability.dependencies.llm.port=" + this.socket.getLocalPort(),
					"phoenix.observability.dependencies.llm.circuit-breaker=llm")
			.run((context) -> {
				HealthIndicator indicator = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
					.getContributor("llm");
				await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
				openedBreaker(context, "llm");
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "Circuit breaker 'llm' is OPEN");
				assertThat(context.getBean(MeterRegistry.class)
					.get("phoenix.dependency.up")
					.tags("dependency", "llm")
					.gauge()
					.value()).isZero();
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("llm").transitionToForcedOpenState();
				assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
				context.getBean(CircuitBreakerRegistry.class).circuitBreaker("llm").transitionToClosedState();
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.circuit-breakers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakerTransitions.class)
				.doesNotHaveBean(CircuitBreakerDependencyOverride.class));
	}

	@Test
	void userBeansWin() {
		CircuitBreakerDependencyOverride override = new CircuitBreakerDependencyOverride(
				CircuitBreakerRegistry.ofDefaults());
		this.contextRunner.withBean(CircuitBreakerDependencyOverride.class, () -> override)
			.run((context) -> assertThat(context).getBean(CircuitBreakerDependencyOverride.class).isSameAs(override));
	}

	@Test
	void backsOffWithoutResilience4j() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCircuitBreakerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerTransitions.class));
	}

	@Test
	void backsOffWithoutARegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCircuitBreakerAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakerTransitions.class));
	}

	@Test
	void badEnabledValueFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.circuit-breakers.enabled=sometimes")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining(
						"Invalid value 'sometimes' for property 'phoenix.observability.circuit-breakers.enabled'");
			});
	}

	private static CircuitBreaker openedBreaker(AssertableApplicationContext context, String name) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowSize(2)
			.minimumNumberOfCalls(2)
			.waitDurationInOpenState(Duration.ofMinutes(1))
			.build();
		CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker(name, config);
		for (int i = 0; i < 2; i++) {
			breaker.onError(1, TimeUnit.MILLISECONDS, new IllegalStateException("LLM down"));
		}
		return breaker;
	}

}
