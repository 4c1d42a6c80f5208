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

import com.openai.errors.OpenAIException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.phoenix.observability.autoconfigure.pipeline.Pipelines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs a pipeline, a fixed list of agent steps, for the HTTP and the gRPC endpoints
 * alike. Each run and each step is observed through Phoenix's {@link Pipelines}: its
 * metrics, its span and the {@code pipeline} and {@code run_id} of its log lines. Each
 * run and the events of its agents are stored in the {@link RunStore}.
 *
 * @author Phoenix Observability
 */
@Service
class PipelineRunner {

	private static final Logger logger = LoggerFactory.getLogger(PipelineRunner.class);

	private static final Map<String, List<String>> PIPELINES = Map.of("summarize",
			List.of("retriever", "writer", "store"), "triage", List.of("router", "classifier"), "broken",
			List.of("broken"));

	private static final Set<String> FAILING = Set.of("broken");

	private final LlmClient llm;

	private final Pipelines pipelines;

	private final RunStore runs;

	PipelineRunner(LlmClient llm, Pipelines pipelines, RunStore runs) {
		this.llm = llm;
		this.pipelines = pipelines;
		this.runs = runs;
	}

	PipelineRun run(String pipeline, Map<String, Object> input, String userId) {
		List<String> steps = PIPELINES.get(pipeline);
		if (steps == null) {
			// Before the run: a name nobody declared is no pipeline's series
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No pipeline named '" + pipeline + "'");
		}
		return this.pipelines.pipeline(pipeline).userId(userId).run(() -> {
			String text = (input != null) ? String.valueOf(input.getOrDefault("text", "")) : "";
			String runId = Pipelines.currentRunId();
			// Inside the run and its agents: the statements are spans of the run
			this.runs.started(runId, pipeline, userId);
			try {
				for (int i = 0; i < steps.size(); i++) {
					String step = steps.get(i);
					int sequence = i;
					this.pipelines.agent(step, () -> {
						step(step, text);
						this.runs.event(runId, sequence, step, "SUCCEEDED");
					});
				}
			}
			catch (RuntimeException ex) {
				this.runs.finished(runId, "FAILED");
				throw ex;
			}
			this.runs.finished(runId, "SUCCEEDED");
			PipelineRun run = new PipelineRun(runId, pipeline, "SUCCEEDED", steps);
			// pipeline and run_id come from the MDC, as on every line of the run
			logger.info("Pipeline run completed");
			return run;
		});
	}

	private void step(String step, String text) {
		if (FAILING.contains(step)) {
			throw new IllegalStateException("Agent '" + step + "' crashed");
		}
		if ("router".equals(step) && text.isBlank()) {
			// Nothing to route on: the user would be asked, and the question counted
			this.pipelines.interrupt("clarification", "raised");
		}
		if ("writer".equals(step)) {
			summarize(text);
		}
	}

	private String summarize(String text) {
		try {
			return this.llm.complete("Summarize: " + text);
		}
		catch (CallNotPermittedException ex) {
			// The breaker is open: fail fast, without waiting on the LLM
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The LLM backend is unavailable", ex);
		}
		catch (OpenAIException ex) {
			// What Spring AI's OpenAI client throws: an error status, an I/O failure or a
			// timeout
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "The LLM backend failed", ex);
		}
	}

	record PipelineRun(String id, String pipeline, String status, List<String> steps) {
	}

}
