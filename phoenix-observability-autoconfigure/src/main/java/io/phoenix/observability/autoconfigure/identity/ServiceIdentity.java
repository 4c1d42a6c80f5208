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

package io.phoenix.observability.autoconfigure.identity;

import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.Assert;

/**
 * Who a service is: the identity that appears in every log line, as common tags on every
 * metric and as OpenTelemetry resource attributes.
 *
 * @param name the service name
 * @param environment the deployment environment, such as {@code production}
 * @param version the service version
 * @param type the role of the service
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ServiceIdentity(String name, String environment, String version, ServiceType type) {

	private static final Set<String> DEVELOPMENT_ENVIRONMENTS = Set.of("local", "dev", "development", "test");

	public ServiceIdentity {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(environment, "'environment' must not be empty");
		Assert.hasText(version, "'version' must not be empty");
		Assert.notNull(type, "'type' must not be null");
	}

	/**
	 * Return the identity of the service whose environment this is: the one resolved when
	 * the environment was prepared, else resolved now from the
	 * {@code phoenix.observability.*} properties, the application name, the active
	 * profiles and the build information.
	 * @param environment the environment
	 * @return the identity
	 */
	public static ServiceIdentity resolve(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			PropertySource<?> resolved = configurable.getPropertySources().get(ServiceIdentityPropertySource.NAME);
			if (resolved instanceof ServiceIdentityPropertySource source) {
				return source.getIdentity();
			}
		}
		return ServiceIdentityProperties.bind(environment).toIdentity(environment);
	}

	/**
	 * Whether the environment is one where every trace is sampled: {@code local},
	 * {@code dev}, {@code development} or {@code test}.
	 * @return whether this is a development environment
	 */
	public boolean isDevelopment() {
		return DEVELOPMENT_ENVIRONMENTS.contains(this.environment.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return the probability of sampling a trace this service starts, unless the user
	 * sets {@code management.tracing.sampling.probability}.
	 * @return the default sampling probability
	 */
	public double defaultSamplingProbability() {
		return isDevelopment() ? 1.0 : this.type.getProductionSamplingProbability();
	}

}
