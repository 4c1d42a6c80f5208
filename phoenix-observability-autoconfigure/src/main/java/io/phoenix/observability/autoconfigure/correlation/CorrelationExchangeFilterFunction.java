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

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds the correlation id of the subscriber's Reactor context (or, failing that, of the
 * MDC) to outgoing {@code WebClient} requests, unless the caller set the header itself.
 * With tracing, the id also goes out in the trace's baggage, as from Spring MVC: when the
 * request's observation wrote no {@code correlation_id} baggage (it reads baggage from
 * the thread, and a WebFlux server holds the id in its Reactor context), the propagation
 * headers are written again with the id in the baggage of the request's trace.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationExchangeFilterFunction implements ExchangeFilterFunction {

	private static final String OBSERVATION_KEY = "micrometer.observation";

	private static final String BAGGAGE_HEADER = "baggage";

	private static final String BAGGAGE_ENTRY = CorrelationContext.CORRELATION_ID + "=";

	private final String header;

	private final CorrelationTracing tracing;

	/**
	 * Create a new filter function that adds the header only.
	 * @param header the header that carries the correlation id
	 */
	public CorrelationExchangeFilterFunction(String header) {
		this(header, CorrelationTracing.NONE);
	}

	/**
	 * Create a new filter function.
	 * @param header the header that carries the correlation id
	 * @param tracing access to the trace, for the baggage
	 */
	public CorrelationExchangeFilterFunction(String header, CorrelationTracing tracing) {
		this.header = header;
		this.tracing = tracing;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(this.header)) {
			return next.exchange(request);
		}
		return Mono.deferContextual((context) -> {
			CorrelationContext correlation = context.getOrDefault(CorrelationContext.KEY, null);
			if (correlation == null) {
				correlation = CorrelationContext.fromMdc();
			}
			if (correlation == null) {
				return next.exchange(request);
			}
			String correlationId = correlation.correlationId();
			ClientRequest.Builder builder = ClientRequest.from(request).header(this.header, correlationId);
			if (!carriesCorrelationBaggage(request)) {
				// The request's own observation, which Spring puts in the context of its
				// filters
				Object observation = context.getOrDefault(OBSERVATION_KEY, null);
				if (observation != null) {
					this.tracing.propagateInBaggage(observation, correlationId,
							(name, value) -> builder.headers((headers) -> headers.set(name, value)));
				}
			}
			return next.exchange(builder.build());
		});
	}

	private static boolean carriesCorrelationBaggage(ClientRequest request) {
		String baggage = request.headers().getFirst(BAGGAGE_HEADER);
		return (baggage != null && baggage.contains(BAGGAGE_ENTRY))
				|| request.headers().containsHeader(CorrelationContext.CORRELATION_ID);
	}

}
