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

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet filter that gives every request a correlation id and a request id: puts them in
 * the MDC and in the trace's baggage, echoes them on the response with the trace context,
 * and clears the MDC when the request ends, however it ends.
 * <p>
 * Ordered right after Spring's observation filter, so that the request's span exists.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationFilter extends OncePerRequestFilter implements Ordered {

	/**
	 * Order of the filter: right after {@code ServerHttpObservationFilter}.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	private final CorrelationProperties properties;

	private static final String BAGGAGE_HEADER = "baggage";

	private final CorrelationIds ids;

	private final CorrelationTracing tracing;

	private final String[] protectedHeaders;

	private volatile @Nullable String alreadyFilteredAttributeName;

	/**
	 * Create a new filter.
	 * @param properties the correlation properties
	 * @param tracing access to the current trace
	 */
	public CorrelationFilter(CorrelationProperties properties, CorrelationTracing tracing) {
		this.properties = properties;
		this.ids = new CorrelationIds(properties);
		this.tracing = tracing;
		// Built once: a varargs call would allocate the array on every request
		this.protectedHeaders = new String[] { properties.getHeader(), properties.getRequestIdHeader(),
				properties.getTraceResponseHeader() };
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected void initFilterBean() {
		// OncePerRequestFilter builds this name with a concatenation on every request
		// (about 90 bytes); it only changes when the filter is initialized
		this.alreadyFilteredAttributeName = super.getAlreadyFilteredAttributeName();
	}

	@Override
	protected String getAlreadyFilteredAttributeName() {
		String name = this.alreadyFilteredAttributeName;
		return (name != null) ? name : super.getAlreadyFilteredAttributeName();
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String correlationId = this.ids.acceptOrGenerate(incomingCorrelationId(request));
		CorrelationContext context = new CorrelationContext(correlationId, this.ids.generate());
		try (CorrelationTracing.TraceScope trace = this.tracing.enterCurrentTrace(correlationId)) {
			response.setHeader(this.properties.getHeader(), correlationId);
			response.setHeader(this.properties.getRequestIdHeader(), context.requestId());
			String traceResponse = trace.traceResponse();
			if (traceResponse != null) {
				request.setAttribute(CorrelationContext.TRACE_RESPONSE, traceResponse);
				if (StringUtils.hasLength(this.properties.getTraceResponseHeader())) {
					response.setHeader(this.properties.getTraceResponseHeader(), traceResponse);
				}
			}
			context.putInMdc();
			request.setAttribute(CorrelationContext.KEY, context);
			chain.doFilter(request, new CorrelationHeadersResponse(response, this.protectedHeaders));
		}
		finally {
			CorrelationContext.clearMdc();
		}
	}

	private String incomingCorrelationId(HttpServletRequest request) {
		String header = request.getHeader(this.properties.getHeader());
		if (header != null) {
			return header;
		}
		// Reading baggage allocates about 1 KB a request; only a request that carries
		// baggage (W3C's header or the field's own remote header) can hold the id there
		boolean mayCarryBaggage = request.getHeader(BAGGAGE_HEADER) != null
				|| request.getHeader(CorrelationContext.CORRELATION_ID) != null;
		return mayCarryBaggage ? this.tracing.incomingCorrelationId() : null;
	}

}
