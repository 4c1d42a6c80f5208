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

import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;

/**
 * Writes the span of one kind of observation in OpenTelemetry's semantic conventions.
 *
 * @param <C> the observation context it writes
 * @author Phoenix Observability
 * @since 0.1.0
 */
interface SpanConvention<C extends Observation.Context> {

	/**
	 * Return whether this convention writes the span of the given observation.
	 * @param context the observation's context
	 * @return whether it does
	 */
	boolean supports(Observation.Context context);

	/**
	 * Return whether this convention writes the observation's key under OpenTelemetry's
	 * names instead, or leaves it out; the other keys are written as they are.
	 * @param key the key name
	 * @return whether it does
	 */
	boolean replaces(String key);

	/**
	 * Write the span's attributes and, for a failure, its status.
	 * @param context the observation's context, stopped
	 * @param span the span
	 * @return the span's name
	 */
	String tag(C context, Span span);

}
