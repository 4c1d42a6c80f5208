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

import java.io.IOException;

import org.slf4j.MDC;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the current correlation id to outgoing {@code RestClient} and {@code RestTemplate}
 * requests, unless the caller set the header itself.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final String header;

	/**
	 * Create a new interceptor.
	 * @param header the header that carries the correlation id
	 */
	public CorrelationClientHttpRequestInterceptor(String header) {
		this.header = header;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String correlationId = MDC.get(CorrelationContext.CORRELATION_ID);
		if (correlationId != null && !request.getHeaders().containsHeader(this.header)) {
			request.getHeaders().set(this.header, correlationId);
		}
		return execution.execute(request, body);
	}

}
