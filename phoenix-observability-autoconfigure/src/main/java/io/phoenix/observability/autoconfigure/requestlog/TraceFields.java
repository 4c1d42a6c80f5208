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

package io.phoenix.observability.autoconfigure.requestlog;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.phoenix.observability.autoconfigure.correlation.LineIds;
import io.phoenix.observability.autoconfigure.tracing.TraceKeeping;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.util.ClassUtils;

/**
 * Adds the trace and span ids of an observation to a log line, unless the MDC already
 * carries them, so that a request log line written after the request's scope closed still
 * names its trace.
 *
 * @author Phoenix Observability
 */
final class TraceFields {

	/**
	 * Log field that says whether the request's trace is kept, so exported.
	 */
	static final String TRACE_KEPT = "trace_kept";

	private static final boolean TRACING_PRESENT = ClassUtils
		.isPresent("io.micrometer.tracing.handler.TracingObservationHandler", TraceFields.class.getClassLoader());

	private TraceFields() {
	}

	/**
	 * Put the line's ids in the MDC where it lacks them: the given correlation ids, and
	 * the trace and span of the observation when the MDC holds no trace.
	 * @param context the observation the line is about
	 * @param correlationId the correlation id, or {@code null}
	 * @param requestId the request id, or {@code null}
	 * @return what to hand to {@link LineIds#remove(int)} once the line is logged
	 */
	static int putInMdc(Observation.Context context, @Nullable String correlationId, @Nullable String requestId) {
		return LineIds.put(correlationId, requestId, null, null) | LineIds.putTrace(context);
	}

	/**
	 * Add {@value #TRACE_KEPT} to a line about a request: whether its trace is kept.
	 * @param line the line
	 * @param context the request's observation
	 * @param keeping decides in tail mode, or {@code null}: the trace is kept when it was
	 * sampled as it started
	 * @param route the route template of the request
	 * @param failed whether the request failed
	 * @param durationNanos how long the request took
	 * @return the line
	 */
	static LoggingEventBuilder addKept(LoggingEventBuilder line, Observation.Context context, TraceKeeping keeping,
			String route, boolean failed, long durationNanos) {
		return TRACING_PRESENT ? Tracing.addKept(line, context, keeping, route, failed, durationNanos) : line;
	}

	/**
	 * Kept apart so that Micrometer Tracing is only loaded where it is present.
	 */
	private static final class Tracing {

		static LoggingEventBuilder addKept(LoggingEventBuilder line, Observation.Context context, TraceKeeping keeping,
				String route, boolean failed, long durationNanos) {
			TracingObservationHandler.TracingContext tracing = context
				.get(TracingObservationHandler.TracingContext.class);
			if (tracing == null || tracing.getSpan() == null || tracing.getSpan().isNoop()) {
				return line;
			}
			TraceContext trace = tracing.getSpan().context();
			boolean sampled = Boolean.TRUE.equals(trace.sampled());
			boolean kept = (keeping != null) ? keeping.isKept(trace.traceId(), route, sampled, failed, durationNanos)
					: sampled;
			return line.addKeyValue(TRACE_KEPT, kept);
		}

	}

}
