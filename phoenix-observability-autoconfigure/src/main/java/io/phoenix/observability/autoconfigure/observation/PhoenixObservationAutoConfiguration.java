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

package io.phoenix.observability.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationPredicate;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.health.HealthPathsProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that keeps probe, health and scrape traffic out of traces and
 * {@code http.server.requests}, and gRPC health checks out of traces and
 * {@code grpc.server}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationPredicate.class)
@ConditionalOnPhoenixFeature("observations")
@EnableConfigurationProperties({ ProbeObservationProperties.class, HealthPathsProperties.class })
public final class PhoenixObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication
	ProbeObservationPredicate probeObservationPredicate(ProbeObservationProperties properties,
			HealthPathsProperties healthPaths, Environment environment) {
		List<String> prefixes = new ArrayList<>(properties.getIgnoredPaths());
		String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		if (!actuator.isEmpty() && !"/".equals(actuator)) {
			prefixes.add(actuator);
		}
		else {
			prefixes.add("/health");
			prefixes.add("/prometheus");
		}
		prefixes.add(healthPaths.getPath());
		return new ProbeObservationPredicate(prefixes);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			name = { "io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext", "io.grpc.Metadata" })
	static class GrpcHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcHealthObservationPredicate grpcHealthObservationPredicate() {
			return new GrpcHealthObservationPredicate();
		}

	}

}
