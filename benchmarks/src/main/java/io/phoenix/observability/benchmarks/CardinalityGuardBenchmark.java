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

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.phoenix.observability.autoconfigure.metrics.CardinalityGuardMeterFilter;

/**
 * Cost of the cardinality guard on a meter id whose guarded tag value was already
 * admitted, which is the case on every request once a route has been seen.
 *
 * @author Phoenix Observability
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CardinalityGuardBenchmark {

	private CardinalityGuardMeterFilter filter;

	private Meter.Id id;

	@Setup
	public void setup() {
		this.filter = new CardinalityGuardMeterFilter(List.of("uri"), 100);
		this.id = new Meter.Id("http.server.requests",
				Tags.of("method", "GET", "uri", "/hello/{id}", "status", "200", "outcome", "SUCCESS"), null, null,
				Meter.Type.TIMER);
		this.filter.map(this.id);
	}

	@Benchmark
	public Meter.Id map() {
		return this.filter.map(this.id);
	}

}
