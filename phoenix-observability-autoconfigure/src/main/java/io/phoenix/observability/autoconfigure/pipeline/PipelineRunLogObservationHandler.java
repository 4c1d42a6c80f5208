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
import io.micrometer.observation.ObservationHandler;
import io.phoenix.observability.autoconfigure.correlation.LineIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one line, through the {@code phoenix.pipeline} logger, when a pipeline run ends:
 * {@code pipeline}, {@code run_id}, {@code status}, {@code duration_ms}, {@code steps},
 * and {@code error_type} when it failed (at WARN; else INFO).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class PipelineRunLogObservationHandler implements ObservationHandler<PipelineRunContext> {

	/**
	 * Log field with the fully qualified class name of the exception a run failed with.
	 */
	public static final String ERROR_TYPE = "error_type";

	private static final Logger logger = LoggerFactory.getLogger("phoenix.pipeline");

	private static final String START = PipelineRunLogObservationHandler.class.getName() + ".start";

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof PipelineRunContext;
	}

	@Override
	public void onStart(PipelineRunContext context) {
		if (logger.isWarnEnabled()) {
			context.put(START, System.nanoTime());
		}
	}

	@Override
	public void onStop(PipelineRunContext context) {
		Long start = context.get(START);
		boolean failed = context.getError() != null;
		if (start == null || !(failed ? logger.isWarnEnabled() : logger.isInfoEnabled())) {
			return;
		}
		long durationMillis = (System.nanoTime() - start) / 1_000_000;
		String status = context.getStatus();
		LoggingEventBuilder line = failed ? logger.atWarn() : logger.atInfo();
		line = line.addKeyValue("status", status)
			.addKeyValue("duration_ms", durationMillis)
			.addKeyValue("steps", context.getSteps());
		if (failed) {
			line = line.addKeyValue(ERROR_TYPE, context.getError().getClass().getName());
		}
		// Outside any request the MDC holds no trace: the run's own span, for any layout
		int added = LineIds.putTrace(context);
		// The run's fields as on its other lines, in the MDC: an enclosing run's would
		// otherwise be there, or be written twice
		PipelineMdc previous = PipelineMdc.fromMdc();
		new PipelineMdc(context.getPipeline(), context.getRunId()).putInMdc();
		try {
			line.log("Pipeline " + context.getPipeline() + " " + status + " in " + durationMillis + " ms, "
					+ context.getSteps() + " steps");
		}
		finally {
			PipelineMdc.restore(previous);
			LineIds.remove(added);
		}
	}

}
