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

package io.phoenix.observability.autoconfigure.requestlog;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access log of served requests: {@code phoenix.observability.access-log.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.access-log")
public class AccessLogProperties {

	/**
	 * Whether to write one log line per served request (logger 'phoenix.access', level
	 * INFO). Probe and scrape requests are never logged.
	 */
	private boolean enabled = true;

	/**
	 * Whether to include the client's address, as a salted hash that groups requests of
	 * one client without revealing who it is.
	 */
	private boolean includeClientAddress = false;

	/**
	 * Salt of the client address hash. Defaults to a random value per process; set the
	 * same value on every instance to correlate clients across them.
	 */
	private String clientAddressSalt;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isIncludeClientAddress() {
		return this.includeClientAddress;
	}

	public void setIncludeClientAddress(boolean includeClientAddress) {
		this.includeClientAddress = includeClientAddress;
	}

	public String getClientAddressSalt() {
		return this.clientAddressSalt;
	}

	public void setClientAddressSalt(String clientAddressSalt) {
		this.clientAddressSalt = clientAddressSalt;
	}

}
