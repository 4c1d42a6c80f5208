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
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HealthStatusMetrics} as {@link PhoenixHealthAutoConfiguration} sets it
 * up.
 *
 * @author Phoenix Observability
 */
class HealthStatusMetricsTests {

	private final AtomicInteger downstreamChecks = new AtomicInteger();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PhoenixHealthAutoConfiguration.class, HealthContributorAutoConfiguration.class,
						HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
						EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
						AvailabilityProbesAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
						MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("management.endpoint.health.probes.enabled=true",
				"phoenix.observability.health.status-metrics.interval=1h")
		.withBean("downstreamHealthIndicator", HealthIndicator.class, () -> () -> {
			this.downstreamChecks.incrementAndGet();
			return Health.down().build();
		});

	@Test
	void gaugesCarryTheStatusOfEveryComponentAndGroupWithoutCheckingOnScrape() {
		this.contextRunner.run((context) -> {
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
			// The first evaluation runs in the background at startup, the next in an hour
			await().atMost(Duration.ofSeconds(10)).until(() -> this.downstreamChecks.get() >= 1);
			context.getBean(HealthStatusMetrics.class).refresh();
			int checks = this.downstreamChecks.get();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(component(registry, "ping")).isEqualTo(1);
			assertThat(component(registry, "downstream")).isEqualTo(0);
			assertThat(component(registry, "readinessState")).isEqualTo(1);
			assertThat(group(registry, "readiness")).isEqualTo(1);
			assertThat(group(registry, "liveness")).isEqualTo(1);
			assertThat(group(registry, "dependencies")).isEqualTo(0);
			assertThat(this.downstreamChecks).hasValue(checks);
			AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
			context.getBean(HealthStatusMetrics.class).refresh();
			assertThat(component(registry, "readinessState")).isEqualTo(-1);
			assertThat(group(registry, "readiness")).isEqualTo(-1);
		});
	}

	@Test
	void encodingOfStatuses() {
		assertThat(HealthStatusMetrics.valueOf(Status.UP)).isEqualTo(1);
		assertThat(HealthStatusMetrics.valueOf(Status.DOWN)).isEqualTo(0);
		assertThat(HealthStatusMetrics.valueOf(Status.OUT_OF_SERVICE)).isEqualTo(-1);
		assertThat(HealthStatusMetrics.valueOf(Status.UNKNOWN)).isEqualTo(-2);
		assertThat(HealthStatusMetrics.valueOf(new Status("DEGRADED"))).isEqualTo(-3);
	}

	@Test
	void disabledByProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.health.status-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HealthStatusMetrics.class));
	}

	@Test
	void userBeanWins() {
		HealthStatusMetrics metrics = new HealthStatusMetrics(null, null, null, Duration.ofHours(1));
		this.contextRunner.withBean(HealthStatusMetrics.class, () -> metrics)
			.run((context) -> assertThat(context).getBean(HealthStatusMetrics.class).isSameAs(metrics));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HealthStatusMetrics.class));
	}

	@Test
	void nonPositiveIntervalFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.health.status-metrics.interval=0s")
			.run((context) -> assertFailedOn(context, "phoenix.observability.health.status-metrics.interval",
					"must be a positive duration"));
	}

	private static double component(MeterRegistry registry, String name) {
		return registry.get("phoenix.health.component.status").tag("component", name).gauge().value();
	}

	private static double group(MeterRegistry registry, String name) {
		return registry.get("phoenix.health.status").tag("group", name).gauge().value();
	}

}
