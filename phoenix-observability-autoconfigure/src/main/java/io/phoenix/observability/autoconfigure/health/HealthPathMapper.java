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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;

/**
 * Maps the standard health paths onto the actuator endpoints that serve them:
 * {@code <path>/metrics} to the Prometheus endpoint and every other {@code <path>/**} to
 * the health endpoint, so that groups, status codes and the rules on showing details are
 * actuator's own.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class HealthPathMapper {

	private final String path;

	private final String metricsPath;

	private final String healthTarget;

	private final String metricsTarget;

	/**
	 * Create a new mapper.
	 * @param path the standard health path, such as {@code /health}
	 * @param healthEndpointPath the path of the actuator health endpoint
	 * @param prometheusEndpointPath the path of the actuator Prometheus endpoint
	 */
	public HealthPathMapper(String path, String healthEndpointPath, String prometheusEndpointPath) {
		this.path = path;
		this.metricsPath = path + "/metrics";
		this.healthTarget = healthEndpointPath;
		this.metricsTarget = prometheusEndpointPath;
	}

	/**
	 * Create a mapper onto the actuator endpoints as the web endpoint properties expose
	 * them.
	 * @param properties the health path properties
	 * @param endpoints the web endpoint properties
	 * @return the mapper
	 */
	public static HealthPathMapper of(HealthPathsProperties properties, WebEndpointProperties endpoints) {
		String basePath = endpoints.getBasePath().endsWith("/") ? endpoints.getBasePath()
				: endpoints.getBasePath() + "/";
		return new HealthPathMapper(properties.getPath(),
				basePath + endpoints.getPathMapping().getOrDefault("health", "health"),
				basePath + endpoints.getPathMapping().getOrDefault("prometheus", "prometheus"));
	}

	/**
	 * Return the actuator path that serves a request to the given path.
	 * @param requestPath the path within the application
	 * @return the actuator path, or {@code null} when the request is not for a standard
	 * health path or is already served there
	 */
	public @Nullable String map(String requestPath) {
		if (!requestPath.startsWith(this.path)) {
			return null;
		}
		if (requestPath.equals(this.metricsPath)) {
			return this.metricsTarget.equals(requestPath) ? null : this.metricsTarget;
		}
		if (requestPath.length() != this.path.length() && requestPath.charAt(this.path.length()) != '/') {
			return null;
		}
		String target = this.healthTarget + requestPath.substring(this.path.length());
		return target.equals(requestPath) ? null : target;
	}

}
