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

import java.util.Map;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs pipelines on the orchestrator over gRPC instead of HTTP. The channel comes from
 * Spring gRPC's factory, so that its calls are observed (trace context, metrics) and
 * carry the correlation id.
 *
 * @author Phoenix Observability
 */
@RestController
class PipelineGrpcController {

	private static final Logger logger = LoggerFactory.getLogger(PipelineGrpcController.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ManagedChannel channel;

	PipelineGrpcController(GrpcChannelFactory channels) {
		this.channel = channels.createChannel("orchestrator");
	}

	@PostMapping(path = "/api/grpc/pipelines/{pipeline}/runs", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<String>> run(@PathVariable String pipeline) {
		String request = json.writeValueAsString(Map.of("pipeline", pipeline));
		// A blocking stub, off the event loop
		return Mono
			.fromCallable(() -> ClientCalls.blockingUnaryCall(this.channel, PipelinesContract.RUN, CallOptions.DEFAULT,
					request))
			.subscribeOn(Schedulers.boundedElastic())
			.map(ResponseEntity::ok)
			.onErrorResume(StatusRuntimeException.class,
					(ex) -> Mono.just(ResponseEntity.status(HttpStatus.BAD_GATEWAY)
						.body("{\"grpc_status\":\"" + ex.getStatus().getCode() + "\"}")))
			.doOnNext((response) -> logger.atInfo()
				.addKeyValue("pipeline", pipeline)
				.addKeyValue("status", response.getStatusCode().value())
				.log("Forwarded pipeline run to the orchestrator over gRPC"));
	}

}
