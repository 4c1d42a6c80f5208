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
package io.phoenix.observability.autoconfigure.semconv;

import java.net.URI;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of OpenTelemetry's stable HTTP semantic conventions, and the rules they
 * share between server and client spans: known methods, error types, bounded values.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class HttpSpanAttributes {

	/**
	 * The longest value written for a header, a path or a URL: a hostile client's
	 * {@code User-Agent} or URL is cut there, not echoed whole into every exported span.
	 */
	static final int MAX_VALUE_LENGTH = 1024;

	static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");

	static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL = AttributeKey
		.stringKey("http.request.method_original");

	static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");

	static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");

	static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

	static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");

	static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");

	static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

	static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

	static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");

	static final AttributeKey<String> NETWORK_PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");

	static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");

	static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	/**
	 * The key names of Spring's HTTP observation conventions that these attributes
	 * replace on the span (the meters keep them).
	 */
	static final Set<String> SPRING_KEYS = Set.of("method", "status", "uri", "outcome", "exception", "http.url",
			"client.name");

	private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
			"OPTIONS", "TRACE", "PATCH", "QUERY");

	private static final String OTHER_METHOD = "_OTHER";

	private HttpSpanAttributes() {
	}

	/**
	 * Write the request's method, {@code _OTHER} with the original beside it for a method
	 * HTTP does not define.
	 * @param span the span
	 * @param method the request's method
	 * @return the method as written
	 */
	static String method(Span span, @Nullable String method) {
		if (method != null && KNOWN_METHODS.contains(method)) {
			span.setAttribute(HTTP_REQUEST_METHOD, method);
			return method;
		}
		span.setAttribute(HTTP_REQUEST_METHOD, OTHER_METHOD);
		if (method != null) {
			span.setAttribute(HTTP_REQUEST_METHOD_ORIGINAL, bounded(method));
		}
		return OTHER_METHOD;
	}

	/**
	 * Return the span's name: the method and the target when there is one, {@code HTTP}
	 * for a method HTTP does not define.
	 * @param method the method as written
	 * @param target the route or URL template, if known
	 * @return the name
	 */
	static String name(String method, @Nullable String target) {
		String prefix = OTHER_METHOD.equals(method) ? "HTTP" : method;
		return (target != null && !target.isEmpty()) ? prefix + " " + target : prefix;
	}

	/**
	 * Write the outcome of a server span: a status of 500 or more, or an exception, is an
	 * error.
	 * @param span the span
	 * @param status the response status, 0 if there is none
	 * @param error the exception the request failed with, if any
	 */
	static void serverOutcome(Span span, int status, @Nullable Throwable error) {
		outcome(span, status, error, 500);
	}

	/**
	 * Write the outcome of a client span: a status of 400 or more, or an exception, is an
	 * error.
	 * @param span the span
	 * @param status the response status, 0 if there is none
	 * @param error the exception the call failed with, if any
	 */
	static void clientOutcome(Span span, int status, @Nullable Throwable error) {
		outcome(span, status, error, 400);
	}

	private static void outcome(Span span, int status, @Nullable Throwable error, int firstErrorStatus) {
		if (status > 0) {
			span.setAttribute(HTTP_RESPONSE_STATUS_CODE, status);
		}
		if (error != null) {
			// The tracing handler records the exception and the error status
			span.setAttribute(ERROR_TYPE, error.getClass().getName());
		}
		else if (status >= firstErrorStatus) {
			span.setAttribute(ERROR_TYPE, Integer.toString(status));
			span.setStatus(StatusCode.ERROR);
		}
	}

	/**
	 * Write a URL's address, port and full form without its user information.
	 * @param span the span
	 * @param uri the URL called
	 */
	static void url(Span span, URI uri) {
		String host = uri.getHost();
		if (host != null) {
			span.setAttribute(SERVER_ADDRESS, host);
		}
		int port = port(uri);
		if (port > 0) {
			span.setAttribute(SERVER_PORT, port);
		}
		span.setAttribute(URL_FULL, bounded(withoutUserInfo(uri)));
	}

	private static int port(URI uri) {
		if (uri.getPort() > 0) {
			return uri.getPort();
		}
		if ("https".equalsIgnoreCase(uri.getScheme())) {
			return 443;
		}
		return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
	}

	private static String withoutUserInfo(URI uri) {
		String text = uri.toString();
		String userInfo = uri.getRawUserInfo();
		return (userInfo != null) ? text.replace(userInfo + "@", "REDACTED:REDACTED@") : text;
	}

	/**
	 * Return a client's URI template as a path template, without the scheme and the host:
	 * {@code http://{host}/orders/{id}} as {@code /orders/{id}}.
	 * @param uriTemplate the template the call was made with, if any
	 * @return the path template, or {@code null} if there is none
	 */
	static @Nullable String pathTemplate(@Nullable String uriTemplate) {
		if (uriTemplate == null || uriTemplate.isEmpty()) {
			return null;
		}
		int scheme = uriTemplate.indexOf("://");
		if (scheme < 0) {
			return uriTemplate;
		}
		int path = uriTemplate.indexOf('/', scheme + 3);
		return (path < 0) ? "/" : uriTemplate.substring(path);
	}

	/**
	 * Return {@code HTTP/1.1} as {@code 1.1}, {@code HTTP/2.0} as {@code 2}.
	 * @param protocol the protocol as the server names it
	 * @return the version, or {@code null} if there is none
	 */
	static @Nullable String protocolVersion(@Nullable String protocol) {
		if (protocol == null) {
			return null;
		}
		// Nearly every request: no substring to make
		if ("HTTP/1.1".equals(protocol)) {
			return "1.1";
		}
		int slash = protocol.indexOf('/');
		String version = (slash >= 0) ? protocol.substring(slash + 1) : protocol;
		return version.endsWith(".0") && !version.startsWith("1") ? version.substring(0, version.length() - 2)
				: bounded(version);
	}

	/**
	 * Write a string attribute when the value is known, cut to {@link #MAX_VALUE_LENGTH}.
	 * @param span the span
	 * @param key the attribute
	 * @param value the value, if known
	 */
	static void setBounded(Span span, AttributeKey<String> key, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			span.setAttribute(key, bounded(value));
		}
	}

	static String bounded(String value) {
		return (value.length() <= MAX_VALUE_LENGTH) ? value : value.substring(0, MAX_VALUE_LENGTH);
	}

}
