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

package io.phoenix.observability.sample.orchestrator;

import java.util.Map;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs pipelines over gRPC: {@code phoenix.sample.Pipelines/Run}. Spring Boot serves
 * every {@link BindableService} bean; observations, correlation ids and the per-call log
 * line come from the starters.
 *
 * @author Phoenix Observability
 */
@Component
class PipelineGrpcService implements BindableService {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> REQUEST = new TypeReference<>() {
	};

	private final PipelineRunner runner;

	PipelineGrpcService(PipelineRunner runner) {
		this.runner = runner;
	}

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder(PipelinesContract.SERVICE)
			.addMethod(PipelinesContract.RUN, ServerCalls.asyncUnaryCall(this::run))
			.build();
	}

	private void run(String request, StreamObserver<String> response) {
		try {
			Map<String, Object> fields = json.readValue(request, REQUEST);
			String pipeline = String.valueOf(fields.get("pipeline"));
			Object user = fields.get("user");
			response.onNext(json
				.writeValueAsString(this.runner.run(pipeline, fields, (user != null) ? String.valueOf(user) : null)));
			response.onCompleted();
		}
		catch (ResponseStatusException ex) {
			Status status = (ex.getStatusCode().value() == 404) ? Status.NOT_FOUND : Status.UNAVAILABLE;
			response.onError(status.withDescription(ex.getReason()).asRuntimeException());
		}
		catch (RuntimeException ex) {
			response.onError(Status.INTERNAL.withDescription(ex.getMessage()).asRuntimeException());
		}
	}

}
