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

package io.phoenix.observability.autoconfigure.identity;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The role a service plays, which chooses defaults where roles differ: the trace sampling
 * probability outside development and the latency buckets of
 * {@code http.server.requests}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public enum ServiceType {

	/**
	 * Edge service that starts most traces: samples a tenth of them and publishes
	 * fine-grained latency buckets. Like every type, it follows the sampling decision of
	 * an incoming trace.
	 */
	GATEWAY(0.1, durations(25, 50, 100, 250, 500, 1000, 2000, 5000)),

	/**
	 * Service called by others, such as an orchestrator or an LLM service: samples a
	 * tenth of the traces it starts itself and publishes buckets up to 30 seconds.
	 */
	BACKEND(0.1, durations(50, 100, 250, 500, 1000, 2000, 5000, 10000, 30000)),

	/**
	 * Background worker with few, long operations: samples every trace it starts.
	 */
	WORKER(1.0, durations(100, 500, 1000, 5000, 10000, 30000, 60000, 300000));

	private final double productionSamplingProbability;

	private final List<Duration> latencyBuckets;

	ServiceType(double productionSamplingProbability, List<Duration> latencyBuckets) {
		this.productionSamplingProbability = productionSamplingProbability;
		this.latencyBuckets = latencyBuckets;
	}

	/**
	 * Return the probability of sampling a trace that this service starts, outside a
	 * development environment.
	 * @return the probability, between 0 and 1
	 */
	public double getProductionSamplingProbability() {
		return this.productionSamplingProbability;
	}

	/**
	 * Return the latency bucket boundaries published for server requests. Each list
	 * contains the 500 ms and 1 s thresholds of the default alert rules.
	 * @return the bucket boundaries, in ascending order
	 */
	public List<Duration> getLatencyBuckets() {
		return this.latencyBuckets;
	}

	private static List<Duration> durations(long... millis) {
		return Arrays.stream(millis).mapToObj(Duration::ofMillis).toList();
	}

}
