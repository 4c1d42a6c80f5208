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

import io.micrometer.observation.Observation;

/**
 * The context of one agent step of a pipeline run.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class AgentStepContext extends Observation.Context {

	private final String agent;

	private final PipelineRunContext run;

	/**
	 * Create a new context.
	 * @param agent the name of the agent
	 * @param run the run the step belongs to, or {@code null} outside a run
	 */
	public AgentStepContext(String agent, PipelineRunContext run) {
		this.agent = agent;
		this.run = run;
	}

	public String getAgent() {
		return this.agent;
	}

	/**
	 * Return the run the step belongs to.
	 * @return the run, or {@code null} when the step runs outside a run
	 */
	public PipelineRunContext getRun() {
		return this.run;
	}

	/**
	 * Return the status of the step: {@code success}, {@code error} or {@code timeout}.
	 * @return the status
	 */
	public String getStatus() {
		return PipelineStatus.of(getError(), null);
	}

}
