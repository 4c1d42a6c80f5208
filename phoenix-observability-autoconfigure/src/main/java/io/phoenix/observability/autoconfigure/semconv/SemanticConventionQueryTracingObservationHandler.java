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

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import net.ttddyy.observation.tracing.DataSourceBaseContext;
import net.ttddyy.observation.tracing.QueryTracingObservationHandler;

/**
 * The JDBC query handler of datasource-micrometer, writing its spans in OpenTelemetry's
 * database conventions.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class SemanticConventionQueryTracingObservationHandler extends QueryTracingObservationHandler {

	private final JdbcSpanConvention convention = new JdbcSpanConvention();

	SemanticConventionQueryTracingObservationHandler(Tracer tracer) {
		super(tracer);
	}

	@Override
	public void onStop(DataSourceBaseContext context) {
		if (!this.convention.supports(context)) {
			super.onStop(context);
			return;
		}
		Span span = getRequiredSpan(context);
		String name = SpanConventions.tag(this.convention, context, span);
		customizeSenderSpan(context, span);
		span.name(name);
		endSpan(context, span);
	}

}
