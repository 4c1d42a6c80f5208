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

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One declared dependency: {@code phoenix.observability.dependencies.<name>.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DependencyProperties {

	/**
	 * How the dependency is checked: http, tcp, datasource or grpc.
	 */
	private @Nullable DependencyType type;

	/**
	 * URL whose 2xx answer means up, for type http.
	 */
	private @Nullable URI url;

	/**
	 * Host to connect to, for type tcp.
	 */
	private @Nullable String host;

	/**
	 * Port to connect to, for type tcp.
	 */
	private @Nullable Integer port;

	/**
	 * Name of the bean to check, for type datasource.
	 */
	private @Nullable String bean;

	/**
	 * Query that validates a connection, for type datasource; without one, the driver's
	 * Connection.isValid is used.
	 */
	private @Nullable String query;

	/**
	 * Channel target, such as 'dns:///inference:9090', for type grpc. Connections are
	 * plaintext.
	 */
	private @Nullable String target;

	/**
	 * Service whose health is asked for, for type grpc; empty for the server as a whole.
	 */
	private String service = "";

	/**
	 * Whether the dependency takes part in readiness; others only degrade
	 * /health/dependencies.
	 */
	private boolean critical;

	/**
	 * Longest time a check may take before the dependency is reported down.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * Time between the end of a check and the start of the next.
	 */
	private Duration interval = Duration.ofSeconds(15);

	/**
	 * Name of a Resilience4j circuit breaker; while it is open, the dependency is
	 * reported down.
	 */
	private @Nullable String circuitBreaker;

	public @Nullable DependencyType getType() {
		return this.type;
	}

	public void setType(@Nullable DependencyType type) {
		this.type = type;
	}

	public @Nullable URI getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable URI url) {
		if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new IllegalArgumentException("must be an absolute http or https URL");
		}
		this.url = url;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		if (port != null && (port < 1 || port > 65535)) {
			throw new IllegalArgumentException("must be between 1 and 65535 but was " + port);
		}
		this.port = port;
	}

	public @Nullable String getBean() {
		return this.bean;
	}

	public void setBean(@Nullable String bean) {
		this.bean = bean;
	}

	public @Nullable String getQuery() {
		return this.query;
	}

	public void setQuery(@Nullable String query) {
		this.query = query;
	}

	public @Nullable String getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable String target) {
		this.target = target;
	}

	public String getService() {
		return this.service;
	}

	public void setService(@Nullable String service) {
		this.service = (service != null) ? service : "";
	}

	public boolean isCritical() {
		return this.critical;
	}

	public void setCritical(boolean critical) {
		this.critical = critical;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		requirePositive(timeout);
		this.timeout = timeout;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		requirePositive(interval);
		this.interval = interval;
	}

	public @Nullable String getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public void setCircuitBreaker(@Nullable String circuitBreaker) {
		this.circuitBreaker = circuitBreaker;
	}

	private static void requirePositive(Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("must be a positive duration, such as 2s, but was " + duration);
		}
	}

}
