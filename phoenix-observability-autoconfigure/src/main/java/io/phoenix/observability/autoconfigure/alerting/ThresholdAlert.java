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

package io.phoenix.observability.autoconfigure.alerting;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alert rule of the {@link AlertPack}, at one severity.
 *
 * @param name the alert name, such as {@code PhoenixHighCpuUsage}
 * @param measure what the condition measures, so that its tests can synthesize series
 * @param expr the PromQL condition
 * @param threshold the value the measure is compared with, in the unit of the query
 * @param below whether the alert fires below the threshold rather than above it
 * @param forDuration how long the condition must hold; zero fires at once
 * @param severity {@code warning}, {@code critical} or {@code info}
 * @param summary what the alert says, in a sentence
 * @param runbookUrl the runbook of the alert
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ThresholdAlert(String name, Measure measure, String expr, BigDecimal threshold, boolean below,
		Duration forDuration, String severity, String summary, String runbookUrl) {

	/**
	 * Return the labels of the alert.
	 * @param service the name of the service
	 * @return the labels
	 */
	public Map<String, String> labels(String service) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("severity", this.severity);
		labels.put("service", service);
		return labels;
	}

	/**
	 * Return the annotations of the alert, the value in its description as Prometheus
	 * expands it.
	 * @param value the value, such as {@code {{ $value | humanize }}} in the rule file
	 * @return the annotations
	 */
	public Map<String, String> annotations(String value) {
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", this.summary);
		annotations.put("description", this.summary + " (current value: " + value + ").");
		annotations.put("runbook_url", this.runbookUrl);
		return annotations;
	}

	/**
	 * What an alert of the pack measures.
	 */
	public enum Measure {

		/**
		 * Ratio of HTTP server requests that fail with a server error.
		 */
		ERROR_RATIO,

		/**
		 * 95th percentile latency of HTTP server requests, in seconds.
		 */
		LATENCY_P95,

		/**
		 * Ratio of failed LLM requests.
		 */
		LLM_FAILURE_RATIO,

		/**
		 * Process CPU usage, from 0 to 1.
		 */
		CPU,

		/**
		 * Used heap over maximum heap.
		 */
		HEAP,

		/**
		 * Free disk space over disk size, by path.
		 */
		DISK_FREE,

		/**
		 * Number of open circuit breakers.
		 */
		OPEN_BREAKERS,

		/**
		 * Critical declared dependencies that are down, by dependency.
		 */
		DEPENDENCIES_DOWN,

		/**
		 * Connections in use over the maximum of a database pool, by pool.
		 */
		DB_POOL,

		/**
		 * Ratio of pipeline runs that end in error or timeout, by pipeline.
		 */
		PIPELINE_FAILURE_RATIO,

		/**
		 * 99th percentile duration of pipeline runs, in seconds, by pipeline.
		 */
		PIPELINE_LATENCY_P99,

		/**
		 * Interrupts raised per second.
		 */
		INTERRUPT_RATE

	}

}
