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
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.phoenix.observability.sample.orchestrator.PipelineRunner.PipelineRun;
import io.phoenix.observability.sample.pipelines.PipelinesGrpc;
import io.phoenix.observability.sample.pipelines.RunReply;
import io.phoenix.observability.sample.pipelines.RunRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs pipelines over gRPC: {@code phoenix.sample.Pipelines/Run}, generated from
 * {@code src/main/protobuf/pipelines.proto}. Spring Boot serves every
 * {@link BindableService} bean; observations, correlation ids and the per-call log line
 * come from the starters.
 *
 * @author Phoenix Observability
 */
@Component
class PipelineGrpcService extends PipelinesGrpc.PipelinesImplBase {

	private final PipelineRunner runner;

	PipelineGrpcService(PipelineRunner runner) {
		this.runner = runner;
	}

	@Override
	public void run(RunRequest request, StreamObserver<RunReply> response) {
		try {
			PipelineRun run = this.runner.run(request.getPipeline(), Map.of("text", request.getText()),
					request.hasUser() ? request.getUser() : null);
			RunReply.Builder reply = RunReply.newBuilder()
				.setPipeline(run.pipeline())
				.setStatus(run.status())
				.addAllSteps(run.steps());
			if (run.id() != null) {
				// Protobuf strings are never null: no id is the empty string
				reply.setId(run.id());
			}
			response.onNext(reply.build());
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
