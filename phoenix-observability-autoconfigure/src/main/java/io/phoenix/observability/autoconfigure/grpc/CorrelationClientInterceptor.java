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

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;
import io.phoenix.observability.autoconfigure.requestlog.GrpcCallLines;
import org.slf4j.MDC;

/**
 * gRPC client interceptor that sends the caller's correlation id in the
 * {@code x-correlation-id} metadata key and writes one structured line per call when it
 * closes: method, status code, {@code duration_ms} and the caller's ids. When correlation
 * is disabled ({@code phoenix.observability.correlation.enabled=false}) no correlation id
 * is sent or logged.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationClientInterceptor implements ClientInterceptor {

	private final Metadata.Key<String> correlationKey;

	private final boolean correlation;

	/**
	 * Create a new interceptor.
	 * @param properties the correlation properties, whose header name is used as the
	 * metadata key, and which say whether the correlation id is sent
	 */
	public CorrelationClientInterceptor(CorrelationProperties properties) {
		this.correlationKey = CorrelationServerInterceptor.key(properties.getHeader());
		this.correlation = properties.isEnabled();
	}

	@Override
	public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
		// Captured on the calling thread: the call closes on a transport thread
		String correlationId = this.correlation ? MDC.get(CorrelationContext.CORRELATION_ID) : null;
		String traceId = MDC.get("traceId");
		return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {

			@Override
			public void start(Listener<R> responseListener, Metadata headers) {
				if (correlationId != null && !headers.containsKey(CorrelationClientInterceptor.this.correlationKey)) {
					headers.put(CorrelationClientInterceptor.this.correlationKey, correlationId);
				}
				long start = System.nanoTime();
				super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(responseListener) {

					@Override
					public void onClose(Status status, Metadata trailers) {
						GrpcCallLines.client(method, status, start, correlationId, traceId);
						super.onClose(status, trailers);
					}

				}, headers);
			}

		};
	}

}
