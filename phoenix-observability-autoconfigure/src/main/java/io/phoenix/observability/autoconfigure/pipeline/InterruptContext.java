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
 * The context of an interrupt: a run stopping to ask the user, or the user's answer.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class InterruptContext extends Observation.Context {

	private final String kind;

	private final String status;

	private final PipelineRunContext run;

	/**
	 * Create a new context.
	 * @param kind the kind of interrupt, such as {@code clarification} or
	 * {@code confirmation}
	 * @param status the status of the interrupt, such as {@code raised} or
	 * {@code answered}
	 * @param run the run that raised it, or {@code null} outside a run
	 */
	public InterruptContext(String kind, String status, PipelineRunContext run) {
		this.kind = kind;
		this.status = status;
		this.run = run;
	}

	public String getKind() {
		return this.kind;
	}

	public String getStatus() {
		return this.status;
	}

	/**
	 * Return the run that raised the interrupt.
	 * @return the run, or {@code null} outside a run
	 */
	public PipelineRunContext getRun() {
		return this.run;
	}

}
