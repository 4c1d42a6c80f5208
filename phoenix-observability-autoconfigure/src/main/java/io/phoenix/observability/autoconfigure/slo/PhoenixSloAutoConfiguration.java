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
import io.phoenix.observability.autoconfigure.alerting.AlertRulesProperties;
import io.phoenix.observability.autoconfigure.alerting.AlertmanagerProperties;
import io.phoenix.observability.autoconfigure.background.BackgroundTask;
import io.phoenix.observability.autoconfigure.background.PhoenixBackgroundAutoConfiguration;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboard;
import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.tracing.LatencyThresholds;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration for service level objectives: live error budgets from the
 * application's meters, the {@code slo} endpoint, and the generated Prometheus rules,
 * their unit tests, the Alertmanager configuration and the service's Grafana dashboard.
 * Applies when at least one SLO is declared under {@code phoenix.slo.objectives}.
 * <p>
 * The properties are resolved once into a {@link SloModel}; the tracker, the endpoint,
 * {@link SloFiles} and the latency thresholds of tail sampling read that model. The
 * feature belongs to {@code phoenix-slo-starter}: objectives declared without it (without
 * {@code io.phoenix.observability.slo.SloFeature}, which only that starter brings) fail
 * startup with a message that names the starter.
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
@Import(PhoenixBackgroundAutoConfiguration.class)
@EnableConfigurationProperties({ SloProperties.class, AlertRulesProperties.class, AlertmanagerProperties.class })
public final class PhoenixSloAutoConfiguration {

	private static final String HIKARI_DATA_SOURCE = "com.zaxxer.hikari.HikariDataSource";

	private static final String PIPELINES_ENABLED = "phoenix.observability.pipelines.enabled";

	@Bean
	@ConditionalOnMissingBean
	SloModel sloModel(ApplicationContext context, ServiceIdentity identity, SloProperties slo,
			AlertRulesProperties rules, AlertmanagerProperties alertmanager) {
		if (!ClassUtils.isPresent(SloStarterMissingException.MARKER, context.getClassLoader())) {
			throw new SloStarterMissingException();
		}
		// HikariCP on the class path is what makes Boot build a pool; the class path is
		// also all that the build-time SloFilesWriter shares with the running service
		boolean pool = ClassUtils.isPresent(HIKARI_DATA_SOURCE, context.getClassLoader());
		// The switch of the Pipelines API and its meters, read from the same
		// configuration by the build-time SloFilesWriter
		Binder binder = Binder.get(context.getEnvironment());
		boolean pipelines = binder.bind("phoenix.observability.enabled", Boolean.class).orElse(true)
				&& binder.bind(PIPELINES_ENABLED, Boolean.class).orElse(true);
		return SloModel.resolve(identity.name(), slo, rules, alertmanager, pool, pipelines);
	}

	@Bean
	@ConditionalOnMissingBean
	SloFiles sloFiles(SloModel model, ObjectProvider<ServiceDashboard> dashboard) {
		return new SloFiles(model, dashboard.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class DashboardConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServiceDashboard serviceDashboard(SloModel model, ApplicationContext context) {
			return SloServiceDashboard.resolve(model, context.getEnvironment(), context.getClassLoader());
		}

	}

	@Bean
	@ConditionalOnMissingBean
	LatencyThresholds sloLatencyThresholds(SloModel model) {
		// The default latency thresholds of tail sampling
		return SloLatencyThresholds.of(model.objectives());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class LiveSloConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Order(Ordered.LOWEST_PRECEDENCE)
		SloLatencyBucketsMeterFilter sloLatencyBucketsMeterFilter(SloModel model) {
			// Last, so that it adds to the buckets of management.metrics.distribution.slo
			return new SloLatencyBucketsMeterFilter(model.objectives());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(MeterRegistry.class)
		SloTracker sloTracker(SloModel model, SloProperties properties) {
			return new SloTracker(model.objectives(), properties.getSampleInterval(), Clock.systemUTC());
		}

		@Bean
		@ConditionalOnBean(SloTracker.class)
		BackgroundTask sloTrackerTask(SloTracker tracker) {
			return new BackgroundTask("slo-sampling", tracker.getInterval(), tracker::sample);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@EnableConfigurationProperties(SloEndpointProperties.class)
	static class SloEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		SloEndpoint sloEndpoint(SloModel model, SloFiles files, ObjectProvider<SloTracker> tracker,
				SloEndpointProperties properties) {
			return new SloEndpoint(model, files, tracker.getIfAvailable(), properties.getShowValues(),
					properties.getRoles());
		}

	}

}
