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

import io.micrometer.core.instrument.Counter;
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

/**
 * Cost of one Prometheus scrape (text format) of a registry holding the given number of
 * counter series, shaped like {@code http.server.requests} tags.
 *
 * @author Phoenix Observability
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrometheusScrapeBenchmark {

	/**
	 * Number of series in the registry.
	 */
	@Param({ "500", "5000" })
	public int series;

	private PrometheusMeterRegistry registry;

	@Setup
	public void setup() {
		this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		String[] statuses = { "200", "201", "400", "404", "500" };
		for (int i = 0; i < this.series; i++) {
			Counter.builder("phoenix.bench.requests")
				.tag("method", "GET")
				.tag("uri", "/route" + (i / statuses.length) + "/{id}")
				.tag("status", statuses[i % statuses.length])
				.register(this.registry)
				.increment(i);
		}
	}

	@Benchmark
	public String scrape() {
		return this.registry.scrape();
	}

}
