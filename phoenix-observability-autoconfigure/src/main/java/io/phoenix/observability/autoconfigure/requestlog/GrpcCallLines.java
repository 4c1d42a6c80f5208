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

import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import io.phoenix.observability.autoconfigure.correlation.LineIds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes the one structured line per gRPC call: method, call type, status code and
 * {@code duration_ms}, on the loggers {@code phoenix.grpc.server} and
 * {@code phoenix.grpc.client}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class GrpcCallLines {

	private static final Logger serverLogger = LoggerFactory.getLogger("phoenix.grpc.server");

	// Its calls are probe traffic, on either side, as requests to /health are on HTTP
	private static final String HEALTH_SERVICE = "grpc.health.v1.Health";

	private static final Logger clientLogger = LoggerFactory.getLogger("phoenix.grpc.client");

	private GrpcCallLines() {
	}

	/**
	 * Write the line of a call this server answered.
	 * @param call the call
	 * @param status the status it closed with
	 * @param context the call's correlation ids, or {@code null} when correlation is
	 * disabled
	 * @param start when the call started, from {@link System#nanoTime()}
	 */
	public static void server(ServerCall<?, ?> call, Status status, @Nullable CorrelationContext context, long start) {
		if (!serverLogger.isInfoEnabled() || HEALTH_SERVICE.equals(call.getMethodDescriptor().getServiceName())) {
			return;
		}
		long durationMillis = (System.nanoTime() - start) / 1_000_000;
		String method = call.getMethodDescriptor().getFullMethodName();
		var line = serverLogger.atInfo()
			.addKeyValue("rpc_method", method)
			.addKeyValue("rpc_type", call.getMethodDescriptor().getType().name())
			.addKeyValue("grpc_status_code", status.getCode().name())
			.addKeyValue("duration_ms", durationMillis);
		// Closed from a thread outside the call's callbacks, the MDC lacks them
		int added = (context != null) ? LineIds.put(context.correlationId(), context.requestId(), null, null) : 0;
		try {
			line.log("gRPC " + method + " " + status.getCode() + " " + durationMillis + " ms");
		}
		finally {
			LineIds.remove(added);
		}
	}

	/**
	 * Write the line of a call this client made.
	 * @param method the called method
	 * @param status the status the call closed with
	 * @param start when the call started, from {@link System#nanoTime()}
	 * @param correlationId the caller's correlation id, or {@code null}
	 * @param traceId the caller's trace id, or {@code null}
	 */
	public static void client(MethodDescriptor<?, ?> method, Status status, long start, @Nullable String correlationId,
			@Nullable String traceId) {
		if (!clientLogger.isInfoEnabled() || HEALTH_SERVICE.equals(method.getServiceName())) {
			return;
		}
		long durationMillis = (System.nanoTime() - start) / 1_000_000;
		var line = clientLogger.atInfo()
			.addKeyValue("rpc_method", method.getFullMethodName())
			.addKeyValue("rpc_type", method.getType().name())
			.addKeyValue("grpc_status_code", status.getCode().name())
			.addKeyValue("duration_ms", durationMillis);
		int added = LineIds.put(correlationId, null, traceId, null);
		try {
			line.log("Called gRPC " + method.getFullMethodName() + " " + status.getCode() + " " + durationMillis
					+ " ms");
		}
		finally {
			LineIds.remove(added);
		}
	}

}
