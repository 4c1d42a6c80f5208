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

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.util.ClassUtils;

/**
 * Adds {@code correlation_id} and {@code trace_id} to every RFC 9457 problem detail
 * written by Spring WebFlux, the counterpart of {@link ProblemDetailCorrelationAdvice},
 * then hands the problem to the writer that would have written it otherwise (Spring
 * Boot's Jackson writer, usually). Registered as a custom codec, which Spring places
 * before the default ones; a property the handler set itself is kept.
 * <p>
 * The ids come from the Reactor context of the response being written: the correlation id
 * from {@link ReactiveCorrelationFilter}, the trace id from the request's server
 * observation. Neither depends on {@code spring.reactor.context-propagation}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ProblemDetailCorrelationWriter implements HttpMessageWriter<ProblemDetail> {

	private static final String OBSERVATION_KEY = "micrometer.observation";

	private static final boolean OBSERVATION_PRESENT = ClassUtils.isPresent("io.micrometer.observation.Observation",
			ProblemDetailCorrelationWriter.class.getClassLoader());

	private final Supplier<List<HttpMessageWriter<?>>> writers;

	private volatile List<HttpMessageWriter<?>> delegates;

	/**
	 * Create a new writer.
	 * @param writers all the writers of the codec configurer this writer is registered
	 * with (itself included), asked for when the first problem is written
	 */
	public ProblemDetailCorrelationWriter(Supplier<List<HttpMessageWriter<?>>> writers) {
		this.writers = writers;
	}

	@Override
	public List<MediaType> getWritableMediaTypes() {
		Set<MediaType> mediaTypes = new LinkedHashSet<>();
		for (HttpMessageWriter<?> delegate : delegates()) {
			mediaTypes.addAll(delegate.getWritableMediaTypes(ResolvableType.forClass(ProblemDetail.class)));
		}
		return new ArrayList<>(mediaTypes);
	}

	@Override
	public boolean canWrite(ResolvableType elementType, MediaType mediaType) {
		// The only check on the path of a response that is no problem detail
		return ProblemDetail.class.isAssignableFrom(elementType.toClass())
				&& delegateFor(elementType, mediaType) != null;
	}

	@Override
	public Mono<Void> write(Publisher<? extends ProblemDetail> inputStream, ResolvableType elementType,
			MediaType mediaType, ReactiveHttpOutputMessage message, Map<String, Object> hints) {
		return delegate(elementType, mediaType).write(withIds(inputStream), elementType, mediaType, message, hints);
	}

	@Override
	public Mono<Void> write(Publisher<? extends ProblemDetail> inputStream, ResolvableType actualType,
			ResolvableType elementType, MediaType mediaType, ServerHttpRequest request, ServerHttpResponse response,
			Map<String, Object> hints) {
		return delegate(elementType, mediaType).write(withIds(inputStream), actualType, elementType, mediaType, request,
				response, hints);
	}

	// A Mono, so that the delegate writes one JSON object, not an array
	private static Mono<ProblemDetail> withIds(Publisher<? extends ProblemDetail> inputStream) {
		return Mono.deferContextual((context) -> Mono.from(inputStream).map((problem) -> addIds(problem, context)));
	}

	private static ProblemDetail addIds(ProblemDetail problem, ContextView context) {
		Map<String, Object> ids = new HashMap<>(4);
		Map<String, Object> attributes = exchangeAttributes(context);
		Object correlation = (attributes != null) ? attributes.get(CorrelationContext.KEY)
				: context.getOrDefault(CorrelationContext.KEY, null);
		Object traceResponse = (attributes != null) ? attributes.get(CorrelationContext.TRACE_RESPONSE) : null;
		CorrelationContext.addTo(ids, correlation, traceResponse);
		Map<String, Object> properties = problem.getProperties();
		ids.forEach((name, value) -> {
			if (properties == null || !properties.containsKey(name)) {
				problem.setProperty(name, value);
			}
		});
		return problem;
	}

	private static Map<String, Object> exchangeAttributes(ContextView context) {
		if (OBSERVATION_PRESENT && context.getOrDefault(OBSERVATION_KEY, null) instanceof Observation observation
				&& observation.getContext() instanceof ServerRequestObservationContext server) {
			return server.getAttributes();
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private HttpMessageWriter<ProblemDetail> delegate(ResolvableType elementType, MediaType mediaType) {
		HttpMessageWriter<?> delegate = delegateFor(elementType, mediaType);
		if (delegate == null) {
			throw new IllegalStateException("No writer for " + elementType + " and " + mediaType);
		}
		return (HttpMessageWriter<ProblemDetail>) delegate;
	}

	private HttpMessageWriter<?> delegateFor(ResolvableType elementType, MediaType mediaType) {
		for (HttpMessageWriter<?> delegate : delegates()) {
			if (delegate.canWrite(elementType, mediaType)) {
				return delegate;
			}
		}
		return null;
	}

	private List<HttpMessageWriter<?>> delegates() {
		List<HttpMessageWriter<?>> delegates = this.delegates;
		if (delegates == null) {
			delegates = new ArrayList<>();
			for (HttpMessageWriter<?> writer : this.writers.get()) {
				if (!(writer instanceof ProblemDetailCorrelationWriter)) {
					delegates.add(writer);
				}
			}
			delegates = Collections.unmodifiableList(delegates);
			this.delegates = delegates;
		}
		return delegates;
	}

}
