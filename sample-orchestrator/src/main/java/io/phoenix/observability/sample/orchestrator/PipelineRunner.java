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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs a pipeline, a fixed list of agent steps, for the HTTP and the gRPC endpoints
 * alike.
 *
 * @author Phoenix Observability
 */
@Service
class PipelineRunner {

	private static final Logger logger = LoggerFactory.getLogger(PipelineRunner.class);

	private static final Map<String, List<String>> PIPELINES = Map.of("summarize",
			List.of("retrieve", "summarize", "review"), "triage", List.of("classify", "route"));

	private static final Set<String> FAILING = Set.of("broken");

	private final LlmClient llm;

	PipelineRunner(LlmClient llm) {
		this.llm = llm;
	}

	PipelineRun run(String pipeline, Map<String, Object> input) {
		long start = System.nanoTime();
		if (FAILING.contains(pipeline)) {
			throw new IllegalStateException("Agent 'broken' crashed");
		}
		List<String> steps = PIPELINES.get(pipeline);
		if (steps == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No pipeline named '" + pipeline + "'");
		}
		if (steps.contains("summarize")) {
			summarize(input);
		}
		PipelineRun run = new PipelineRun(UUID.randomUUID().toString(), pipeline, "SUCCEEDED", steps);
		logger.atInfo()
			.addKeyValue("pipeline", pipeline)
			.addKeyValue("run_id", run.id())
			.addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000)
			.log("Pipeline run completed");
		return run;
	}

	private String summarize(Map<String, Object> input) {
		String text = (input != null) ? String.valueOf(input.getOrDefault("text", "")) : "";
		try {
			return this.llm.complete("Summarize: " + text);
		}
		catch (CallNotPermittedException ex) {
			// The breaker is open: fail fast, without waiting on the LLM
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The LLM backend is unavailable", ex);
		}
		catch (RestClientException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The LLM backend failed", ex);
		}
	}

	record PipelineRun(String id, String pipeline, String status, List<String> steps) {
	}

}
