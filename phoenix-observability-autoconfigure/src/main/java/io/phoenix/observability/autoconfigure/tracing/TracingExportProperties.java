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

package io.phoenix.observability.autoconfigure.tracing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Trace export: {@code phoenix.observability.tracing.*}. Sampling, propagation, limits
 * and the OTLP endpoint are Spring Boot's own {@code management.tracing.*} and
 * {@code management.opentelemetry.*} properties.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.tracing")
public class TracingExportProperties {

	/**
	 * Whether to count failed span exports and dropped spans and report them once per
	 * interval.
	 */
	private boolean enabled = true;

	/**
	 * Minimum time between two log lines about failed span exports, between two about
	 * spans dropped because the export queue was full, and between two about traces
	 * decided early by tail sampling.
	 */
	private Duration failureLogInterval = Duration.ofSeconds(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getFailureLogInterval() {
		return this.failureLogInterval;
	}

	public void setFailureLogInterval(Duration failureLogInterval) {
		Assert.isTrue(failureLogInterval != null && !failureLogInterval.isNegative() && !failureLogInterval.isZero(),
				() -> "must be a positive duration, such as 30s, but was " + failureLogInterval);
		this.failureLogInterval = failureLogInterval;
	}

}
