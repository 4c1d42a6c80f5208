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

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.phoenix.observability.autoconfigure.background.BackgroundScheduler;
import io.phoenix.observability.autoconfigure.background.PhoenixBackgroundAutoConfiguration;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for declared dependencies
 * ({@code phoenix.observability.dependencies.<name>.*}): background checks, a health
 * contributor per dependency, critical ones in readiness, and their metrics.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
		"org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
		"org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass(HealthContributorRegistry.class)
@ConditionalOnPhoenixFeature("dependencies")
@Import(PhoenixBackgroundAutoConfiguration.class)
@EnableConfigurationProperties(DependenciesProperties.class)
public final class PhoenixDependencyAutoConfiguration {

	private static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";

	@Bean
	@ConditionalOnMissingBean
	DependencyDeclarations dependencyDeclarations(DependenciesProperties properties) {
		return DependencyDeclarations.of(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	static DependencyDeclarationsBindHandlerAdvisor dependencyDeclarationsBindHandlerAdvisor() {
		return new DependencyDeclarationsBindHandlerAdvisor();
	}

	@Bean
	@ConditionalOnMissingBean
	DependencyMonitor dependencyMonitor(DependencyDeclarations declarations, ListableBeanFactory beanFactory,
			ObjectProvider<GrpcDependencyChecks> grpcChecks, ObjectProvider<DependencyStatusOverride> overrides,
			ObjectProvider<DependencyCheckListener> listeners, BackgroundScheduler scheduler) {
		Map<String, DependencyCheck> checks = new LinkedHashMap<>();
		declarations.getDependencies()
			.forEach((name, properties) -> checks.put(name, check(name, properties, beanFactory, grpcChecks)));
		return new DependencyMonitor(declarations, checks, overrides.orderedStream().toList(),
				listeners.orderedStream().toList(), Clock.systemUTC(), scheduler);
	}

	@Bean
	@ConditionalOnMissingBean
	static DependencyHealthContributorsRegistrar dependencyHealthContributorsRegistrar(
			ObjectProvider<DependencyDeclarations> declarations, ObjectProvider<DependencyMonitor> monitor,
			Environment environment) {
		return new DependencyHealthContributorsRegistrar(declarations, monitor, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	CriticalDependenciesReadinessPostProcessor criticalDependenciesReadinessPostProcessor(
			DependencyDeclarations declarations, Environment environment) {
		// An application that lists readiness members itself keeps exactly its list
		Set<String> critical = environment.containsProperty(READINESS_INCLUDE) ? Set.of() : declarations
			.getDependencies()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().isCritical())
			.filter((entry) -> DependencyHealthContributorsRegistrar.isHealthEnabled(environment, entry.getKey()))
			.map(Map.Entry::getKey)
			.collect(java.util.stream.Collectors.toSet());
		return new CriticalDependenciesReadinessPostProcessor(critical);
	}

	private static DependencyCheck check(String name, DependencyProperties properties, ListableBeanFactory beanFactory,
			ObjectProvider<GrpcDependencyChecks> grpcChecks) {
		return switch (properties.getType()) {
			case HTTP -> new HttpDependencyCheck(properties.getUrl(), properties.getTimeout());
			case TCP -> new TcpDependencyCheck(properties.getHost(), properties.getPort());
			case DATASOURCE -> dataSourceCheck(name, properties, beanFactory);
			case GRPC -> grpcCheck(name, properties, grpcChecks);
		};
	}

	private static DependencyCheck grpcCheck(String name, DependencyProperties properties,
			ObjectProvider<GrpcDependencyChecks> grpcChecks) {
		GrpcDependencyChecks checks = grpcChecks.getIfAvailable();
		if (checks == null) {
			throw new InvalidConfigurationPropertyValueException(DependencyDeclarations.propertyName(name, "type"),
					"grpc", "Type grpc needs io.grpc:grpc-services and a gRPC transport on the classpath");
		}
		return checks.create(properties);
	}

	private static DependencyCheck dataSourceCheck(String name, DependencyProperties properties,
			ListableBeanFactory beanFactory) {
		String bean = properties.getBean();
		if (!beanFactory.containsBean(bean) || !beanFactory.isTypeMatch(bean, DataSource.class)) {
			throw new InvalidConfigurationPropertyValueException(DependencyDeclarations.propertyName(name, "bean"),
					bean, "No DataSource bean has this name; DataSource beans: "
							+ String.join(", ", beanFactory.getBeanNamesForType(DataSource.class, true, false)));
		}
		return new DataSourceDependencyCheck(() -> beanFactory.getBean(bean, DataSource.class), properties.getQuery());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.grpc.ManagedChannelBuilder", "io.grpc.health.v1.HealthGrpc" })
	static class GrpcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcDependencyChecks grpcDependencyChecks() {
			return new GrpcDependencyChecks();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DependencyMetrics dependencyMetrics(DependencyMonitor monitor) {
			return new DependencyMetrics(monitor);
		}

	}

}
