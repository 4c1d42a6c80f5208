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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The service identity resolved once, when the environment is prepared: its values as
 * {@code phoenix.observability.service-name|environment|version}, so that everything that
 * reads properties sees them, and the {@link ServiceIdentity} itself, which
 * {@link ServiceIdentity#resolve} hands to every later reader.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class ServiceIdentityPropertySource extends MapPropertySource {

	/**
	 * Name of the property source.
	 */
	public static final String NAME = "phoenixServiceIdentity";

	private final ServiceIdentity identity;

	private ServiceIdentityPropertySource(ServiceIdentity identity) {
		super(NAME, properties(identity));
		this.identity = identity;
	}

	/**
	 * Resolve the identity of the service and add it to the environment, with the lowest
	 * precedence, unless it was added before.
	 * @param environment the environment
	 * @return the identity
	 */
	public static ServiceIdentity addTo(ConfigurableEnvironment environment) {
		ServiceIdentity identity = ServiceIdentity.resolve(environment);
		if (!environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources().addLast(new ServiceIdentityPropertySource(identity));
		}
		return identity;
	}

	/**
	 * Return the identity.
	 * @return the identity
	 */
	public ServiceIdentity getIdentity() {
		return this.identity;
	}

	private static Map<String, Object> properties(ServiceIdentity identity) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(ServiceIdentityProperties.PREFIX + ".service-name", identity.name());
		properties.put(ServiceIdentityProperties.PREFIX + ".environment", identity.environment());
		properties.put(ServiceIdentityProperties.PREFIX + ".version", identity.version());
		return properties;
	}

}
