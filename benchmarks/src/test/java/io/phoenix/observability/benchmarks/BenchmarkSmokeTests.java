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

import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark once, briefly, in a forked JVM with the GC profiler, to prove the
 * harness works. The numbers mean nothing; {@code benchmarks/run.sh} measures.
 *
 * @author Phoenix Observability
 */
class BenchmarkSmokeTests {

	@Test
	void everyBenchmarkProducesAScoreAndAnAllocationFigure() throws Exception {
		Options options = new OptionsBuilder().include("io\\.phoenix\\.observability\\..*Benchmark")
			.forks(1)
			.warmupIterations(1)
			.warmupTime(TimeValue.milliseconds(100))
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(100))
			.jvmArgsAppend("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto")
			.addProfiler(GCProfiler.class)
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		// 8 servlet filter (with and without a tracer), 2 reactive filter, 1 access
		// log, 4 encoders, 2 scrapes, 1 guard, 2 meter handlers, 2 server span handlers
		assertThat(results).hasSize(22);
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.getPrimaryResult().getScore()).isPositive();
			assertThat(result.getSecondaryResults()).containsKey("gc.alloc.rate.norm");
		});
	}

}
