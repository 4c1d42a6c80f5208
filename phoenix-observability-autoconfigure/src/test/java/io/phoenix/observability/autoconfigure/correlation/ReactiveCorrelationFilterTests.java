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

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactiveCorrelationFilter}.
 *
 * @author Phoenix Observability
 */
class ReactiveCorrelationFilterTests {

	private final AtomicReference<CorrelationContext> contextInChain = new AtomicReference<>();

	// Behaves like a gateway handler: copies a downstream hop's ids, then writes the
	// response; the filter's own ids must be the ones that reach the caller
	private final WebFilterChain chain = (exchange) -> Mono.deferContextual((context) -> {
		this.contextInChain.set(context.getOrDefault(CorrelationContext.KEY, null));
		exchange.getResponse().getHeaders().set("X-Correlation-ID", "copied-from-downstream");
		exchange.getResponse().getHeaders().set("X-Request-ID", "copied-from-downstream");
		exchange.getResponse().getHeaders().set("traceresponse", "copied-from-downstream");
		return exchange.getResponse().setComplete();
	});

	@Test
	void echoesIncomingIdAndPutsContextInReactorContext() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/orders").header("X-Correlation-ID", "abc-123"));
		filter(CorrelationTracing.NONE).filter(exchange, this.chain).block();
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Correlation-ID")).isEqualTo("abc-123");
		String requestId = exchange.getResponse().getHeaders().getFirst("X-Request-ID");
		assertThat(requestId).matches("[0-9a-f]{32}");
		CorrelationContext expected = new CorrelationContext("abc-123", requestId);
		assertThat(this.contextInChain.get()).isEqualTo(expected);
		assertThat((Object) exchange.getAttribute(CorrelationContext.KEY)).isEqualTo(expected);
	}

	@Test
	void generatesIdWhenMissing() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders"));
		filter(CorrelationTracing.NONE).filter(exchange, this.chain).block();
		String correlationId = exchange.getResponse().getHeaders().getFirst("X-Correlation-ID");
		assertThat(correlationId).matches("[0-9a-f]{32}");
		assertThat(this.contextInChain.get().correlationId()).isEqualTo(correlationId);
	}

	@Test
	void replacesHostileHeader() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/orders").header("X-Correlation-ID", "x".repeat(5000)));
		filter(CorrelationTracing.NONE).filter(exchange, this.chain).block();
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Correlation-ID")).matches("[0-9a-f]{32}");
	}

	@Test
	void addsTraceResponseFromTracing() {
		CorrelationTracing tracing = new CorrelationTracing() {

			@Override
			public String traceResponse(Map<String, Object> exchangeAttributes) {
				return "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
			}

		};
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders"));
		filter(tracing).filter(exchange, this.chain).block();
		assertThat(exchange.getResponse().getHeaders().getFirst("traceresponse"))
			.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
		assertThat((Object) exchange.getAttribute(CorrelationContext.TRACE_RESPONSE))
			.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
	}

	private ReactiveCorrelationFilter filter(CorrelationTracing tracing) {
		return new ReactiveCorrelationFilter(new CorrelationProperties(), tracing);
	}

}
