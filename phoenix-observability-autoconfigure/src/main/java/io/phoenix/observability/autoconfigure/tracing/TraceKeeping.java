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

package io.phoenix.observability.autoconfigure.tracing;

import org.jspecify.annotations.Nullable;

/**
 * Tells whether the local trace of a request that just completed is kept, for the access
 * log. Free of OpenTelemetry types, so that callers need no tracing on the class path.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@FunctionalInterface
public interface TraceKeeping {

	/**
	 * Whether a request's local trace is kept, by what is known when the request
	 * completed.
	 * @param traceId the trace id
	 * @param route the route template of the request, or {@code null} when unknown
	 * @param sampled whether the trace was sampled when it started
	 * @param failed whether the request failed
	 * @param durationNanos how long the request took
	 * @return whether the trace is kept
	 */
	boolean isKept(String traceId, @Nullable String route, boolean sampled, boolean failed, long durationNanos);

}
