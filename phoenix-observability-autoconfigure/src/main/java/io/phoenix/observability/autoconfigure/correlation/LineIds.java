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

import io.micrometer.observation.Observation;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.phoenix.observability.autoconfigure.condition.OpenTelemetryJavaAgent;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;

/**
 * Puts the ids of one of Phoenix's own log lines (access, outbound call, gRPC call,
 * pipeline run) in the MDC while it is logged, where the MDC lacks them: a line written
 * after the request's scope closed still carries them for any layout, an application's
 * own pattern ({@code %X{correlation_id}}, {@code %X{traceId}}) included.
 * <p>
 * The ids travel in the MDC only, never also as key-value pairs: an encoder that writes
 * both, as Phoenix's JSON encoder does, would write each field twice. Where OpenTelemetry
 * names the current span in the MDC ({@code trace_id}, {@code span_id}: its Java agent,
 * or its Log4j2 context-data provider on Log4j2), the JSON lines leave Micrometer's names
 * out and read those, so the trace ids are put under both.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class LineIds {

	/**
	 * MDC key of the trace id, as Micrometer Tracing names it.
	 */
	public static final String TRACE_ID = "traceId";

	/**
	 * MDC key of the span id, as Micrometer Tracing names it.
	 */
	public static final String SPAN_ID = "spanId";

	private static final ClassLoader CLASS_LOADER = LineIds.class.getClassLoader();

	private static final boolean OPENTELEMETRY_NAMES = OpenTelemetryJavaAgent.isAttached() || (ClassUtils.isPresent(
			"io.opentelemetry.instrumentation.log4j.contextdata.v2_17.OpenTelemetryContextDataProvider", CLASS_LOADER)
			&& !ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", CLASS_LOADER));

	private static final String[] KEYS = { CorrelationContext.CORRELATION_ID, CorrelationContext.REQUEST_ID, TRACE_ID,
			SPAN_ID, "trace_id", "span_id" };

	private static final boolean TRACING_PRESENT = ClassUtils
		.isPresent("io.micrometer.tracing.handler.TracingObservationHandler", CLASS_LOADER);

	private LineIds() {
	}

	/**
	 * Put the trace and span of an observation's span in the MDC, when the MDC holds no
	 * trace: a line written outside the request's scope, or outside any request.
	 * @param context the observation the line is about
	 * @return which ids were put, for {@link #remove(int)}
	 */
	public static int putTrace(Observation.Context context) {
		return (TRACING_PRESENT && MDC.get(TRACE_ID) == null) ? Tracing.putInMdc(context) : 0;
	}

	/**
	 * Put the given ids in the MDC, each only where the MDC has no value for it.
	 * @param correlationId the correlation id, or {@code null}
	 * @param requestId the request id, or {@code null}
	 * @param traceId the trace id, or {@code null}
	 * @param spanId the span id, or {@code null}
	 * @return which ids were put, for {@link #remove(int)}
	 */
	public static int put(@Nullable String correlationId, @Nullable String requestId, @Nullable String traceId,
			@Nullable String spanId) {
		// A bit per key rather than a list: no allocation per line
		int added = put(0, correlationId) | put(1, requestId) | put(2, traceId) | put(3, spanId);
		return OPENTELEMETRY_NAMES ? added | put(4, traceId) | put(5, spanId) : added;
	}

	/**
	 * Remove the ids that {@link #put} added, after the line was logged.
	 * @param added what {@link #put} returned
	 */
	public static void remove(int added) {
		for (int i = 0; added != 0 && i < KEYS.length; i++) {
			if ((added & (1 << i)) != 0) {
				MDC.remove(KEYS[i]);
			}
		}
	}

	private static int put(int index, @Nullable String value) {
		if (value == null || MDC.get(KEYS[index]) != null) {
			return 0;
		}
		MDC.put(KEYS[index], value);
		return 1 << index;
	}

	/**
	 * Kept apart so that Micrometer Tracing is only loaded where it is present.
	 */
	private static final class Tracing {

		static int putInMdc(Observation.Context context) {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (tracing == null || tracing.getSpan() == null) {
				return 0;
			}
			TraceContext trace = tracing.getSpan().context();
			return put(null, null, trace.traceId(), trace.spanId());
		}

	}

}
