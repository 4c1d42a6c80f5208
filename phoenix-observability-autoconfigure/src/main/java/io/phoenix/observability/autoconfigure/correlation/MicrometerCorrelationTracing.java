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

package io.phoenix.observability.autoconfigure.correlation;

import java.util.Map;
import java.util.function.BiConsumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * {@link CorrelationTracing} on Micrometer Tracing.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class MicrometerCorrelationTracing implements CorrelationTracing {

	private final Tracer tracer;

	private final Propagator propagator;

	/**
	 * Create a new instance that propagates no baggage of its own.
	 * @param tracer the tracer
	 */
	public MicrometerCorrelationTracing(Tracer tracer) {
		this(tracer, Propagator.NOOP);
	}

	/**
	 * Create a new instance.
	 * @param tracer the tracer
	 * @param propagator the propagator that writes the trace context of outgoing requests
	 */
	public MicrometerCorrelationTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public String incomingCorrelationId() {
		Baggage baggage = this.tracer.getBaggage(CorrelationContext.CORRELATION_ID);
		return (baggage != null) ? baggage.get() : null;
	}

	@Override
	public String incomingCorrelationId(Map<String, Object> exchangeAttributes) {
		// The server span's context holds the baggage extracted from the request
		Span span = serverSpan(exchangeAttributes);
		Baggage baggage = (span != null) ? this.tracer.getBaggage(span.context(), CorrelationContext.CORRELATION_ID)
				: null;
		return (baggage != null) ? baggage.get() : null;
	}

	@Override
	public boolean propagateInBaggage(Object clientObservation, String correlationId,
			BiConsumer<String, String> headers) {
		if (!(clientObservation instanceof Observation observation)
				|| !(observation.getContext() instanceof SenderContext<?> context)) {
			return false;
		}
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		if (span == null) {
			return false;
		}
		// The propagators read baggage from the current OpenTelemetry context: put it
		// there, on the client span's trace context, only while they write the headers
		try (BaggageInScope baggage = this.tracer.createBaggageInScope(span.context(),
				CorrelationContext.CORRELATION_ID, correlationId)) {
			this.propagator.inject(span.context(), headers, BiConsumer::accept);
		}
		return true;
	}

	@Override
	public TraceScope enterCurrentTrace(String correlationId) {
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return TraceScope.NONE;
		}
		// One object is both the scope and its trace response, and the span is looked up
		// once for both
		return new BaggageTraceScope(format(span.context()),
				this.tracer.createBaggageInScope(CorrelationContext.CORRELATION_ID, correlationId));
	}

	@Override
	public String traceResponse(Map<String, Object> exchangeAttributes) {
		Span span = serverSpan(exchangeAttributes);
		return (span != null) ? format(span.context()) : null;
	}

	private static Span serverSpan(Map<String, Object> exchangeAttributes) {
		return ServerRequestObservationContext.findCurrent(exchangeAttributes)
			.map((context) -> context.<TracingObservationHandler.TracingContext>get(
					TracingObservationHandler.TracingContext.class))
			.map(TracingObservationHandler.TracingContext::getSpan)
			.orElse(null);
	}

	static String format(TraceContext context) {
		String flags = Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00";
		return "00-" + context.traceId() + "-" + context.spanId() + flags;
	}

	private record BaggageTraceScope(String traceResponse, BaggageInScope baggage) implements TraceScope {

		@Override
		public void close() {
			this.baggage.close();
		}

	}

}
