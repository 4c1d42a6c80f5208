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
package io.phoenix.observability.autoconfigure.javaagent;

import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

/**
 * The first of the tracing handlers beside the OpenTelemetry Java agent: it takes the
 * requests received and the calls made (HTTP, gRPC, JDBC, messaging), which the agent
 * already makes a span of, and makes none, so that each operation has one span. The
 * observations' meters and the handlers of other kinds are unaffected; spans started
 * inside them are children of the agent's span, which is the current one.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class AgentSpansTracingObservationHandler implements TracingObservationHandler<Observation.Context> {

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ReceiverContext<?> || context instanceof SenderContext<?>;
	}

	@Override
	public void onStart(Observation.Context context) {
	}

	@Override
	public void onError(Observation.Context context) {
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
	}

	@Override
	public void onScopeReset(Observation.Context context) {
	}

	@Override
	public void onStop(Observation.Context context) {
	}

	@Override
	public Tracer getTracer() {
		// Never used: this handler starts no span
		return Tracer.NOOP;
	}

}
