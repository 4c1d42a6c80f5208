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

package io.phoenix.observability.autoconfigure.correlation;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WebFlux filter that gives every request a correlation id and a request id: puts them in
 * the Reactor context (from which the MDC of every operator is restored), echoes them on
 * the response with the trace context, and exposes them as an exchange attribute. A
 * request without the correlation header takes the id from its trace's baggage; the id
 * goes out as baggage through {@link CorrelationExchangeFilterFunction}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ReactiveCorrelationFilter implements WebFilter, Ordered {

	private final CorrelationProperties properties;

	private final CorrelationIds ids;

	private static final String BAGGAGE_HEADER = "baggage";

	private final CorrelationTracing tracing;

	/**
	 * Create a new filter.
	 * @param properties the correlation properties
	 * @param tracing access to the current trace
	 */
	public ReactiveCorrelationFilter(CorrelationProperties properties, CorrelationTracing tracing) {
		this.properties = properties;
		this.ids = new CorrelationIds(properties);
		this.tracing = tracing;
	}

	@Override
	public int getOrder() {
		return CorrelationFilter.ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String incoming = incomingCorrelationId(exchange);
		CorrelationContext context = new CorrelationContext(this.ids.acceptOrGenerate(incoming), this.ids.generate());
		String traceResponse = this.tracing.traceResponse(exchange.getAttributes());
		if (traceResponse != null) {
			exchange.getAttributes().put(CorrelationContext.TRACE_RESPONSE, traceResponse);
		}
		// Set when the response commits, so that headers a handler copied from a
		// downstream response (as gateways do) cannot replace this hop's ids
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set(this.properties.getHeader(), context.correlationId());
			headers.set(this.properties.getRequestIdHeader(), context.requestId());
			if (traceResponse != null && StringUtils.hasLength(this.properties.getTraceResponseHeader())) {
				headers.set(this.properties.getTraceResponseHeader(), traceResponse);
			}
			return Mono.empty();
		});
		exchange.getAttributes().put(CorrelationContext.KEY, context);
		return chain.filter(exchange)
			.contextWrite((reactorContext) -> reactorContext.put(CorrelationContext.KEY, context));
	}

	private String incomingCorrelationId(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		String header = headers.getFirst(this.properties.getHeader());
		if (header != null) {
			return header;
		}
		// As on servlet stacks: only a request that carries baggage (W3C's header or the
		// field's own remote header) is looked up in it
		boolean mayCarryBaggage = headers.containsHeader(BAGGAGE_HEADER)
				|| headers.containsHeader(CorrelationContext.CORRELATION_ID);
		return mayCarryBaggage ? this.tracing.incomingCorrelationId(exchange.getAttributes()) : null;
	}

}
