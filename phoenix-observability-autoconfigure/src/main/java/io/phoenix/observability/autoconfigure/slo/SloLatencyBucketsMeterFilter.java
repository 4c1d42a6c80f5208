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

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Makes every timer of a latency SLO publish a histogram bucket at exactly the SLO's
 * threshold, in addition to the buckets configured elsewhere, so that the generated rules
 * and the live error budgets read the threshold, not the nearest bucket.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class SloLatencyBucketsMeterFilter implements MeterFilter {

	private final Map<String, TreeSet<Double>> thresholds = new HashMap<>();

	/**
	 * Create a new instance.
	 * @param objectives the SLOs
	 */
	public SloLatencyBucketsMeterFilter(Iterable<ServiceLevelObjective> objectives) {
		for (ServiceLevelObjective slo : objectives) {
			if (slo.kind() == SliKind.LATENCY) {
				Duration threshold = slo.sli().threshold();
				this.thresholds.computeIfAbsent(slo.sli().meter(), (meter) -> new TreeSet<>())
					.add((double) threshold.toNanos());
			}
		}
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		TreeSet<Double> required = this.thresholds.get(id.getName());
		if (required == null || id.getType() != Meter.Type.TIMER) {
			return config;
		}
		double[] existing = config.getServiceLevelObjectiveBoundaries();
		TreeSet<Double> merged = new TreeSet<>(required);
		if (existing != null) {
			Arrays.stream(existing).forEach(merged::add);
		}
		double[] boundaries = merged.stream().mapToDouble(Double::doubleValue).toArray();
		return DistributionStatisticConfig.builder().serviceLevelObjectives(boundaries).build().merge(config);
	}

}
