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

import java.util.List;
import java.util.function.BiConsumer;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import org.jspecify.annotations.Nullable;

/**
 * The span conventions in use, and how a span is written with one: the convention's
 * attributes in OpenTelemetry's names, then every other key value of the observation as
 * the tracing handlers write it (the user's own conventions and filters keep theirs).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class SpanConventions {

	private final List<SpanConvention<?>> conventions;

	SpanConventions(List<SpanConvention<?>> conventions) {
		this.conventions = List.copyOf(conventions);
	}

	/**
	 * Return the convention that writes the span of the given observation.
	 * @param context the observation's context
	 * @return the convention, or {@code null} if none does
	 */
	@Nullable SpanConvention<?> find(Observation.Context context) {
		for (SpanConvention<?> convention : this.conventions) {
			if (convention.supports(context)) {
				return convention;
			}
		}
		return null;
	}

	/**
	 * Write, name and end the span of a stopped observation, if a convention knows it.
	 * @param <C> the type of the context
	 * @param context the observation's context, stopped
	 * @param handler the tracing handler that started the span
	 * @param customizer the handler's customization of the span before it ends
	 * @return whether a convention wrote the span; if not, the handler ends it as
	 * Micrometer does
	 */
	<C extends Observation.Context> boolean end(C context, TracingObservationHandler<C> handler,
			BiConsumer<C, Span> customizer) {
		SpanConvention<?> convention = find(context);
		if (convention == null) {
			return false;
		}
		Span span = handler.getRequiredSpan(context);
		String name = tag(convention, context, span);
		customizer.accept(context, span);
		span.name(name);
		handler.endSpan(context, span);
		return true;
	}

	/**
	 * Write the span with the convention and return its name.
	 * @param convention the convention, which supports the context
	 * @param context the observation's context, stopped
	 * @param span the span
	 * @return the span's name
	 */
	@SuppressWarnings("unchecked")
	static String tag(SpanConvention<?> convention, Observation.Context context, Span span) {
		for (KeyValue keyValue : context.getAllKeyValues()) {
			String key = keyValue.getKey();
			if (key.equalsIgnoreCase("ERROR")) {
				span.error(new RuntimeException(keyValue.getValue()));
			}
			else if (!convention.replaces(key)) {
				span.tag(key, keyValue.getValue());
			}
		}
		return ((SpanConvention<Observation.Context>) convention).tag(context, OtelSpan.toOtel(span));
	}

}
