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

import org.jspecify.annotations.Nullable;

/**
 * What the correlation filters need from tracing, so that they work without a tracer on
 * the class path.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public interface CorrelationTracing {

	/**
	 * Tracing that is off: no trace response, no baggage.
	 */
	CorrelationTracing NONE = new CorrelationTracing() {
	};

	/**
	 * Return the correlation id carried by the incoming trace's baggage.
	 * @return the id, or {@code null}
	 */
	default @Nullable String incomingCorrelationId() {
		return null;
	}

	/**
	 * Return the correlation id carried by the baggage of the trace of the server
	 * observation held in a reactive exchange's attributes.
	 * @param exchangeAttributes the exchange attributes
	 * @return the id, or {@code null}
	 */
	default @Nullable String incomingCorrelationId(Map<String, Object> exchangeAttributes) {
		return null;
	}

	/**
	 * Write the propagation headers of an outgoing request again, with the correlation id
	 * in the baggage of the request's trace, for clients whose observation started where
	 * no baggage was in scope (a {@code WebClient} subscribed on an event loop).
	 * @param clientObservation the outgoing request's observation, as found in its
	 * Reactor context; anything else is ignored
	 * @param correlationId the id
	 * @param headers receives each header to set, replacing any value it has
	 * @return whether headers were written
	 */
	default boolean propagateInBaggage(Object clientObservation, String correlationId,
			BiConsumer<String, String> headers) {
		return false;
	}

	/**
	 * Enter the current trace with a request's correlation id: put the id into the
	 * trace's baggage, so that it travels to downstream services, and return the trace
	 * context formatted like {@code traceparent}.
	 * @param correlationId the id
	 * @return the scope to close when the request ends, with the trace response
	 */
	default TraceScope enterCurrentTrace(String correlationId) {
		return TraceScope.NONE;
	}

	/**
	 * Return the trace context of the server observation held in a reactive exchange's
	 * attributes, formatted like {@code traceparent}.
	 * @param exchangeAttributes the exchange attributes
	 * @return the value, or {@code null} when there is no span
	 */
	default @Nullable String traceResponse(Map<String, Object> exchangeAttributes) {
		return null;
	}

	/**
	 * The scope of a request in its trace, with the trace context it was entered in;
	 * closing it ends without an exception.
	 */
	@FunctionalInterface
	interface TraceScope extends AutoCloseable {

		/**
		 * Outside any trace: no trace response, nothing to close.
		 */
		TraceScope NONE = () -> null;

		/**
		 * Return the trace context formatted like {@code traceparent}.
		 * @return the value, or {@code null} when there is no current span
		 */
		@Nullable String traceResponse();

		@Override
		default void close() {
		}

	}

}
