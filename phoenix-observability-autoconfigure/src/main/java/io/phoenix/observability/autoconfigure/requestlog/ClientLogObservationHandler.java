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
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.phoenix.observability.autoconfigure.correlation.LineIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.http.HttpHeaders;
import org.springframework.util.ClassUtils;

/**
 * Writes one structured line per outbound HTTP call when its client observation stops:
 * method, host, path template, status, {@code duration_ms}, {@code correlation_id} and
 * {@code trace_id}. Covers {@code RestClient}, {@code RestTemplate} and {@code WebClient}
 * instances built from Spring Boot's builders.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ClientLogObservationHandler implements ObservationHandler<Observation.Context> {

	private static final Logger logger = LoggerFactory.getLogger("phoenix.http.client");

	private static final boolean REACTIVE_PRESENT = ClassUtils.isPresent(
			"org.springframework.web.reactive.function.client.ClientRequestObservationContext",
			ClientLogObservationHandler.class.getClassLoader());

	private static final String START = ClientLogObservationHandler.class.getName() + ".start";

	private final Level level;

	private final Set<String> ignoredHosts;

	private final String correlationHeader;

	/**
	 * Create a new handler.
	 * @param properties the client log properties
	 * @param correlationHeader the header that carries the correlation id
	 */
	public ClientLogObservationHandler(ClientLogProperties properties, String correlationHeader) {
		this.level = Level.valueOf(properties.getLevel().name());
		// Host names are case-insensitive; a URI keeps the case it was written in
		this.ignoredHosts = properties.getIgnoredHosts()
			.stream()
			.map((host) -> host.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.correlationHeader = correlationHeader;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof org.springframework.http.client.observation.ClientRequestObservationContext
				|| (REACTIVE_PRESENT && Reactive.supports(context));
	}

	@Override
	public void onStart(Observation.Context context) {
		if (logger.isEnabledForLevel(this.level)) {
			context.put(START, System.nanoTime());
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Long start = context.get(START);
		if (start == null) {
			return;
		}
		Call call = (context instanceof org.springframework.http.client.observation.ClientRequestObservationContext blocking)
				? blocking(blocking) : Reactive.call(context);
		if (call == null || isIgnored(call.host())) {
			return;
		}
		long durationMillis = (System.nanoTime() - start) / 1_000_000;
		String correlationId = (call.headers() != null) ? call.headers().getFirst(this.correlationHeader) : null;
		LoggingEventBuilder line = logger.atLevel(this.level)
			.addKeyValue("http_method", call.method())
			.addKeyValue("peer_host", call.host())
			.addKeyValue("http_route", call.pathTemplate())
			.addKeyValue("http_status", call.status())
			.addKeyValue("duration_ms", durationMillis);
		if (context.getError() != null) {
			line = line.addKeyValue("error", context.getError().getClass().getSimpleName());
		}
		int added = TraceFields.putInMdc(context, correlationId, null);
		try {
			line.log("Called " + call.method() + " " + call.host() + call.pathTemplate() + " " + call.status() + " "
					+ durationMillis + " ms");
		}
		finally {
			LineIds.remove(added);
		}
	}

	private boolean isIgnored(String host) {
		// toLowerCase returns the same string when it has no upper-case letter
		return !this.ignoredHosts.isEmpty() && host != null
				&& this.ignoredHosts.contains(host.toLowerCase(Locale.ROOT));
	}

	private static Call blocking(org.springframework.http.client.observation.ClientRequestObservationContext context) {
		if (context.getCarrier() == null) {
			return null;
		}
		URI uri = context.getCarrier().getURI();
		int status = 0;
		if (context.getResponse() != null) {
			try {
				status = context.getResponse().getStatusCode().value();
			}
			catch (IOException ex) {
				status = 0;
			}
		}
		return new Call(context.getCarrier().getMethod().name(), uri.getHost(), template(context.getUriTemplate(), uri),
				status, context.getCarrier().getHeaders());
	}

	static String template(String uriTemplate, URI uri) {
		if (uriTemplate == null) {
			return "none";
		}
		// A template may be absolute ("http://host/path/{id}"); keep only its path
		int scheme = uriTemplate.indexOf("://");
		if (scheme >= 0) {
			int path = uriTemplate.indexOf('/', scheme + 3);
			return (path >= 0) ? uriTemplate.substring(path) : "/";
		}
		return uriTemplate;
	}

	private record Call(String method, String host, String pathTemplate, int status, HttpHeaders headers) {
	}

	/**
	 * Reads WebClient calls, kept apart so that WebFlux is only loaded where it is
	 * present.
	 */
	private static final class Reactive {

		static boolean supports(Observation.Context context) {
			return context instanceof org.springframework.web.reactive.function.client.ClientRequestObservationContext;
		}

		static Call call(Observation.Context context) {
			var client = (org.springframework.web.reactive.function.client.ClientRequestObservationContext) context;
			if (client.getRequest() == null) {
				return null;
			}
			URI uri = client.getRequest().url();
			int status = (client.getResponse() != null) ? client.getResponse().statusCode().value() : 0;
			return new Call(client.getRequest().method().name(), uri.getHost(), template(client.getUriTemplate(), uri),
					status, client.getRequest().headers());
		}

	}

}
