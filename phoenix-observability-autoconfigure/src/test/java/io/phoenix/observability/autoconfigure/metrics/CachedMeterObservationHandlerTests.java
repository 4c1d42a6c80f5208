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
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CachedMeterObservationHandler}.
 *
 * @author Phoenix Observability
 */
class CachedMeterObservationHandlerTests {

	@Test
	void recordsTheMetersOfMicrometersHandler() {
		Map<String, String> micrometers = meters(DefaultMeterObservationHandler::new);
		Map<String, String> phoenixs = meters(CachedMeterObservationHandler::new);
		assertThat(micrometers).containsKeys(
				"LONG_TASK_TIMER http.server.requests.active [exception=none, "
						+ "method=GET, outcome=SUCCESS, status=200, uri=/orders]",
				"TIMER http.server.requests [error=IllegalStateException, exception=IllegalStateException, "
						+ "method=GET, outcome=SERVER_ERROR, status=500, uri=/orders]",
				"COUNTER http.server.requests.retry [exception=none, method=GET, outcome=SUCCESS, status=200, "
						+ "uri=/orders]");
		assertThat(phoenixs).isEqualTo(micrometers);
	}

	@Test
	void recordsTheMetersOfMicrometersHandlerWithoutLongTaskTimers() {
		Map<String, String> micrometers = meters(
				(registry) -> new DefaultMeterObservationHandler(registry, IgnoredMeters.LONG_TASK_TIMER));
		Map<String, String> phoenixs = meters(
				(registry) -> new CachedMeterObservationHandler(registry, IgnoredMeters.LONG_TASK_TIMER));
		assertThat(micrometers.keySet()).noneMatch((id) -> id.startsWith("LONG_TASK_TIMER"));
		assertThat(phoenixs).isEqualTo(micrometers);
	}

	@Test
	void keepsAtMostMaxEntriesAndRecordsEveryObservationPastThem() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		CachedMeterObservationHandler handler = new CachedMeterObservationHandler(registry);
		ObservationRegistry observations = observationRegistry(handler);
		int distinct = CachedMeterObservationHandler.MAX_ENTRIES + 500;
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < distinct; i++) {
				Observation.createNotStarted("jobs", observations)
					.lowCardinalityKeyValue("job", "job-" + i)
					.observe(() -> {
					});
			}
		}
		assertThat(handler.size()).isEqualTo(CachedMeterObservationHandler.MAX_ENTRIES);
		assertThat(registry.get("jobs").timers()).hasSize(distinct)
			.allSatisfy((timer) -> assertThat(timer.count()).isEqualTo(2));
		assertThat(registry.get("jobs.active").longTaskTimers()).hasSize(distinct);
	}

	@Test
	void meterRemovedFromTheRegistryIsNotRecordedIntoAgain() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ObservationRegistry observations = observationRegistry(new CachedMeterObservationHandler(registry));
		observe(observations, "/orders");
		Timer removed = registry.get("http.server.requests").timer();
		registry.remove(removed);
		observe(observations, "/orders");
		observe(observations, "/orders");
		assertThat(removed.count()).isEqualTo(1);
		Timer current = registry.get("http.server.requests").timer();
		assertThat(current).isNotSameAs(removed);
		assertThat(current.count()).isEqualTo(2);
	}

	@Test
	void metersClearedFromTheRegistryAreNotRecordedIntoAgain() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		CachedMeterObservationHandler handler = new CachedMeterObservationHandler(registry);
		ObservationRegistry observations = observationRegistry(handler);
		observe(observations, "/orders");
		observe(observations, "/customers");
		registry.clear();
		assertThat(handler.size()).isZero();
		observe(observations, "/orders");
		assertThat(registry.get("http.server.requests").timers()).singleElement()
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(1));
		assertThat(registry.get("http.server.requests.active").longTaskTimers()).hasSize(1);
	}

	private static Map<String, String> meters(Function<MeterRegistry, MeterObservationHandler<?>> handlerFactory) {
		MockClock clock = new MockClock();
		SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
		ObservationRegistry observations = observationRegistry(handlerFactory.apply(registry));
		for (int i = 0; i < 3; i++) {
			Observation observation = server(observations, "/orders", "200").start();
			clock.add(Duration.ofMillis(10 + i));
			observation.stop();
		}
		server(observations, "/customers", "200").observe(() -> clock.add(Duration.ofMillis(7)));
		for (int i = 0; i < 2; i++) {
			Observation failed = server(observations, "/orders", "500")
				.lowCardinalityKeyValue("exception", "IllegalStateException")
				.lowCardinalityKeyValue("outcome", "SERVER_ERROR")
				.start();
			clock.add(Duration.ofMillis(30));
			failed.error(new IllegalStateException("failed"));
			failed.stop();
		}
		Observation retried = server(observations, "/orders", "200").start();
		retried.event(Observation.Event.of("retry"));
		retried.event(Observation.Event.of("retry"));
		retried.stop();
		Observation.createNotStarted("jobs", observations).observe(() -> clock.add(Duration.ofMillis(3)));
		Observation.createNotStarted("jobs", observations)
			.lowCardinalityKeyValue("job", "cleanup")
			.highCardinalityKeyValue("run", "42")
			.observe(() -> clock.add(Duration.ofMillis(5)));
		// In flight when the meters are read
		server(observations, "/slow", "200").start();
		clock.add(Duration.ofMillis(100));
		Map<String, String> meters = new TreeMap<>();
		for (Meter meter : registry.getMeters()) {
			Meter.Id id = meter.getId();
			StringBuilder measurements = new StringBuilder();
			for (Measurement measurement : meter.measure()) {
				measurements.append(measurement.getStatistic()).append('=').append(measurement.getValue()).append(' ');
			}
			String tags = id.getTags()
				.stream()
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.collect(Collectors.joining(", ", "[", "]"));
			meters.put(id.getType() + " " + id.getName() + " " + tags, measurements.toString().trim());
		}
		return meters;
	}

	private static Observation server(ObservationRegistry observations, String uri, String status) {
		return Observation.createNotStarted("http.server.requests", observations)
			.lowCardinalityKeyValue("exception", "none")
			.lowCardinalityKeyValue("method", "GET")
			.lowCardinalityKeyValue("outcome", "SUCCESS")
			.lowCardinalityKeyValue("status", status)
			.lowCardinalityKeyValue("uri", uri);
	}

	private static void observe(ObservationRegistry observations, String uri) {
		server(observations, uri, "200").observe(() -> {
		});
	}

	private static ObservationRegistry observationRegistry(MeterObservationHandler<?> handler) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(handler);
		return observations;
	}

}
