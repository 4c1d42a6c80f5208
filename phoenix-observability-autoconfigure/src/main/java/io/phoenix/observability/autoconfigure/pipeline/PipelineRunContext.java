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

package io.phoenix.observability.autoconfigure.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;

/**
 * The context of one pipeline run: what its observation's conventions and handlers read.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class PipelineRunContext extends Observation.Context {

	private final String pipeline;

	private final String runId;

	private final String requestId;

	private final String userId;

	private final AtomicInteger steps = new AtomicInteger();

	private volatile String terminationReason;

	/**
	 * Create a new context.
	 * @param pipeline the name of the pipeline
	 * @param runId the id of this run
	 * @param requestId the id of the request the run serves, or {@code null}
	 * @param userId the id of the user the run serves, or {@code null}
	 */
	public PipelineRunContext(String pipeline, String runId, String requestId, String userId) {
		this.pipeline = pipeline;
		this.runId = runId;
		this.requestId = requestId;
		this.userId = userId;
	}

	public String getPipeline() {
		return this.pipeline;
	}

	public String getRunId() {
		return this.runId;
	}

	public String getRequestId() {
		return this.requestId;
	}

	public String getUserId() {
		return this.userId;
	}

	/**
	 * Return the number of agent steps the run has started so far.
	 * @return the number of steps
	 */
	public int getSteps() {
		return this.steps.get();
	}

	void stepStarted() {
		this.steps.incrementAndGet();
	}

	/**
	 * Return the reason the run gave for ending, such as {@code max_iterations}.
	 * @return the reason, or {@code null} when the run gave none
	 */
	public String getTerminationReason() {
		return this.terminationReason;
	}

	/**
	 * Set the reason the run ends for; it becomes the run's status unless the run fails.
	 * @param terminationReason the reason
	 */
	public void setTerminationReason(String terminationReason) {
		this.terminationReason = terminationReason;
	}

	/**
	 * Return the status of the run: {@code error} or {@code timeout} when it failed, else
	 * its termination reason, else {@code success}.
	 * @return the status
	 */
	public String getStatus() {
		return PipelineStatus.of(getError(), this.terminationReason);
	}

}
