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

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The correlation and request ids of the request being served.
 *
 * @param correlationId the id shared by every hop of a request
 * @param requestId the id of this hop
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record CorrelationContext(String correlationId, String requestId) {

	/**
	 * MDC key, log field and baggage name of the correlation id.
	 */
	public static final String CORRELATION_ID = "correlation_id";

	/**
	 * MDC key and log field of the request id.
	 */
	public static final String REQUEST_ID = "request_id";

	/**
	 * Key of the context in a Reactor {@code Context} and in exchange attributes.
	 */
	public static final String KEY = CorrelationContext.class.getName();

	/**
	 * Name of the request or exchange attribute that holds the request's trace context,
	 * formatted like {@code traceparent}.
	 */
	public static final String TRACE_RESPONSE = CorrelationContext.class.getName() + ".traceResponse";

	/**
	 * Put both ids into the MDC.
	 */
	public void putInMdc() {
		MDC.put(CORRELATION_ID, this.correlationId);
		MDC.put(REQUEST_ID, this.requestId);
	}

	/**
	 * Return the context held by the MDC of the current thread.
	 * @return the context, or {@code null} when there is no correlation id
	 */
	public static @Nullable CorrelationContext fromMdc() {
		String correlationId = MDC.get(CORRELATION_ID);
		return (correlationId != null) ? new CorrelationContext(correlationId, MDC.get(REQUEST_ID)) : null;
	}

	/**
	 * Add {@code correlation_id} and {@code trace_id} to an error body, where known.
	 * @param body the error body
	 * @param context the request's correlation context, or {@code null}
	 * @param traceResponse the request's trace context formatted like
	 * {@code traceparent}, or {@code null}
	 */
	static void addTo(Map<String, Object> body, @Nullable Object context, @Nullable Object traceResponse) {
		if (context instanceof CorrelationContext correlation) {
			body.put(CORRELATION_ID, correlation.correlationId());
		}
		if (traceResponse instanceof String value && value.length() >= 35) {
			// 00-<32 hex trace id>-<16 hex span id>-<flags>
			body.put("trace_id", value.substring(3, 35));
		}
	}

	/**
	 * Remove both ids from the MDC.
	 */
	public static void clearMdc() {
		MDC.remove(CORRELATION_ID);
		MDC.remove(REQUEST_ID);
	}

}
