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

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * What the {@code slo} endpoint shows: {@code phoenix.slo.endpoint.*}. The endpoint
 * serves the generated Alertmanager configuration, whose receiver URLs can hold a token;
 * like Spring Boot's {@code env} and {@code configprops} endpoints, it shows them only
 * when told to.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.slo.endpoint")
public class SloEndpointProperties {

	/**
	 * When to show the receiver URLs of the served Alertmanager configuration as they are
	 * configured: 'never' (their path, query and user info are redacted), 'always' or
	 * 'when-authorized'.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see the URLs when 'show-values' is 'when-authorized'; any
	 * authenticated user when empty.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		Assert.notNull(showValues, "must be one of never, always or when-authorized");
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
