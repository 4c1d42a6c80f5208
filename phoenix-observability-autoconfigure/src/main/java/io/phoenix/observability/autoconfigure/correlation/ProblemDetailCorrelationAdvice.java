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

import org.slf4j.MDC;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@code correlation_id} and {@code trace_id} to every RFC 9457 problem detail
 * written by Spring MVC, so that an error a user reports can be found in the logs and
 * traces.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ControllerAdvice
public class ProblemDetailCorrelationAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			putIfPresent(problem, CorrelationContext.CORRELATION_ID, MDC.get(CorrelationContext.CORRELATION_ID));
			putIfPresent(problem, "trace_id", MDC.get("traceId"));
		}
		return body;
	}

	private static void putIfPresent(ProblemDetail problem, String name, String value) {
		if (value != null) {
			problem.setProperty(name, value);
		}
	}

}
