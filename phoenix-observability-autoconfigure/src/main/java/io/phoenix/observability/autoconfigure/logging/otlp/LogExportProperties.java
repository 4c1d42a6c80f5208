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

package io.phoenix.observability.autoconfigure.logging.otlp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Log records over OTLP: {@code phoenix.observability.logging.export.*}. The endpoint,
 * the queue and the batches are Spring Boot's own
 * {@code management.opentelemetry.logging.export.*} properties.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.logging.export")
public class LogExportProperties {

	/**
	 * MDC keys whose values each log record carries as attributes.
	 */
	private List<String> mdcKeys = new ArrayList<>(
			List.of(CorrelationContext.CORRELATION_ID, CorrelationContext.REQUEST_ID));

	/**
	 * Minimum time between two log lines about log records dropped or not exported.
	 */
	private Duration failureLogInterval = Duration.ofSeconds(30);

	public List<String> getMdcKeys() {
		return this.mdcKeys;
	}

	public void setMdcKeys(List<String> mdcKeys) {
		this.mdcKeys = mdcKeys;
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
