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
package io.phoenix.observability.autoconfigure.semconv;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Cost of one served request's server span: an observation with Spring's server
 * convention, started and stopped through Micrometer's receiver tracing handler, which
 * writes Micrometer's names, or Phoenix's, which writes OpenTelemetry's semantic
 * conventions (more attributes, typed). Every span is recorded, as tail sampling records
 * them; the span processor does nothing, so the span's own cost is measured. In this
 * package because the handler is package-private.
 *
 * @author Phoenix Observability
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServerSpanBenchmark {

	@Param({ "micrometer", "semantic-conventions" })
	public String handler;

	private SdkTracerProvider tracerProvider;

	private ObservationRegistry observations;

	private final DefaultServerRequestObservationConvention convention = new DefaultServerRequestObservationConvention();

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	@Setup
	public void setup() {
		this.tracerProvider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
		OtelCurrentTraceContext currentTraceContext = new OtelCurrentTraceContext();
		io.opentelemetry.api.trace.Tracer otelTracer = this.tracerProvider.get("benchmark");
		OtelTracer tracer = new OtelTracer(otelTracer, currentTraceContext, (event) -> {
		}, new OtelBaggageManager(currentTraceContext, List.of(), List.of()));
		OtelPropagator propagator = new OtelPropagator(
				ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelTracer);
		PropagatingReceiverTracingObservationHandler<?> receiver = "semantic-conventions".equals(this.handler)
				? new SemanticConventionReceiverTracingObservationHandler(tracer, propagator,
						PhoenixSemanticConventionsAutoConfiguration.spanConventions())
				: new PropagatingReceiverTracingObservationHandler<>(tracer, propagator);
		this.observations = ObservationRegistry.create();
		this.observations.observationConfig().observationHandler(receiver);
		this.request = new MockHttpServletRequest("GET", "/orders/42");
		this.request.setServerName("127.0.0.1");
		this.request.setServerPort(8080);
		this.request.setRemoteAddr("127.0.0.1");
		this.request.addHeader("User-Agent", "wrk/4.2");
		this.response = new MockHttpServletResponse();
	}

	@TearDown
	public void close() {
		this.tracerProvider.close();
	}

	@Benchmark
	public Observation.Context serve() {
		ServerRequestObservationContext context = new ServerRequestObservationContext(this.request, this.response);
		context.setPathPattern("/orders/{id}");
		Observation observation = Observation.createNotStarted(null, this.convention, () -> context, this.observations);
		observation.start();
		observation.stop();
		return context;
	}

}
