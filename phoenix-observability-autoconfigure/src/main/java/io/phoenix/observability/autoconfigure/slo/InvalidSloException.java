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

/**
 * Thrown when the SLO configuration is invalid in a way that spans several properties.
 * {@link SloFailureAnalyzer} reports it at startup, naming the property.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class InvalidSloException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String reason;

	private final String action;

	/**
	 * Create a new instance.
	 * @param property the full name of the property to fix
	 * @param value its value, or {@code null} when it is not set
	 * @param reason why the configuration is invalid
	 * @param action what to do about it
	 */
	public InvalidSloException(String property, Object value, String reason, String action) {
		super("Invalid SLO property '%s' (%s): %s".formatted(property, (value != null) ? value : "not set", reason));
		this.property = property;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getReason() {
		return this.reason;
	}

	public String getAction() {
		return this.action;
	}

}
