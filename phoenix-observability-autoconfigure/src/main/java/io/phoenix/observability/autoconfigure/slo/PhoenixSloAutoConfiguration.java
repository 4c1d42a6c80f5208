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

package io.phoenix.observability.autoconfigure.slo;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for service level objectives: live error budgets from the
 * application's meters, the {@code slo} endpoint, and the generated Prometheus rules and
 * Alertmanager configuration. Applies when at least one SLO is declared under
 * {@code phoenix.slo.objectives}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(after = PhoenixIdentityAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(Yaml.class)
@ConditionalOnPhoenixFeature("slo")
@Conditional(OnSloObjectivesCondition.class)
@EnableConfigurationProperties(SloProperties.class)
public final class PhoenixSloAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SloRulesGenerator sloRulesGenerator(SloProperties properties, ServiceIdentity identity) {
		return new SloRulesGenerator(identity.name(), properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class LiveSloConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		SloLatencyBucketsMeterFilter sloLatencyBucketsMeterFilter(SloRulesGenerator generator) {
			// Last, so that it adds to the buckets of management.metrics.distribution.slo
			return new SloLatencyBucketsMeterFilter(generator.getObjectives());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(MeterRegistry.class)
		SloTracker sloTracker(SloRulesGenerator generator, SloProperties properties) {
			return new SloTracker(generator.getObjectives(), properties.getSampleInterval(), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	static class SloEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		SloEndpoint sloEndpoint(ServiceIdentity identity, SloRulesGenerator generator,
				ObjectProvider<SloTracker> tracker) {
			return new SloEndpoint(identity.name(), generator, tracker.getIfAvailable());
		}

	}

}
