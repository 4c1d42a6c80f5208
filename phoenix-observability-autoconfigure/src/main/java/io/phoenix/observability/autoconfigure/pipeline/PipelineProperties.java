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

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Pipelines, agents, interrupts and LLM calls: {@code phoenix.observability.pipelines.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability.pipelines")
public class PipelineProperties {

	/**
	 * Whether to observe pipeline runs, agent steps, interrupts and LLM calls.
	 */
	private boolean enabled = true;

	/**
	 * Maximum number of distinct values of each tag of the pipeline, agent, interrupt and
	 * LLM metrics (pipeline, agent, kind, status, model); further values are recorded as
	 * 'OTHER'.
	 */
	private int maxTagValues = 100;

	private final RunLog runLog = new RunLog();

	private final Annotations annotations = new Annotations();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxTagValues() {
		return this.maxTagValues;
	}

	public void setMaxTagValues(int maxTagValues) {
		Assert.isTrue(maxTagValues > 0, () -> "must be greater than 0, but was " + maxTagValues);
		this.maxTagValues = maxTagValues;
	}

	public RunLog getRunLog() {
		return this.runLog;
	}

	public Annotations getAnnotations() {
		return this.annotations;
	}

	/**
	 * The line written when a run ends.
	 */
	public static class RunLog {

		/**
		 * Whether to write one line, through the 'phoenix.pipeline' logger, when a
		 * pipeline run ends.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The annotations on the application's methods.
	 */
	public static class Annotations {

		/**
		 * Whether to observe the methods annotated with @PipelineRun and @AgentStep.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
