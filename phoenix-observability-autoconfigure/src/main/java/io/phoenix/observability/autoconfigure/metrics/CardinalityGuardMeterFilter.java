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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Bounds the number of distinct values of high-risk tags, such as {@code uri}, per meter
 * name. Past the limit, new values are folded into one value, {@code OTHER}, so that
 * requests keep being counted (where dropping the meter would lose them); the first fold
 * for a meter is logged once, and every fold is counted.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CardinalityGuardMeterFilter implements MeterFilter {

	/**
	 * Value that replaces the tag values past the limit.
	 */
	public static final String OVERFLOW_VALUE = "OTHER";

	private static final Log logger = LogFactory.getLog(CardinalityGuardMeterFilter.class);

	private final Set<String> tagKeys;

	private final int maxValues;

	private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	private final LongAdder folded = new LongAdder();

	/**
	 * Create a new filter.
	 * @param tagKeys the tags to guard
	 * @param maxValues the maximum number of distinct values per meter name and tag
	 */
	public CardinalityGuardMeterFilter(List<String> tagKeys, int maxValues) {
		this.tagKeys = Set.copyOf(tagKeys);
		this.maxValues = maxValues;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		Meter.Id result = id;
		for (Tag tag : id.getTagsAsIterable()) {
			if (this.tagKeys.contains(tag.getKey()) && !admit(id.getName(), tag)) {
				result = result.replaceTags(replace(result.getTagsAsIterable(), tag.getKey()));
			}
		}
		return result;
	}

	private boolean admit(String meterName, Tag tag) {
		Set<String> values = this.seen.computeIfAbsent(meterName + '\u0000' + tag.getKey(),
				(key) -> ConcurrentHashMap.newKeySet());
		if (values.contains(tag.getValue())) {
			return true;
		}
		synchronized (values) {
			if (values.size() < this.maxValues) {
				values.add(tag.getValue());
				return true;
			}
		}
		this.folded.increment();
		if (this.reported.add(meterName + '\u0000' + tag.getKey())) {
			logger.warn("Meter '%s' reached %d distinct values of tag '%s'; further values are recorded as '%s'. "
				.formatted(meterName, this.maxValues, tag.getKey(), OVERFLOW_VALUE)
					+ "Use templated paths (such as /orders/{id}) or raise phoenix.observability.metrics.cardinality.max-values.");
		}
		return false;
	}

	private static List<Tag> replace(Iterable<Tag> tags, String key) {
		List<Tag> replaced = new ArrayList<>();
		for (Tag tag : tags) {
			replaced.add(tag.getKey().equals(key) ? Tag.of(key, OVERFLOW_VALUE) : tag);
		}
		return replaced;
	}

	/**
	 * Return the number of tag values folded into {@value #OVERFLOW_VALUE}.
	 * @return the number of folded values
	 */
	public long getFoldedValues() {
		return this.folded.sum();
	}

}
