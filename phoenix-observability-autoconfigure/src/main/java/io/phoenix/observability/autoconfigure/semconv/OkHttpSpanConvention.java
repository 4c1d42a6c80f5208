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

import java.util.Set;

import io.micrometer.core.instrument.binder.okhttp3.OkHttpContext;
import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp call's client span, observed by Micrometer's
 * {@code OkHttpObservationInterceptor} (the client of Spring AI's OpenAI model among
 * others), as OpenTelemetry's HTTP client conventions name it.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class OkHttpSpanConvention implements SpanConvention<OkHttpContext> {

	/** Micrometer's OkHttp key names that these attributes replace on the span. */
	private static final Set<String> MICROMETER_KEYS = Set.of("target.scheme", "target.host", "target.port", "host",
			"method", "uri", "status", "outcome", "exception");

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof OkHttpContext;
	}

	@Override
	public boolean replaces(String key) {
		return MICROMETER_KEYS.contains(key);
	}

	@Override
	public String tag(OkHttpContext context, Span span) {
		Request request = context.getRequest();
		String method = HttpSpanAttributes.method(span, (request != null) ? request.method() : null);
		if (request != null) {
			HttpUrl url = request.url();
			HttpSpanAttributes.url(span, url.uri());
		}
		Response response = context.getResponse();
		HttpSpanAttributes.clientOutcome(span, (response != null) ? response.code() : 0, context.getError());
		return HttpSpanAttributes.name(method, null);
	}

}
