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

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import io.phoenix.observability.autoconfigure.correlation.LineIds;
import io.phoenix.observability.autoconfigure.tracing.TraceKeeping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;

/**
 * Writes one structured line per served request when its server observation stops:
 * method, route template (never the raw path, which may carry ids), status,
 * {@code duration_ms}, response size when known, {@code correlation_id},
 * {@code request_id}, {@code trace_id} and {@code trace_kept} (whether the trace is
 * exported), and {@code error_type} when the request failed with an exception. Requests
 * whose observation was denied, such as probes and scrapes, are not logged.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class AccessLogObservationHandler implements ObservationHandler<Observation.Context> {

	/**
	 * Log field with the fully qualified class name of the exception a request failed
	 * with, as OpenTelemetry's {@code error.type}; its simple name is the
	 * {@code exception} tag of {@code http.server.requests}.
	 */
	public static final String ERROR_TYPE = "error_type";

	private static final Logger logger = LoggerFactory.getLogger("phoenix.access");

	private static final boolean SERVLET_PRESENT = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
			AccessLogObservationHandler.class.getClassLoader());

	private static final boolean REACTIVE_PRESENT = ClassUtils.isPresent(
			"org.springframework.http.server.reactive.ServerHttpRequest",
			AccessLogObservationHandler.class.getClassLoader());

	private static final String START = AccessLogObservationHandler.class.getName() + ".start";

	private final Mac clientAddressHash;

	private final TraceKeeping traceKeeping;

	/**
	 * Create a new handler.
	 * @param properties the access log properties
	 */
	public AccessLogObservationHandler(AccessLogProperties properties) {
		this(properties, null);
	}

	/**
	 * Create a new handler.
	 * @param properties the access log properties
	 * @param traceKeeping tells whether a request's trace is kept, or {@code null} when
	 * traces are kept as they were sampled when they started
	 */
	public AccessLogObservationHandler(AccessLogProperties properties, TraceKeeping traceKeeping) {
		this.clientAddressHash = properties.isIncludeClientAddress() ? mac(properties.getClientAddressSalt()) : null;
		this.traceKeeping = traceKeeping;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return (SERVLET_PRESENT && Servlet.supports(context)) || (REACTIVE_PRESENT && Reactive.supports(context));
	}

	@Override
	public void onStart(Observation.Context context) {
		if (logger.isInfoEnabled()) {
			context.put(START, System.nanoTime());
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Long start = context.get(START);
		if (start == null || !logger.isInfoEnabled()) {
			return;
		}
		long durationNanos = System.nanoTime() - start;
		long durationMillis = durationNanos / 1_000_000;
		Request request = (SERVLET_PRESENT && Servlet.supports(context)) ? Servlet.request(context)
				: Reactive.request(context);
		LoggingEventBuilder line = logger.atInfo()
			.addKeyValue("http_method", request.method())
			.addKeyValue("http_route", request.route())
			.addKeyValue("http_status", request.status())
			.addKeyValue("duration_ms", durationMillis);
		if (request.responseSize() >= 0) {
			line = line.addKeyValue("response_size", request.responseSize());
		}
		if (context.getError() != null) {
			line = line.addKeyValue(ERROR_TYPE, context.getError().getClass().getName());
		}
		if (this.clientAddressHash != null && request.clientAddress() != null) {
			line = line.addKeyValue("client_address_hash", hash(request.clientAddress()));
		}
		line = TraceFields.addKept(line, context, this.traceKeeping, request.route(),
				context.getError() != null || request.status() >= 500, durationNanos);
		CorrelationContext correlation = request.correlation();
		int added = (correlation != null)
				? TraceFields.putInMdc(context, correlation.correlationId(), correlation.requestId())
				: TraceFields.putInMdc(context, null, null);
		try {
			line.log(request.method() + " " + request.route() + " " + request.status() + " " + durationMillis + " ms");
		}
		finally {
			LineIds.remove(added);
		}
	}

	private String hash(String address) {
		byte[] digest;
		synchronized (this.clientAddressHash) {
			digest = this.clientAddressHash.doFinal(address.getBytes(StandardCharsets.UTF_8));
		}
		return HexFormat.of().formatHex(digest, 0, 8);
	}

	private static Mac mac(String salt) {
		String key = (salt != null && !salt.isEmpty()) ? salt : UUID.randomUUID().toString();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private record Request(String method, String route, int status, long responseSize, CorrelationContext correlation,
			String clientAddress) {

		static String route(String pattern, int status) {
			if (pattern != null) {
				return pattern;
			}
			return (status == 404) ? "NOT_FOUND" : (status >= 300 && status < 400) ? "REDIRECTION" : "UNKNOWN";
		}

	}

	/**
	 * Reads servlet requests, kept apart so that the servlet API is only loaded where it
	 * is present.
	 */
	private static final class Servlet {

		static boolean supports(Observation.Context context) {
			return context instanceof org.springframework.http.server.observation.ServerRequestObservationContext;
		}

		static Request request(Observation.Context context) {
			var server = (org.springframework.http.server.observation.ServerRequestObservationContext) context;
			HttpServletRequest request = server.getCarrier();
			HttpServletResponse response = server.getResponse();
			int status = (response != null) ? response.getStatus() : 0;
			String length = (response != null) ? response.getHeader("Content-Length") : null;
			return new Request(request.getMethod(), Request.route(server.getPathPattern(), status), status,
					(length != null) ? Long.parseLong(length) : -1,
					(CorrelationContext) request.getAttribute(CorrelationContext.KEY), request.getRemoteAddr());
		}

	}

	/**
	 * Reads reactive requests.
	 */
	private static final class Reactive {

		static boolean supports(Observation.Context context) {
			return context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
		}

		static Request request(Observation.Context context) {
			var server = (org.springframework.http.server.reactive.observation.ServerRequestObservationContext) context;
			ServerHttpRequest request = server.getCarrier();
			int status = (server.getResponse() != null && server.getResponse().getStatusCode() != null)
					? server.getResponse().getStatusCode().value() : 0;
			long length = (server.getResponse() != null) ? server.getResponse().getHeaders().getContentLength() : -1;
			String address = (request.getRemoteAddress() != null && request.getRemoteAddress().getAddress() != null)
					? request.getRemoteAddress().getAddress().getHostAddress() : null;
			return new Request(request.getMethod().name(), Request.route(server.getPathPattern(), status), status,
					length, (CorrelationContext) server.getAttributes().get(CorrelationContext.KEY), address);
		}

	}

}
