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

package io.phoenix.observability.autoconfigure.probes;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Synthetic probes of the service from outside: {@code phoenix.observability.probes.*}.
 * Read at build time by {@link ProbeFilesWriter}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties(ProbeProperties.PREFIX)
public class ProbeProperties {

	/**
	 * Prefix of the probe properties.
	 */
	public static final String PREFIX = "phoenix.observability.probes";

	/**
	 * Base URL at which the blackbox exporter reaches the service, such as
	 * 'http://orders.internal:8080'.
	 */
	private URI serviceUrl = URI.create("http://localhost:8080");

	/**
	 * Path of the readiness endpoint, appended to the service URL.
	 */
	private String readinessPath = "/health/readiness";

	/**
	 * Longest time a readiness probe may take; keep it below the scrape timeout of the
	 * probe job.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * Time a probe must have failed before its alert fires.
	 */
	private Duration alertAfter = Duration.ofMinutes(2);

	public URI getServiceUrl() {
		return this.serviceUrl;
	}

	public void setServiceUrl(URI serviceUrl) {
		Assert.isTrue(
				serviceUrl != null && ("http".equals(serviceUrl.getScheme()) || "https".equals(serviceUrl.getScheme()))
						&& serviceUrl.getHost() != null,
				() -> "must be an absolute http or https URL, such as http://orders:8080, but was " + serviceUrl);
		this.serviceUrl = serviceUrl;
	}

	public String getReadinessPath() {
		return this.readinessPath;
	}

	public void setReadinessPath(String readinessPath) {
		Assert.isTrue(readinessPath != null && readinessPath.startsWith("/"),
				() -> "must start with '/', such as /health/readiness, but was " + readinessPath);
		this.readinessPath = readinessPath;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		requirePositive(timeout);
		this.timeout = timeout;
	}

	public Duration getAlertAfter() {
		return this.alertAfter;
	}

	public void setAlertAfter(Duration alertAfter) {
		requirePositive(alertAfter);
		this.alertAfter = alertAfter;
	}

	private static void requirePositive(Duration duration) {
		Assert.isTrue(duration != null && !duration.isZero() && !duration.isNegative(),
				() -> "must be a positive duration, such as 5s, but was " + duration);
	}

}
