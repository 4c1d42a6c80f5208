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

package io.phoenix.observability.autoconfigure.correlation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Correlation ids: {@code phoenix.observability.correlation.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.correlation")
public class CorrelationProperties {

	/**
	 * Whether to read, generate and echo correlation and request ids.
	 */
	private boolean enabled = true;

	/**
	 * Header that carries the correlation id, in requests and responses.
	 */
	private String header = "X-Correlation-ID";

	/**
	 * Response header that carries the id generated for this hop.
	 */
	private String requestIdHeader = "X-Request-ID";

	/**
	 * Response header that carries the trace context of the request, as
	 * 'version-traceid-spanid-flags'. Empty to leave it out.
	 */
	private String traceResponseHeader = "traceresponse";

	/**
	 * Maximum length of an incoming correlation id; a longer one is replaced.
	 */
	private int maxLength = 128;

	/**
	 * Minimum time between two log lines about replaced correlation ids; zero logs every
	 * replacement.
	 */
	private Duration invalidHeaderLogInterval = Duration.ofSeconds(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		Assert.hasText(header, "must not be empty");
		this.header = header;
	}

	public String getRequestIdHeader() {
		return this.requestIdHeader;
	}

	public void setRequestIdHeader(String requestIdHeader) {
		Assert.hasText(requestIdHeader, "must not be empty");
		this.requestIdHeader = requestIdHeader;
	}

	public String getTraceResponseHeader() {
		return this.traceResponseHeader;
	}

	public void setTraceResponseHeader(String traceResponseHeader) {
		this.traceResponseHeader = traceResponseHeader;
	}

	public Duration getInvalidHeaderLogInterval() {
		return this.invalidHeaderLogInterval;
	}

	public void setInvalidHeaderLogInterval(Duration invalidHeaderLogInterval) {
		Assert.isTrue(invalidHeaderLogInterval != null && !invalidHeaderLogInterval.isNegative(),
				() -> "must be zero or a positive duration, such as 10s, but was " + invalidHeaderLogInterval);
		this.invalidHeaderLogInterval = invalidHeaderLogInterval;
	}

	public int getMaxLength() {
		return this.maxLength;
	}

	public void setMaxLength(int maxLength) {
		Assert.isTrue(maxLength >= 16 && maxLength <= 1024,
				() -> "must be between 16 and 1024 characters, but was " + maxLength);
		this.maxLength = maxLength;
	}

}
