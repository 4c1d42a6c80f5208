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

package io.phoenix.observability.testing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationContext;

/**
 * Reads an application's decisions on its local traces from its
 * {@code phoenix.tracing.sampling.traces} counters: kept, by reason, and dropped.
 *
 * @author Phoenix Observability
 */
public final class TraceDecisions {

	private static final String TRACES = "phoenix.tracing.sampling.traces";

	private final MeterRegistry registry;

	private TraceDecisions(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The decisions of the application of a context.
	 * @param context the application's context
	 * @return its decisions
	 */
	public static TraceDecisions of(ApplicationContext context) {
		return new TraceDecisions(context.getBean(MeterRegistry.class));
	}

	/**
	 * Return the traces decided so, such as kept for an error.
	 * @param decision {@code kept} or {@code dropped}
	 * @param reason the reason, {@code none} for dropped traces
	 * @return the number of traces
	 */
	public long count(String decision, String reason) {
		return (long) this.registry.get(TRACES).tags("decision", decision, "reason", reason).functionCounter().count();
	}

	/**
	 * Return the traces kept, for any reason.
	 * @return the number of traces
	 */
	public long kept() {
		return (long) this.registry.get(TRACES)
			.tag("decision", "kept")
			.functionCounters()
			.stream()
			.mapToDouble(FunctionCounter::count)
			.sum();
	}

	/**
	 * Return the traces dropped.
	 * @return the number of traces
	 */
	public long dropped() {
		return count("dropped", "none");
	}

	/**
	 * Return the traces decided, kept or dropped.
	 * @return the number of traces
	 */
	public long decided() {
		return kept() + dropped();
	}

}
