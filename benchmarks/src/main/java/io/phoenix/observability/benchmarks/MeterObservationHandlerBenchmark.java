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

package io.phoenix.observability.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.phoenix.observability.autoconfigure.metrics.CachedMeterObservationHandler;

/**
 * Cost of the meters of one served request: an observation named
 * {@code http.server.requests} with the five low-cardinality key values of Spring's
 * server convention, started and stopped through an observation registry whose only
 * handler is Micrometer's {@link DefaultMeterObservationHandler} or Phoenix's
 * {@link CachedMeterObservationHandler}, on a Prometheus registry, with the
 * {@code .active} long task timer. The convention's work (computing the key values) is
 * the same for both and is left out: the key values are built per request, as the
 * convention builds them.
 *
 * @author Phoenix Observability
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MeterObservationHandlerBenchmark {

	@Param({ "micrometer", "phoenix" })
	public String handler;

	private ObservationRegistry observations;

	@Setup
	public void setup() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		MeterObservationHandler<?> meters = "phoenix".equals(this.handler) ? new CachedMeterObservationHandler(registry)
				: new DefaultMeterObservationHandler(registry);
		this.observations = ObservationRegistry.create();
		this.observations.observationConfig().observationHandler(meters);
	}

	@Benchmark
	public Observation.Context observe() {
		Observation.Context context = new Observation.Context();
		Observation observation = Observation.createNotStarted("http.server.requests", () -> context,
				this.observations);
		// As the convention does: one KeyValues per call, at start and at stop
		observation.lowCardinalityKeyValues(KeyValues.of("exception", "none", "method", "GET", "outcome", "SUCCESS",
				"status", "200", "uri", "/hello"));
		observation.start();
		observation.lowCardinalityKeyValues(KeyValues.of("exception", "none", "method", "GET", "outcome", "SUCCESS",
				"status", "200", "uri", "/hello"));
		observation.stop();
		return context;
	}

}
