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
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationExchangeFilterFunction implements ExchangeFilterFunction {

	private final String header;

	/**
	 * Create a new filter function.
	 * @param header the header that carries the correlation id
	 */
	public CorrelationExchangeFilterFunction(String header) {
		this.header = header;
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
			return next.exchange(ClientRequest.from(request).header(this.header, correlationId).build());
		});
	}

}
