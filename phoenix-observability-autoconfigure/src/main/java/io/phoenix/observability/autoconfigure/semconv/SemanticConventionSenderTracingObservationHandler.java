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

import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Micrometer's handler for the spans of calls made, writing the calls that a
 * {@link SpanConvention} knows in OpenTelemetry's semantic conventions.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class SemanticConventionSenderTracingObservationHandler
		extends PropagatingSenderTracingObservationHandler<SenderContext<?>> {

	private final SpanConventions conventions;

	SemanticConventionSenderTracingObservationHandler(Tracer tracer, Propagator propagator,
			SpanConventions conventions) {
		super(tracer, propagator);
		this.conventions = conventions;
	}

	@Override
	public void onStop(SenderContext<?> context) {
		if (!this.conventions.end(context, this, this::customizeSenderSpan)) {
			super.onStop(context);
		}
	}

}
