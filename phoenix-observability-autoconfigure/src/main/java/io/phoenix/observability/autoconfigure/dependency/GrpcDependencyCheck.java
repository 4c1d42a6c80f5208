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
package io.phoenix.observability.autoconfigure.dependency;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

/**
 * Checks a gRPC server with the standard health service: {@code SERVING} means up.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class GrpcDependencyCheck implements DependencyCheck {

	private final HealthGrpc.HealthBlockingStub stub;

	private final HealthCheckRequest request;

	/**
	 * Create a check over the given channel.
	 * @param channel the channel, owned by the caller
	 * @param service the service whose health is asked for, empty for the whole server
	 */
	public GrpcDependencyCheck(ManagedChannel channel, String service) {
		this.stub = HealthGrpc.newBlockingStub(channel);
		this.request = HealthCheckRequest.newBuilder().setService(service).build();
	}

	@Override
	public void check(Duration timeout) throws IOException {
		HealthCheckResponse response = this.stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.check(this.request);
		if (response.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
			throw new NotServingException(response.getStatus().name());
		}
	}

	/**
	 * Thrown when the server answers with a status other than {@code SERVING}.
	 */
	public static class NotServingException extends IOException {

		NotServingException(String status) {
			super("Serving status " + status);
		}

	}

}
