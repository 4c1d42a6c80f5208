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

package io.phoenix.observability.autoconfigure.requestlog;

import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Runs an {@link ErrorWebExceptionHandler}, such as Spring Boot's, with the request's
 * {@link CorrelationContext} in its Reactor context, so that the ERROR line it writes for
 * an unhandled exception ("500 Server Error for HTTP GET ...") carries
 * {@code correlation_id} and {@code request_id} next to the trace ids.
 * <p>
 * The correlation filter puts the ids into the Reactor context of the filter chain only;
 * WebFlux runs its exception handlers outside that chain, where the trace is known but
 * the ids are not. With {@code spring.reactor.context-propagation=auto} (Phoenix's
 * default), the MDC of the handler's operators is restored from this context. Only
 * failures pass through here: a successful request costs nothing.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelatingErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private final ErrorWebExceptionHandler delegate;

	/**
	 * Create a new handler.
	 * @param delegate the handler that renders and logs the error
	 */
	public CorrelatingErrorWebExceptionHandler(ErrorWebExceptionHandler delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		Object correlation = exchange.getAttribute(CorrelationContext.KEY);
		Mono<Void> handled = this.delegate.handle(exchange, ex);
		return (correlation != null) ? handled.contextWrite(Context.of(CorrelationContext.KEY, correlation)) : handled;
	}

	/**
	 * Return the handler this one delegates to.
	 * @return the delegate
	 */
	public ErrorWebExceptionHandler getDelegate() {
		return this.delegate;
	}

	/**
	 * Wraps every {@link ErrorWebExceptionHandler} bean. The bean's order is kept: it
	 * comes from its bean definition.
	 */
	public static class PostProcessor implements BeanPostProcessor {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof ErrorWebExceptionHandler handler
					&& !(bean instanceof CorrelatingErrorWebExceptionHandler)) {
				return new CorrelatingErrorWebExceptionHandler(handler);
			}
			return bean;
		}

	}

}
