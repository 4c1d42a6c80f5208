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

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.EventListener;
import io.micrometer.tracing.otel.bridge.EventPublishingContextWrapper;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.otel.bridge.Slf4JBaggageEventListener;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.servlet.FilterChain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.phoenix.observability.autoconfigure.correlation.CorrelationFilter;
import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;
import io.phoenix.observability.autoconfigure.correlation.CorrelationTracing;
import io.phoenix.observability.autoconfigure.correlation.MicrometerCorrelationTracing;

import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Cost of the servlet correlation filter per request, against the same chain without it.
 * The request and response are reused so that only the filter's own work and allocation
 * are measured.
 * <p>
 * With {@code tracing=otel} the filter runs inside a sampled server span of the
 * OpenTelemetry SDK, behind Micrometer Tracing's bridge wired as Spring Boot wires it at
 * its defaults (the context storage publishes scope events to the MDC listeners, baggage
 * through {@code OtelBaggageManager}), so that the trace response and the baggage scope
 * are measured too; with {@code none} there is no tracer.
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

	/**
	 * The tracing behind the filter: none, or OpenTelemetry through Micrometer Tracing.
	 */
	@Param({ "none", "otel" })
	public String tracing;

	private SdkTracerProvider tracerProvider;

	private Span serverSpan;

	private Tracer.SpanInScope serverScope;

	private CorrelationFilter filter;

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	@Setup
	public void setup() throws Exception {
		CorrelationProperties properties = new CorrelationProperties();
		this.filter = new CorrelationFilter(properties,
				"otel".equals(this.tracing) ? openServerSpan() : CorrelationTracing.NONE);
		// As the servlet container does when it starts the filter
		this.filter.init(new MockFilterConfig("correlationFilter"));
		this.request = new MockHttpServletRequest("GET", "/hello/42");
		if (this.incomingHeader) {
			this.request.addHeader(properties.getHeader(), "3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b");
		}
		this.response = new MockHttpServletResponse();
	}

	private CorrelationTracing openServerSpan() {
		// Spring Boot's defaults: no remote, tag or correlation fields, the MDC listeners
		// of trace ids and baggage on the context storage
		List<EventListener> listeners = List.of(new Slf4JEventListener(), new Slf4JBaggageEventListener(List.of()));
		OtelTracer.EventPublisher publisher = (event) -> {
			for (EventListener listener : listeners) {
				listener.onEvent(event);
			}
		};
		ContextStorage.addWrapper(new EventPublishingContextWrapper(publisher));
		this.tracerProvider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
		OtelCurrentTraceContext currentTraceContext = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(this.tracerProvider.get("benchmark"), currentTraceContext, publisher,
				new OtelBaggageManager(currentTraceContext, List.of(), List.of()));
		// As the server observation's tracing handler does before the filter runs
		this.serverSpan = tracer.nextSpan().name("http get /hello/{id}").start();
		this.serverScope = tracer.withSpan(this.serverSpan);
		return new MicrometerCorrelationTracing(tracer);
	}

	@TearDown
	public void closeServerSpan() {
		if (this.serverScope != null) {
			this.serverScope.close();
			this.serverSpan.end();
			this.tracerProvider.close();
		}
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
