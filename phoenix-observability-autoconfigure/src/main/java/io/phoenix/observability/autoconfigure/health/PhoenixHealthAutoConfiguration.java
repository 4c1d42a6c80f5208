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

import io.phoenix.observability.autoconfigure.background.BackgroundTask;
import io.phoenix.observability.autoconfigure.background.PhoenixBackgroundAutoConfiguration;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration for the standard health paths, {@code /health/liveness},
 * {@code /health/readiness}, {@code /health/dependencies} and {@code /health/metrics},
 * served by actuator's health groups and Prometheus endpoint, and the status of every
 * health group and component as a gauge.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
		"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
@ConditionalOnPhoenixFeature("health")
@Import(PhoenixBackgroundAutoConfiguration.class)
@EnableConfigurationProperties(HealthPathsProperties.class)
public final class PhoenixHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DependenciesHealthGroupPostProcessor dependenciesHealthGroupPostProcessor() {
		return new DependenciesHealthGroupPostProcessor();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(HealthContributorRegistry.class)
	@ConditionalOnBooleanProperty(name = "phoenix.observability.health.status-metrics.enabled", matchIfMissing = true)
	static class StatusMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HealthStatusMetrics healthStatusMetrics(HealthContributorRegistry registry,
				ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry,
				ObjectProvider<HealthEndpointGroups> groups, HealthPathsProperties properties) {
			return new HealthStatusMetrics(registry, reactiveRegistry.getIfAvailable(), groups::getIfAvailable,
					properties.getStatusMetrics().getInterval());
		}

		@Bean
		BackgroundTask healthStatusMetricsTask(HealthStatusMetrics metrics) {
			return new BackgroundTask("health-status-metrics", metrics.getInterval(), metrics::refresh);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnManagementPort(ManagementPortType.SAME)
	@ConditionalOnBean(WebEndpointProperties.class)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(HealthPathFilter.class)
		FilterRegistrationBean<HealthPathFilter> healthPathFilter(HealthPathsProperties properties,
				WebEndpointProperties endpoints) {
			FilterRegistrationBean<HealthPathFilter> registration = new FilterRegistrationBean<>(
					new HealthPathFilter(HealthPathMapper.of(properties, endpoints)));
			registration.setOrder(HealthPathFilter.ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnManagementPort(ManagementPortType.SAME)
	@ConditionalOnBean(WebEndpointProperties.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveHealthPathFilter reactiveHealthPathFilter(HealthPathsProperties properties,
				WebEndpointProperties endpoints) {
			return new ReactiveHealthPathFilter(HealthPathMapper.of(properties, endpoints));
		}

	}

}
