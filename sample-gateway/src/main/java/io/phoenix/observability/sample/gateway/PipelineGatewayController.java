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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Forwards pipeline runs to the orchestrator.
 *
 * @author Phoenix Observability
 */
@RestController
class PipelineGatewayController {

	private static final Logger logger = LoggerFactory.getLogger(PipelineGatewayController.class);

	private final WebClient orchestrator;

	PipelineGatewayController(WebClient.Builder builder, @Value("${gateway.orchestrator-url}") String orchestratorUrl) {
		this.orchestrator = builder.baseUrl(orchestratorUrl).build();
	}

	@PostMapping(path = "/api/pipelines/{pipeline}/runs", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<String>> run(@PathVariable String pipeline, @RequestBody(required = false) String input) {
		return this.orchestrator.post()
			.uri("/api/pipelines/{pipeline}/runs", pipeline)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue((input != null) ? input : "{}")
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> ResponseEntity.status(response.statusCode()).body(body)))
			.doOnNext((response) -> logger.atInfo()
				.addKeyValue("pipeline", pipeline)
				.addKeyValue("status", response.getStatusCode().value())
				.log("Forwarded pipeline run to the orchestrator"));
	}

}
