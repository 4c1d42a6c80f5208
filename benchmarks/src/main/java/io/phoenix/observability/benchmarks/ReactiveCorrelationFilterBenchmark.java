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

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;
import io.phoenix.observability.autoconfigure.correlation.CorrelationTracing;
import io.phoenix.observability.autoconfigure.correlation.ReactiveCorrelationFilter;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Cost of the reactive correlation filter per request, including the headers it sets when
 * the response commits, against the same exchange without it.
 *
 * @author Phoenix Observability
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReactiveCorrelationFilterBenchmark {

	private static final WebFilterChain CHAIN = (exchange) -> exchange.getResponse().setComplete();

	private ReactiveCorrelationFilter filter;

	private MockServerHttpRequest request;

	@Setup
	public void setup() {
		this.filter = new ReactiveCorrelationFilter(new CorrelationProperties(), CorrelationTracing.NONE);
		this.request = MockServerHttpRequest.get("/hello/42").build();
	}

	@Benchmark
	public MockServerWebExchange filter() {
		MockServerWebExchange exchange = MockServerWebExchange.from(this.request);
		this.filter.filter(exchange, CHAIN).block();
		return exchange;
	}

	@Benchmark
	public MockServerWebExchange baseline() {
		MockServerWebExchange exchange = MockServerWebExchange.from(this.request);
		CHAIN.filter(exchange).then(Mono.empty()).block();
		return exchange;
	}

}
