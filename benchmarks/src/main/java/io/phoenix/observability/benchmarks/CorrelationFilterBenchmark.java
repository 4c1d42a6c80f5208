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

import jakarta.servlet.FilterChain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.phoenix.observability.autoconfigure.correlation.CorrelationFilter;
import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;
import io.phoenix.observability.autoconfigure.correlation.CorrelationTracing;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Cost of the servlet correlation filter per request, against the same chain without it.
 * The request and response are reused so that only the filter's own work and allocation
 * are measured.
 *
 * @author Phoenix Observability
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CorrelationFilterBenchmark {

	private static final FilterChain CHAIN = (request, response) -> {
	};

	/**
	 * Whether the caller sent a correlation id (accepted) or not (generated).
	 */
	@Param({ "true", "false" })
	public boolean incomingHeader;

	private CorrelationFilter filter;

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	@Setup
	public void setup() {
		CorrelationProperties properties = new CorrelationProperties();
		this.filter = new CorrelationFilter(properties, CorrelationTracing.NONE);
		this.request = new MockHttpServletRequest("GET", "/hello/42");
		if (this.incomingHeader) {
			this.request.addHeader(properties.getHeader(), "3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b");
		}
		this.response = new MockHttpServletResponse();
	}

	@Benchmark
	public MockHttpServletResponse filter() throws Exception {
		this.filter.doFilter(this.request, this.response, CHAIN);
		return this.response;
	}

	@Benchmark
	public MockHttpServletResponse baseline() throws Exception {
		CHAIN.doFilter(this.request, this.response);
		return this.response;
	}

}
