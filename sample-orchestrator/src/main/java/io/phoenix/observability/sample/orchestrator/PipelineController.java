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

import io.phoenix.observability.sample.orchestrator.PipelineRunner.PipelineRun;
import io.phoenix.observability.sample.orchestrator.RunStore.StoredRun;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs pipelines over HTTP, and reads the stored runs back.
 *
 * @author Phoenix Observability
 */
@RestController
@RequestMapping("/api/pipelines")
class PipelineController {

	private final PipelineRunner runner;

	private final RunStore runs;

	PipelineController(PipelineRunner runner, RunStore runs) {
		this.runner = runner;
		this.runs = runs;
	}

	@PostMapping("/{pipeline}/runs")
	PipelineRun run(@PathVariable String pipeline, @RequestBody(required = false) Map<String, Object> input,
			@RequestHeader(name = "X-User-ID", required = false) String userId) {
		return this.runner.run(pipeline, input, userId);
	}

	@GetMapping("/runs/{runId}")
	StoredRun storedRun(@PathVariable String runId) {
		return this.runs.find(runId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No run with id '" + runId + "'"));
	}

}
