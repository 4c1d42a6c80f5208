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

import java.util.Set;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * A {@code WebClient} call's client span, as OpenTelemetry's HTTP client conventions name
 * it: {@code GET /orders/{id}} with the URL template, {@code GET} without.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class WebClientSpanConvention implements SpanConvention<ClientRequestObservationContext> {

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof ClientRequestObservationContext;
	}

	@Override
	public boolean replaces(String key) {
		return HttpSpanAttributes.SPRING_KEYS.contains(key);
	}

	@Override
	public String tag(ClientRequestObservationContext context, Span span) {
		ClientRequest request = context.getRequest();
		String method = HttpSpanAttributes.method(span, (request != null) ? request.method().name() : null);
		if (request != null) {
			HttpSpanAttributes.url(span, request.url());
		}
		String template = HttpSpanAttributes.pathTemplate(context.getUriTemplate());
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.URL_TEMPLATE, template);
		ClientResponse response = context.getResponse();
		HttpSpanAttributes.clientOutcome(span, (response != null) ? response.statusCode().value() : 0,
				context.getError());
		return HttpSpanAttributes.name(method, template);
	}

}
