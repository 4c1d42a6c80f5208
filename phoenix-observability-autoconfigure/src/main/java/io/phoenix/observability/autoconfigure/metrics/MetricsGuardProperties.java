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

package io.phoenix.observability.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Metrics: {@code phoenix.observability.metrics.*}. Common tags, histogram buckets and
 * exporters are Spring Boot's own {@code management.metrics.*} properties, for which
 * Phoenix sets defaults.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.metrics")
public class MetricsGuardProperties {

	/**
	 * Whether to apply Phoenix's metrics guards. The defaults for Spring Boot's metrics
	 * properties are set regardless, and each can be overridden.
	 */
	private boolean enabled = true;

	private final Cardinality cardinality = new Cardinality();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Cardinality getCardinality() {
		return this.cardinality;
	}

	/**
	 * Guard against tag cardinality explosions.
	 */
	public static class Cardinality {

		/**
		 * Tags whose distinct values are bounded per meter name.
		 */
		private List<String> tagKeys = new ArrayList<>(List.of("uri"));

		/**
		 * Maximum number of distinct values of each guarded tag per meter name; further
		 * values are recorded as 'OTHER'.
		 */
		private int maxValues = 100;

		public List<String> getTagKeys() {
			return this.tagKeys;
		}

		public void setTagKeys(List<String> tagKeys) {
			this.tagKeys = tagKeys;
		}

		public int getMaxValues() {
			return this.maxValues;
		}

		public void setMaxValues(int maxValues) {
			Assert.isTrue(maxValues > 0, () -> "must be greater than 0, but was " + maxValues);
			this.maxValues = maxValues;
		}

	}

}
