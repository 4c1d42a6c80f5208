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

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes the histogram of LLM calls, Spring AI's {@code gen_ai.client.operation}
 * timer, which has no buckets of its own, with the boundaries that OpenTelemetry's GenAI
 * semantic conventions advise for {@code gen_ai.client.operation.duration}: 10 ms
 * doubling to 81.92 s.
 * <p>
 * Applied before Spring Boot's {@code PropertiesMeterFilter}, so that
 * {@code management.metrics.distribution.*} still decides; and only to the timer itself,
 * not to its {@code gen_ai.client.operation.active} long task timer, whose in-flight
 * count a histogram would rename.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class LlmLatencyBucketsMeterFilter implements MeterFilter {

	/**
	 * Name of Spring AI's timer of LLM calls.
	 */
	public static final String METER = "gen_ai.client.operation";

	/**
	 * The bucket boundaries.
	 */
	public static final List<Duration> BUCKETS = List.of(Duration.ofMillis(10), Duration.ofMillis(20),
			Duration.ofMillis(40), Duration.ofMillis(80), Duration.ofMillis(160), Duration.ofMillis(320),
			Duration.ofMillis(640), Duration.ofMillis(1280), Duration.ofMillis(2560), Duration.ofMillis(5120),
			Duration.ofMillis(10240), Duration.ofMillis(20480), Duration.ofMillis(40960), Duration.ofMillis(81920));

	private static final double[] NANOS = BUCKETS.stream().mapToDouble(Duration::toNanos).toArray();

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (id.getType() != Meter.Type.TIMER || !METER.equals(id.getName()) || publishesHistogram(config)) {
			return config;
		}
		return DistributionStatisticConfig.builder().serviceLevelObjectives(NANOS).build().merge(config);
	}

	// A timer given buckets where it is built keeps them
	private static boolean publishesHistogram(DistributionStatisticConfig config) {
		double[] buckets = config.getServiceLevelObjectiveBoundaries();
		return Boolean.TRUE.equals(config.isPercentileHistogram()) || (buckets != null && buckets.length > 0);
	}

}
