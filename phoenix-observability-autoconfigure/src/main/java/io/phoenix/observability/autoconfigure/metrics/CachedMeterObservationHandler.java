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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Records the meters of {@link DefaultMeterObservationHandler} (the timer, its
 * {@code .active} long task timer, one counter per event) and keeps the meters it
 * resolved, by observation name and low-cardinality key values, so that a repeated
 * combination costs a map lookup instead of building tags and a meter id and looking them
 * up in the registry on every start and stop.
 * <p>
 * At most {@link #MAX_ENTRIES} meters are kept; past that, meters are resolved through
 * the registry on every call, as Micrometer's handler does. A meter removed from the
 * registry is dropped from the cache. A meter filter added to the registry after a meter
 * was first recorded does not apply to the kept meter (Micrometer warns about such late
 * filters).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CachedMeterObservationHandler implements MeterObservationHandler<Observation.Context> {

	/**
	 * The most meters kept, across all observations.
	 */
	public static final int MAX_ENTRIES = 1024;

	private static final String NO_ERROR = "none";

	private final MeterRegistry registry;

	private final boolean longTaskTimers;

	private final Map<String, ObservationMeters> byName = new ConcurrentHashMap<>();

	private final AtomicInteger entries = new AtomicInteger();

	private final AtomicLong removals = new AtomicLong();

	/**
	 * Create a new handler.
	 * @param registry the registry the meters are registered with
	 * @param ignoredMeters the meters not to create, as for
	 * {@link DefaultMeterObservationHandler}
	 */
	public CachedMeterObservationHandler(MeterRegistry registry, IgnoredMeters... ignoredMeters) {
		this.registry = registry;
		this.longTaskTimers = !Arrays.asList(ignoredMeters).contains(IgnoredMeters.LONG_TASK_TIMER);
		registry.config().onMeterRemoved(this::forget);
	}

	@Override
	public void onStart(Observation.Context context) {
		if (this.longTaskTimers) {
			KeyValues keyValues = context.getLowCardinalityKeyValues();
			ObservationMeters meters = meters(context.getName());
			LongTaskTimer timer = (meters != null) ? meters.longTaskTimers.get(keyValues) : null;
			if (timer == null) {
				long removals = this.removals.get();
				String name = (meters != null) ? meters.activeName : context.getName() + ".active";
				timer = this.registry.more().longTaskTimer(name, tags(keyValues, null));
				if (meters != null) {
					admit(meters.longTaskTimers, keyValues, timer, removals);
				}
			}
			context.put(LongTaskTimer.Sample.class, timer.start());
		}
		context.put(Timer.Sample.class, Timer.start(this.registry));
	}

	@Override
	public void onStop(Observation.Context context) {
		String name = context.getName();
		KeyValues keyValues = context.getLowCardinalityKeyValues();
		Throwable error = context.getError();
		ObservationMeters meters = meters(name);
		Timer timer = null;
		if (meters != null) {
			timer = (error != null) ? meters.failedTimers.get(new FailureKey(keyValues, error.getClass()))
					: meters.timers.get(keyValues);
		}
		if (timer == null) {
			long removals = this.removals.get();
			String errorValue = (error != null) ? error.getClass().getSimpleName() : NO_ERROR;
			timer = this.registry.timer(name, tags(keyValues, errorValue));
			if (meters != null) {
				if (error != null) {
					admit(meters.failedTimers, new FailureKey(keyValues, error.getClass()), timer, removals);
				}
				else {
					admit(meters.timers, keyValues, timer, removals);
				}
			}
		}
		context.<Timer.Sample>getRequired(Timer.Sample.class).stop(timer);
		if (this.longTaskTimers) {
			context.<LongTaskTimer.Sample>getRequired(LongTaskTimer.Sample.class).stop();
		}
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
		KeyValues keyValues = context.getLowCardinalityKeyValues();
		ObservationMeters meters = meters(context.getName());
		EventKey key = new EventKey(event.getName(), keyValues);
		Counter counter = (meters != null) ? meters.counters.get(key) : null;
		if (counter == null) {
			long removals = this.removals.get();
			counter = Counter.builder(context.getName() + "." + event.getName())
				.tags(tags(keyValues, null))
				.register(this.registry);
			if (meters != null) {
				admit(meters.counters, key, counter, removals);
			}
		}
		counter.increment();
	}

	/**
	 * Return the number of meters kept.
	 * @return the number of meters kept
	 */
	int size() {
		return this.entries.get();
	}

	private ObservationMeters meters(String name) {
		ObservationMeters meters = this.byName.get(name);
		if (meters == null && this.byName.size() < MAX_ENTRIES) {
			meters = this.byName.computeIfAbsent(name, ObservationMeters::new);
		}
		return meters;
	}

	/**
	 * Keep a meter, unless the cache is full.
	 * @param removalsBefore the count of removals read before the meter was resolved: a
	 * removal since may have missed the entry, which is then dropped again
	 */
	private <K, M extends Meter> void admit(Map<K, M> cache, K key, M meter, long removalsBefore) {
		if (this.entries.incrementAndGet() > MAX_ENTRIES) {
			this.entries.decrementAndGet();
			return;
		}
		if (cache.putIfAbsent(key, meter) != null) {
			this.entries.decrementAndGet();
			return;
		}
		if (this.removals.get() != removalsBefore && cache.remove(key, meter)) {
			this.entries.decrementAndGet();
		}
	}

	private void forget(Meter removed) {
		this.removals.incrementAndGet();
		for (ObservationMeters meters : this.byName.values()) {
			forget(meters.longTaskTimers, removed);
			forget(meters.timers, removed);
			forget(meters.failedTimers, removed);
			forget(meters.counters, removed);
		}
	}

	private void forget(Map<?, ? extends Meter> cache, Meter removed) {
		cache.forEach((key, meter) -> {
			if (meter.getId().equals(removed.getId()) && cache.remove(key, meter)) {
				this.entries.decrementAndGet();
			}
		});
	}

	private static List<Tag> tags(KeyValues keyValues, String errorValue) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue keyValue : keyValues) {
			tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		if (errorValue != null) {
			tags.add(Tag.of("error", errorValue));
		}
		return tags;
	}

	/**
	 * The meters kept for one observation name.
	 */
	private static final class ObservationMeters {

		private final String activeName;

		private final Map<KeyValues, LongTaskTimer> longTaskTimers = new ConcurrentHashMap<>();

		private final Map<KeyValues, Timer> timers = new ConcurrentHashMap<>();

		private final Map<FailureKey, Timer> failedTimers = new ConcurrentHashMap<>();

		private final Map<EventKey, Counter> counters = new ConcurrentHashMap<>();

		ObservationMeters(String name) {
			this.activeName = name + ".active";
		}

	}

	private record FailureKey(KeyValues keyValues, Class<?> error) {

	}

	private record EventKey(String event, KeyValues keyValues) {

	}

}
