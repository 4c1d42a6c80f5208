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

package io.phoenix.observability.sample.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.StatusRuntimeException;
import io.phoenix.observability.sample.pipelines.PipelinesGrpc;
import io.phoenix.observability.sample.pipelines.RunReply;
import io.phoenix.observability.sample.pipelines.RunRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs pipelines on the orchestrator over gRPC instead of HTTP, through the stub
 * generated from {@code src/main/protobuf/pipelines.proto}. The channel comes from Spring
 * gRPC's factory, so that its calls are observed (trace context, metrics) and carry the
 * correlation id. The gateway's own API stays JSON.
 *
 * @author Phoenix Observability
 */
@RestController
class PipelineGrpcController {

	private static final Logger logger = LoggerFactory.getLogger(PipelineGrpcController.class);

	private final PipelinesGrpc.PipelinesBlockingStub pipelines;

	private final Duration deadline;

	PipelineGrpcController(GrpcChannelFactory channels,
			@Value("${gateway.orchestrator-grpc-deadline:10s}") Duration deadline) {
		this.pipelines = PipelinesGrpc.newBlockingStub(channels.createChannel("orchestrator"));
		this.deadline = deadline;
	}

	@PostMapping(path = "/api/grpc/pipelines/{pipeline}/runs", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Object>> run(@PathVariable String pipeline, @RequestBody(required = false) RunInput input) {
		RunRequest.Builder request = RunRequest.newBuilder().setPipeline(pipeline);
		if (input != null && input.text() != null) {
			request.setText(input.text());
		}
		if (input != null && input.user() != null) {
			request.setUser(input.user());
		}
		// A blocking stub, off the event loop; the deadline starts with the call
		return Mono
			.fromCallable(() -> this.pipelines.withDeadlineAfter(this.deadline.toMillis(), TimeUnit.MILLISECONDS)
				.run(request.build()))
			.subscribeOn(Schedulers.boundedElastic())
			.map((reply) -> ResponseEntity.ok((Object) RunResult.of(reply)))
			.onErrorResume(StatusRuntimeException.class,
					(ex) -> Mono.just(ResponseEntity.status(HttpStatus.BAD_GATEWAY)
						.body(Map.of("grpc_status", ex.getStatus().getCode().name()))))
			.doOnNext((response) -> logger.atInfo()
				.addKeyValue("pipeline", pipeline)
				.addKeyValue("status", response.getStatusCode().value())
				.log("Forwarded pipeline run to the orchestrator over gRPC"));
	}

	/**
	 * The optional JSON body of a run.
	 *
	 * @param text the text the pipeline works on
	 * @param user the id of the user who asks
	 */
	record RunInput(String text, String user) {
	}

	/**
	 * A finished run, as the gateway answers it in JSON.
	 *
	 * @param id the id of the run
	 * @param pipeline the name of the pipeline
	 * @param status how the run ended
	 * @param steps the agent steps it went through
	 */
	record RunResult(String id, String pipeline, String status, List<String> steps) {

		static RunResult of(RunReply reply) {
			return new RunResult(reply.getId(), reply.getPipeline(), reply.getStatus(),
					List.copyOf(reply.getStepsList()));
		}

	}

}
