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

package io.phoenix.observability.autoconfigure.llm;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.phoenix.observability.autoconfigure.pipeline.LlmCallContext;

/**
 * Writes the {@code phoenix.llm} line of each call recorded through Phoenix's
 * {@code LlmCalls}, the same line as for Spring AI's calls.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 * @see LlmCallLog
 */
public class LlmCallLogObservationHandler implements ObservationHandler<LlmCallContext> {

	private static final String START = LlmCallLogObservationHandler.class.getName() + ".start";

	private final LlmCallLog log;

	/**
	 * Create a new handler.
	 * @param log where the lines go
	 */
	public LlmCallLogObservationHandler(LlmCallLog log) {
		this.log = log;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof LlmCallContext;
	}

	@Override
	public void onStart(LlmCallContext context) {
		if (LlmCallLog.isEnabled()) {
			context.put(START, System.nanoTime());
		}
	}

	@Override
	public void onStop(LlmCallContext context) {
		Long start = context.get(START);
		if (start == null) {
			return;
		}
		long durationMillis = (System.nanoTime() - start) / 1_000_000;
		// Text the application hands over is never logged: only what Spring AI's
		// switches ask for would be
		this.log.write(new LlmCallLog.Call(context.getOperation(), context.getProvider(), context.getRequestModel(),
				context.getResponseModel(), context.getInputTokens(), context.getOutputTokens(), durationMillis,
				context.getFinishReason(), context.getError(), null, null));
	}

}
