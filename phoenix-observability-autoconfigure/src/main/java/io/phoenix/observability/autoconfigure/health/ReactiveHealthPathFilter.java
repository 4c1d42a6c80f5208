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

package io.phoenix.observability.autoconfigure.health;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * WebFlux filter that routes a request for a standard health path to the actuator
 * endpoint that serves it.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ReactiveHealthPathFilter implements WebFilter, Ordered {

	private final HealthPathMapper mapper;

	/**
	 * Create a new filter.
	 * @param mapper the path mapper
	 */
	public ReactiveHealthPathFilter(HealthPathMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public int getOrder() {
		return HealthPathFilter.ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String target = this.mapper.map(exchange.getRequest().getPath().pathWithinApplication().value());
		if (target == null) {
			return chain.filter(exchange);
		}
		String contextPath = exchange.getRequest().getPath().contextPath().value();
		return chain.filter(exchange.mutate().request((request) -> request.path(contextPath + target)).build());
	}

}
