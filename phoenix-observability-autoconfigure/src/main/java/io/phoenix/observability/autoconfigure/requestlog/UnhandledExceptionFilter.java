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

import java.io.IOException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.correlation.CorrelationFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Servlet filter that logs an exception no handler caught while the request's scope is
 * still open, so that the ERROR line carries the request's correlation, request, trace
 * and span ids, and then hands the failure to the container's error handling as a
 * {@code 500} with the exception as {@link RequestDispatcher#ERROR_EXCEPTION}.
 * <p>
 * The container then renders its error page as it would for a thrown exception, but has
 * no exception of its own to log: without this filter, Tomcat and Jetty log the failure
 * after the observation and correlation filters have closed their scopes, without any id.
 * Spring's {@link ServerHttpObservationFilter} records the exception on the request's
 * observation from that attribute, so the trace, the {@code exception} tag of
 * {@code http.server.requests} and the access log see it once. Two failures are left to
 * the container as before: a client that went away, and a response already committed,
 * which only the container can abort.
 * <p>
 * Ordered right after the {@link CorrelationFilter}; a successful request costs one
 * filter call.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class UnhandledExceptionFilter implements Filter, Ordered {

	/**
	 * Order of the filter: right after the {@link CorrelationFilter}, so that the ids are
	 * in the MDC and failures of every later filter are caught.
	 */
	public static final int ORDER = CorrelationFilter.ORDER + 1;

	/**
	 * Name of the logger that writes the ERROR line of an unhandled exception.
	 */
	public static final String LOGGER = "phoenix.error";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	private final ObservationRegistry observationRegistry;

	/**
	 * Create a new filter.
	 * @param observationRegistry the registry whose current observation is the request's
	 * during an asynchronous dispatch
	 */
	public UnhandledExceptionFilter(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!(request instanceof HttpServletRequest httpRequest)
					|| !(response instanceof HttpServletResponse httpResponse)
					|| !handle(httpRequest, httpResponse, ex)) {
				throw ex;
			}
		}
	}

	private boolean handle(HttpServletRequest request, HttpServletResponse response, Exception ex) throws IOException {
		Throwable failure = unwrap(ex);
		if (DisconnectedClientHelper.isClientDisconnectedException(failure)) {
			return false;
		}
		ServerRequestObservationContext observation = ServerHttpObservationFilter.findObservationContext(request)
			.orElse(null);
		String route = (observation != null && observation.getPathPattern() != null) ? observation.getPathPattern()
				: "UNKNOWN";
		logger.atError()
			.setCause(failure)
			.addKeyValue("http_method", request.getMethod())
			.addKeyValue("http_route", route)
			.addKeyValue(AccessLogObservationHandler.ERROR_TYPE, failure.getClass().getName())
			.log(request.getMethod() + " " + route + " failed: " + failure);
		if (response.isCommitted()) {
			// Only the container can abort a response that is half sent; it logs as well
			return false;
		}
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
		request.setAttribute(RequestDispatcher.ERROR_EXCEPTION_TYPE, failure.getClass());
		if (request.getDispatcherType() == DispatcherType.ASYNC) {
			// The observation filter reads the attribute only when the request dispatch
			// ends; an asynchronous dispatch ends the observation from a listener
			markError(observation, failure);
		}
		response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
		return true;
	}

	private void markError(ServerRequestObservationContext context, Throwable failure) {
		Observation current = this.observationRegistry.getCurrentObservation();
		if (context != null && current != null && current.getContext() == context) {
			current.error(failure);
		}
	}

	private static Throwable unwrap(Exception ex) {
		// Spring's DispatcherServlet wraps what a handler threw; the cause is the failure
		return (ex instanceof ServletException && ex.getCause() != null) ? ex.getCause() : ex;
	}

}
