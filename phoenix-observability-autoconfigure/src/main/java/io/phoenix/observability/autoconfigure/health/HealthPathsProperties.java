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

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Standard health paths: {@code phoenix.observability.health.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.health")
public class HealthPathsProperties {

	/**
	 * Whether to serve the health groups and the Prometheus scrape under 'path' on the
	 * application's port.
	 */
	private boolean enabled = true;

	/**
	 * Path under which '/liveness', '/readiness', '/dependencies' (health groups) and
	 * '/metrics' (Prometheus scrape) are served.
	 */
	private String path = "/health";

	private final StatusMetrics statusMetrics = new StatusMetrics();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		Assert.isTrue(path != null && path.startsWith("/") && path.length() > 1 && !path.endsWith("/"),
				() -> "must start with '/', not end with '/' and not be '/' alone, such as '/health', but was '" + path
						+ "'");
		this.path = path;
	}

	public StatusMetrics getStatusMetrics() {
		return this.statusMetrics;
	}

	/**
	 * Gauges of the status of every health group and component.
	 */
	public static class StatusMetrics {

		/**
		 * Whether to publish the status of every health group and component as a gauge.
		 */
		private boolean enabled = true;

		/**
		 * Time between two evaluations of the health contributors; scrapes read the last
		 * evaluation.
		 */
		private Duration interval = Duration.ofSeconds(15);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			if (interval == null || interval.isZero() || interval.isNegative()) {
				throw new IllegalArgumentException("must be a positive duration, such as 15s, but was " + interval);
			}
			this.interval = interval;
		}

	}

}
