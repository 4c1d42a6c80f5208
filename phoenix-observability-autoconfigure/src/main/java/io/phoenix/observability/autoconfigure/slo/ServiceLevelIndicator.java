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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the good and bad events of a {@link ServiceLevelObjective} are counted, resolved
 * from {@link SloProperties.Sli}.
 *
 * @param kind the kind of indicator
 * @param meter the Micrometer meter that counts the events, for availability and latency
 * @param meterType the type of that meter
 * @param tagFilters the tags an event must have to count, the route, method and client
 * shortcuts included
 * @param errorTag the tag whose value tells a bad event, for availability
 * @param errorValues the values of the error tag that make an event bad
 * @param threshold events slower than this are bad, for latency; {@code null} otherwise
 * @param good the PromQL rate of good events, for ratio; {@code null} otherwise
 * @param total the PromQL rate of all events, for ratio; {@code null} otherwise
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ServiceLevelIndicator(SliKind kind, String meter, MeterType meterType, Map<String, String> tagFilters,
		String errorTag, List<String> errorValues, Duration threshold, String good, String total) {

	/**
	 * Create a new instance.
	 * @param kind the kind of indicator
	 * @param meter the meter
	 * @param meterType the type of the meter
	 * @param tagFilters the tags an event must have
	 * @param errorTag the error tag
	 * @param errorValues the values of the error tag
	 * @param threshold the latency threshold, or {@code null}
	 * @param good the good expression, or {@code null}
	 * @param total the total expression, or {@code null}
	 */
	public ServiceLevelIndicator {
		tagFilters = Collections.unmodifiableMap(new LinkedHashMap<>(tagFilters));
		errorValues = List.copyOf(errorValues);
	}

	static ServiceLevelIndicator of(SloProperties.Sli sli) {
		Map<String, String> filters = new LinkedHashMap<>();
		putIfText(filters, "uri", sli.getRoute());
		putIfText(filters, "method", sli.getMethod());
		putIfText(filters, "client.name", sli.getClientName());
		filters.putAll(sli.getTags());
		return new ServiceLevelIndicator(sli.getKind(), sli.getMeter(), sli.getMeterType(), filters, sli.getErrorTag(),
				sli.getErrorValues(), sli.getThreshold(), sli.getGood(), sli.getTotal());
	}

	private static void putIfText(Map<String, String> filters, String tag, String value) {
		if (value != null && !value.isBlank()) {
			filters.put(tag, value);
		}
	}

}
