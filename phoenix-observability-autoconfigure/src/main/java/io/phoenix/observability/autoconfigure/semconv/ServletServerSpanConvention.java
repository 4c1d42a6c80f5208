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
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * A servlet request's server span, as OpenTelemetry's HTTP server conventions name it:
 * {@code GET /orders/{id}}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class ServletServerSpanConvention implements SpanConvention<ServerRequestObservationContext> {

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public boolean replaces(String key) {
		return HttpSpanAttributes.SPRING_KEYS.contains(key);
	}

	@Override
	public String tag(ServerRequestObservationContext context, Span span) {
		HttpServletRequest request = context.getCarrier();
		String method = HttpSpanAttributes.method(span, request.getMethod());
		String route = context.getPathPattern();
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.HTTP_ROUTE, route);
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.URL_PATH, request.getRequestURI());
		span.setAttribute(HttpSpanAttributes.URL_SCHEME, request.getScheme());
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.SERVER_ADDRESS, request.getServerName());
		span.setAttribute(HttpSpanAttributes.SERVER_PORT, request.getServerPort());
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.NETWORK_PROTOCOL_VERSION,
				HttpSpanAttributes.protocolVersion(request.getProtocol()));
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.USER_AGENT_ORIGINAL, request.getHeader("User-Agent"));
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.CLIENT_ADDRESS, request.getRemoteAddr());
		HttpServletResponse response = context.getResponse();
		HttpSpanAttributes.serverOutcome(span, (response != null) ? response.getStatus() : 0, context.getError());
		return HttpSpanAttributes.name(method, route);
	}

}
