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

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.logging.LogLevel;
import org.springframework.util.Assert;

/**
 * Log of outbound HTTP calls: {@code phoenix.observability.client-log.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.client-log")
public class ClientLogProperties {

	/**
	 * Whether to write one log line per outbound call made with a RestClient,
	 * RestTemplate or WebClient built from Spring Boot's builders (logger
	 * 'phoenix.http.client').
	 */
	private boolean enabled = true;

	/**
	 * Level of the log lines.
	 */
	private LogLevel level = LogLevel.INFO;

	/**
	 * Hosts whose calls are not logged, such as a noisy internal client; compared without
	 * regard to case.
	 */
	private List<String> ignoredHosts = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public LogLevel getLevel() {
		return this.level;
	}

	public void setLevel(LogLevel level) {
		Assert.isTrue(level != LogLevel.OFF && level != LogLevel.FATAL,
				() -> "must be one of TRACE, DEBUG, INFO, WARN, ERROR; use 'enabled: false' to switch it off");
		this.level = level;
	}

	public List<String> getIgnoredHosts() {
		return this.ignoredHosts;
	}

	public void setIgnoredHosts(List<String> ignoredHosts) {
		this.ignoredHosts = ignoredHosts;
	}

}
