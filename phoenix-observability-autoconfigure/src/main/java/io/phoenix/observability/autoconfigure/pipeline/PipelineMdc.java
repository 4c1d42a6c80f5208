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

import org.slf4j.MDC;

/**
 * The pipeline and run id that every log line written during a run carries, in the MDC.
 *
 * @param pipeline the name of the pipeline
 * @param runId the id of the run
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record PipelineMdc(String pipeline, String runId) {

	/**
	 * MDC key and log field of the pipeline's name.
	 */
	public static final String PIPELINE = "pipeline";

	/**
	 * MDC key and log field of the run id.
	 */
	public static final String RUN_ID = "run_id";

	/**
	 * Key of the run in a context snapshot and a Reactor {@code Context}.
	 */
	public static final String KEY = PipelineMdc.class.getName();

	/**
	 * Return the run held by the MDC of the current thread.
	 * @return the run, or {@code null} outside a run
	 */
	public static PipelineMdc fromMdc() {
		String runId = MDC.get(RUN_ID);
		return (runId != null) ? new PipelineMdc(MDC.get(PIPELINE), runId) : null;
	}

	/**
	 * Put both fields into the MDC.
	 */
	public void putInMdc() {
		MDC.put(PIPELINE, this.pipeline);
		MDC.put(RUN_ID, this.runId);
	}

	/**
	 * Restore the given run in the MDC, or clear both fields when there is none.
	 * @param previous the run to restore, or {@code null}
	 */
	static void restore(PipelineMdc previous) {
		if (previous != null) {
			previous.putInMdc();
		}
		else {
			clearMdc();
		}
	}

	/**
	 * Remove both fields from the MDC.
	 */
	public static void clearMdc() {
		MDC.remove(PIPELINE);
		MDC.remove(RUN_ID);
	}

}
