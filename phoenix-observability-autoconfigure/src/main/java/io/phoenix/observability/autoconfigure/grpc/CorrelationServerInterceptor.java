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

package io.phoenix.observability.autoconfigure.grpc;

import java.util.Locale;
import java.util.function.Supplier;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import io.phoenix.observability.autoconfigure.correlation.CorrelationIds;
import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;
import io.phoenix.observability.autoconfigure.requestlog.GrpcCallLines;

/**
 * gRPC server interceptor that gives every call a correlation id (from the
 * {@code x-correlation-id} metadata key, validated like the HTTP header, or generated)
 * and a request id, holds both in the MDC while the call's callbacks run, echoes them in
 * the response headers, and writes one structured line per call when it closes: method,
 * status code and {@code duration_ms}. Streaming calls included. When correlation is
 * disabled ({@code phoenix.observability.correlation.enabled=false}) calls get no ids, in
 * the MDC or in the headers, and are still logged.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationServerInterceptor implements ServerInterceptor {

	private final Metadata.Key<String> correlationKey;

	private final Metadata.Key<String> requestIdKey;

	private final CorrelationIds ids;

	private final boolean correlation;

	/**
	 * Create a new interceptor.
	 * @param properties the correlation properties, whose header names are used as
	 * metadata keys, and which say whether calls get correlation ids
	 */
	public CorrelationServerInterceptor(CorrelationProperties properties) {
		this.correlationKey = key(properties.getHeader());
		this.requestIdKey = key(properties.getRequestIdHeader());
		this.ids = new CorrelationIds(properties);
		this.correlation = properties.isEnabled();
	}

	static Metadata.Key<String> key(String header) {
		return Metadata.Key.of(header.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		if (!this.correlation) {
			return next.startCall(logged(call), headers);
		}
		CorrelationContext context = new CorrelationContext(this.ids.acceptOrGenerate(headers.get(this.correlationKey)),
				this.ids.generate());
		long start = System.nanoTime();
		ServerCall<Q, R> observed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {

			@Override
			public void sendHeaders(Metadata responseHeaders) {
				responseHeaders.put(CorrelationServerInterceptor.this.correlationKey, context.correlationId());
				responseHeaders.put(CorrelationServerInterceptor.this.requestIdKey, context.requestId());
				super.sendHeaders(responseHeaders);
			}

			@Override
			public void close(Status status, Metadata trailers) {
				GrpcCallLines.server(call, status, context, start);
				super.close(status, trailers);
			}

		};
		ServerCall.Listener<Q> listener = withMdc(context, () -> next.startCall(observed, headers));
		return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {

			@Override
			public void onMessage(Q message) {
				run(context, () -> super.onMessage(message));
			}

			@Override
			public void onHalfClose() {
				run(context, super::onHalfClose);
			}

			@Override
			public void onCancel() {
				run(context, super::onCancel);
			}

			@Override
			public void onComplete() {
				run(context, super::onComplete);
			}

			@Override
			public void onReady() {
				run(context, super::onReady);
			}

		};
	}

	private static <Q, R> ServerCall<Q, R> logged(ServerCall<Q, R> call) {
		long start = System.nanoTime();
		return new ForwardingServerCall.SimpleForwardingServerCall<>(call) {

			@Override
			public void close(Status status, Metadata trailers) {
				GrpcCallLines.server(call, status, null, start);
				super.close(status, trailers);
			}

		};
	}

	private static void run(CorrelationContext context, Runnable callback) {
		withMdc(context, () -> {
			callback.run();
			return null;
		});
	}

	private static <T> T withMdc(CorrelationContext context, Supplier<T> action) {
		CorrelationContext previous = CorrelationContext.fromMdc();
		context.putInMdc();
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				previous.putInMdc();
			}
			else {
				CorrelationContext.clearMdc();
			}
		}
	}

}
