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

import java.util.EnumSet;
import java.util.Set;

import io.grpc.Status;
import io.micrometer.core.instrument.binder.grpc.GrpcClientObservationContext;
import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * A gRPC call's server or client span, as OpenTelemetry's RPC conventions for gRPC name
 * it: {@code orders.Orders/Get}, with {@code rpc.system}, {@code rpc.service},
 * {@code rpc.method} and the numeric {@code rpc.grpc.status_code}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class GrpcSpanConvention implements SpanConvention<Observation.Context> {

	static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");

	static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");

	static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");

	static final AttributeKey<Long> RPC_GRPC_STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");

	static final AttributeKey<String> NETWORK_PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");

	static final AttributeKey<Long> NETWORK_PEER_PORT = AttributeKey.longKey("network.peer.port");

	/** Micrometer's gRPC key names that these attributes replace on the span. */
	private static final Set<String> MICROMETER_KEYS = Set.of("rpc.method", "rpc.service", "rpc.type", "rpc.error_code",
			"grpc.status_code", "net.peer.name", "net.peer.port");

	/**
	 * The codes that make a server span an error: the server's fault, not the caller's.
	 */
	private static final Set<Status.Code> SERVER_ERRORS = EnumSet.of(Status.Code.UNKNOWN, Status.Code.DEADLINE_EXCEEDED,
			Status.Code.UNIMPLEMENTED, Status.Code.INTERNAL, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof GrpcServerObservationContext || context instanceof GrpcClientObservationContext;
	}

	@Override
	public boolean replaces(String key) {
		return MICROMETER_KEYS.contains(key);
	}

	@Override
	public String tag(Observation.Context context, Span span) {
		if (context instanceof GrpcServerObservationContext server) {
			peer(span, NETWORK_PEER_ADDRESS, NETWORK_PEER_PORT, server.getPeerName(), server.getPeerPort());
			return call(span, server.getServiceName(), server.getMethodName(), server.getFullMethodName(),
					server.getStatusCode(), SERVER_ERRORS.contains(server.getStatusCode()));
		}
		GrpcClientObservationContext client = (GrpcClientObservationContext) context;
		peer(span, HttpSpanAttributes.SERVER_ADDRESS, HttpSpanAttributes.SERVER_PORT, client.getPeerName(),
				client.getPeerPort());
		Status.Code code = client.getStatusCode();
		return call(span, client.getServiceName(), client.getMethodName(), client.getFullMethodName(), code,
				code != null && code != Status.Code.OK);
	}

	private static String call(Span span, @Nullable String service, @Nullable String method,
			@Nullable String fullMethod, Status.@Nullable Code code, boolean failed) {
		span.setAttribute(RPC_SYSTEM, "grpc");
		HttpSpanAttributes.setBounded(span, RPC_SERVICE, service);
		HttpSpanAttributes.setBounded(span, RPC_METHOD, method);
		if (code != null) {
			span.setAttribute(RPC_GRPC_STATUS_CODE, code.value());
		}
		if (failed) {
			span.setAttribute(HttpSpanAttributes.ERROR_TYPE, code.name());
			span.setStatus(StatusCode.ERROR);
		}
		return (fullMethod != null) ? HttpSpanAttributes.bounded(fullMethod) : "grpc";
	}

	private static void peer(Span span, AttributeKey<String> addressKey, AttributeKey<Long> portKey,
			@Nullable String address, @Nullable Integer port) {
		HttpSpanAttributes.setBounded(span, addressKey, address);
		if (port != null && port > 0) {
			span.setAttribute(portKey, port.longValue());
		}
	}

}
