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

package io.phoenix.observability.autoconfigure.pipeline;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Bounds the distinct values of the tags that pipeline, agent, interrupt and model names
 * become. Past the limit, new values are folded into {@value #OVERFLOW_VALUE}, before any
 * meter is looked up, so that neither the series nor the meter registry's own maps grow
 * with them; the first fold of a tag is logged once, and every fold is counted.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class TagValueLimiter {

	/**
	 * Value that replaces the tag values past the limit, as the {@code uri} guard does.
	 */
	public static final String OVERFLOW_VALUE = "OTHER";

	private static final Log logger = LogFactory.getLog(TagValueLimiter.class);

	private final int maxValues;

	private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	private final LongAdder folded = new LongAdder();

	/**
	 * Create a new limiter.
	 * @param maxValues the maximum number of distinct values per tag
	 */
	public TagValueLimiter(int maxValues) {
		this.maxValues = maxValues;
	}

	/**
	 * Return the value to record for the given tag: the value itself while the tag has
	 * fewer distinct values than the limit, or one it has seen; else
	 * {@value #OVERFLOW_VALUE}.
	 * @param key the tag
	 * @param value the value
	 * @return the value to record
	 */
	public String limit(String key, String value) {
		Set<String> values = this.seen.computeIfAbsent(key, (k) -> ConcurrentHashMap.newKeySet());
		if (values.contains(value)) {
			return value;
		}
		synchronized (values) {
			if (values.size() < this.maxValues) {
				values.add(value);
				return value;
			}
		}
		this.folded.increment();
		if (this.reported.add(key)) {
			logger.warn(("Tag '%s' reached %d distinct values; further values are recorded as '%s'. Name pipelines, "
					+ "agents and models in code rather than from user input, or raise "
					+ "phoenix.observability.pipelines.max-tag-values.")
				.formatted(key, this.maxValues, OVERFLOW_VALUE));
		}
		return OVERFLOW_VALUE;
	}

	/**
	 * Return the number of values folded into {@value #OVERFLOW_VALUE}.
	 * @return the number of folded values
	 */
	public long getFoldedValues() {
		return this.folded.sum();
	}

}
