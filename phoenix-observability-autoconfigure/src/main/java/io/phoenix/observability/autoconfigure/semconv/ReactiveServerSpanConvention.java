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

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * A reactive request's server span, as OpenTelemetry's HTTP server conventions name it:
 * {@code GET /orders/{id}}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class ReactiveServerSpanConvention implements SpanConvention<ServerRequestObservationContext> {

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
		ServerHttpRequest request = context.getCarrier();
		String method = HttpSpanAttributes.method(span, request.getMethod().name());
		String route = context.getPathPattern();
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.HTTP_ROUTE, route);
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.URL_PATH, request.getPath().value());
		URI uri = request.getURI();
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.URL_SCHEME, uri.getScheme());
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.SERVER_ADDRESS, uri.getHost());
		if (uri.getPort() > 0) {
			span.setAttribute(HttpSpanAttributes.SERVER_PORT, uri.getPort());
		}
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.USER_AGENT_ORIGINAL,
				request.getHeaders().getFirst("User-Agent"));
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote != null && remote.getAddress() != null) {
			span.setAttribute(HttpSpanAttributes.CLIENT_ADDRESS, remote.getAddress().getHostAddress());
		}
		HttpSpanAttributes.serverOutcome(span, status(context), context.getError());
		return HttpSpanAttributes.name(method, route);
	}

	private static int status(ServerRequestObservationContext context) {
		ServerHttpResponse response = context.getResponse();
		HttpStatusCode status = (response != null) ? response.getStatusCode() : null;
		if (status != null) {
			return status.value();
		}
		// A request that failed before a status was set is answered with 500
		return (context.getError() != null) ? 500 : 0;
	}

}
