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

package io.phoenix.observability.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixMetricsAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void guardIsAppliedToTheRegistry() {
		this.contextRunner.withPropertyValues("phoenix.observability.metrics.cardinality.max-values=2")
			.run((context) -> {
				assertThat(context).hasSingleBean(CardinalityGuardMeterFilter.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				for (String uri : new String[] { "/a", "/b", "/c", "/d" }) {
					registry.counter("http.server.requests", "uri", uri).increment();
				}
				assertThat(registry.get("http.server.requests").tag("uri", "OTHER").counter().count()).isEqualTo(2);
				assertThat(registry.get("phoenix.metrics.cardinality.folded").functionCounter().count()).isEqualTo(2);
			});
	}

	@Test
	void guardedTagsAreConfigurable() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.metrics.cardinality.max-values=1",
					"phoenix.observability.metrics.cardinality.tag-keys=tenant")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				registry.counter("jobs", "tenant", "a", "uri", "/a").increment();
				registry.counter("jobs", "tenant", "b", "uri", "/b").increment();
				assertThat(registry.get("jobs").tag("tenant", "OTHER").tag("uri", "/b").counter().count()).isEqualTo(1);
			});
	}

	@Test
	void llmLatencyBucketsAreAppliedAndTheUsersFilterWins() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(LlmLatencyBucketsMeterFilter.class));
		LlmLatencyBucketsMeterFilter user = new LlmLatencyBucketsMeterFilter();
		this.contextRunner.withBean(LlmLatencyBucketsMeterFilter.class, () -> user)
			.run((context) -> assertThat(context.getBean(LlmLatencyBucketsMeterFilter.class)).isSameAs(user));
		this.contextRunner.withPropertyValues("phoenix.observability.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmLatencyBucketsMeterFilter.class));
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CardinalityGuardMeterFilter.class)
				.doesNotHaveBean("cardinalityGuardMetrics"));
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CardinalityGuardMeterFilter.class));
	}

	@Test
	void userFilterWins() {
		CardinalityGuardMeterFilter user = new CardinalityGuardMeterFilter(java.util.List.of("uri"), 1);
		this.contextRunner.withBean(CardinalityGuardMeterFilter.class, () -> user).run((context) -> {
			assertThat(context).getBean(CardinalityGuardMeterFilter.class).isSameAs(user);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			registry.counter("http.server.requests", "uri", "/a").increment();
			registry.counter("http.server.requests", "uri", "/b").increment();
			assertThat(user.getFoldedValues()).isEqualTo(1);
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PhoenixMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CardinalityGuardMeterFilter.class)
				.doesNotHaveBean(MetricsGuardProperties.class));
	}

	@Test
	void zeroMaxValuesFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.metrics.cardinality.max-values=0")
			.run((context) -> assertFailedOn(context, "phoenix.observability.metrics.cardinality.max-values",
					"must be greater than 0, but was 0"));
	}

}
