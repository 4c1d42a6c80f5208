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

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and tags of pipeline runs, agent steps and interrupts: low cardinality key
 * values become metric tags (bounded by a {@link TagValueLimiter}), high cardinality ones
 * span attributes only.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class PipelineConventions {

	/**
	 * Name of the observation of a run, and of its span.
	 */
	public static final String PIPELINE_OBSERVATION = "pipeline.execute";

	/**
	 * Name of the observation of an agent step, and of its span.
	 */
	public static final String AGENT_OBSERVATION = "agent.execute";

	/**
	 * Name of the observation of an interrupt, and of its span.
	 */
	public static final String INTERRUPT_OBSERVATION = "pipeline.interrupt";

	/**
	 * Tag of the pipeline's name.
	 */
	public static final String PIPELINE = "pipeline";

	/**
	 * Tag of the agent's name.
	 */
	public static final String AGENT = "agent";

	/**
	 * Tag of the interrupt's kind.
	 */
	public static final String KIND = "kind";

	/**
	 * Tag of the outcome.
	 */
	public static final String STATUS = "status";

	private static final String LIMITED = PipelineConventions.class.getName() + ".limited.";

	private PipelineConventions() {
	}

	/**
	 * Limit a value that stays the same for the whole observation once, so that the
	 * conventions' calls at its start and its stop count one fold, not two.
	 */
	private static String limitOnce(Observation.Context context, TagValueLimiter limiter, String key, String value) {
		return context.computeIfAbsent(LIMITED + key, (ignored) -> limiter.limit(key, value));
	}

	/**
	 * Convention of pipeline runs.
	 */
	public static class Run implements ObservationConvention<PipelineRunContext> {

		private final TagValueLimiter limiter;

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public Run(TagValueLimiter limiter) {
			this.limiter = limiter;
		}

		@Override
		public String getName() {
			return PIPELINE_OBSERVATION;
		}

		@Override
		public String getContextualName(PipelineRunContext context) {
			return PIPELINE_OBSERVATION;
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(PipelineRunContext context) {
			return KeyValues.of(
					KeyValue.of(PIPELINE, limitOnce(context, this.limiter, PIPELINE, context.getPipeline())),
					KeyValue.of(STATUS, this.limiter.limit(STATUS, context.getStatus())));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(PipelineRunContext context) {
			KeyValues values = KeyValues.of("pipeline.name", context.getPipeline(), "run.id", context.getRunId());
			if (context.getRequestId() != null) {
				values = values.and("request.id", context.getRequestId());
			}
			if (context.getUserId() != null) {
				values = values.and("user.id", context.getUserId());
			}
			return values;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof PipelineRunContext;
		}

	}

	/**
	 * Convention of agent steps.
	 */
	public static class Agent implements ObservationConvention<AgentStepContext> {

		private final TagValueLimiter limiter;

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public Agent(TagValueLimiter limiter) {
			this.limiter = limiter;
		}

		@Override
		public String getName() {
			return AGENT_OBSERVATION;
		}

		@Override
		public String getContextualName(AgentStepContext context) {
			return AGENT_OBSERVATION;
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(AgentStepContext context) {
			return KeyValues.of(KeyValue.of(AGENT, limitOnce(context, this.limiter, AGENT, context.getAgent())),
					KeyValue.of(STATUS, context.getStatus()));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(AgentStepContext context) {
			KeyValues values = KeyValues.of("agent.name", context.getAgent());
			return (context.getRun() != null) ? values.and("run.id", context.getRun().getRunId()) : values;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof AgentStepContext;
		}

	}

	/**
	 * Convention of interrupts.
	 */
	public static class Interrupt implements ObservationConvention<InterruptContext> {

		private final TagValueLimiter limiter;

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public Interrupt(TagValueLimiter limiter) {
			this.limiter = limiter;
		}

		@Override
		public String getName() {
			return INTERRUPT_OBSERVATION;
		}

		@Override
		public String getContextualName(InterruptContext context) {
			return INTERRUPT_OBSERVATION;
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(InterruptContext context) {
			// One set of interrupt statuses for every kind: limited under their own tag
			return KeyValues.of(KeyValue.of(KIND, limitOnce(context, this.limiter, KIND, context.getKind())),
					KeyValue.of(STATUS, limitOnce(context, this.limiter, "interrupt.status", context.getStatus())));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(InterruptContext context) {
			return (context.getRun() != null) ? KeyValues.of("run.id", context.getRun().getRunId()) : KeyValues.empty();
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof InterruptContext;
		}

	}

	/**
	 * Convention of LLM calls, with the names and tags of Spring AI's
	 * {@code DefaultChatModelObservationConvention}, so that one dashboard reads both.
	 */
	public static class LlmCall implements ObservationConvention<LlmCallContext> {

		/**
		 * Name of the observation, as Spring AI names it.
		 */
		public static final String NAME = "gen_ai.client.operation";

		private final TagValueLimiter limiter;

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public LlmCall(TagValueLimiter limiter) {
			this.limiter = limiter;
		}

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public String getContextualName(LlmCallContext context) {
			return context.getOperation() + " " + context.getRequestModel();
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(LlmCallContext context) {
			String responseModel = (context.getResponseModel() != null) ? context.getResponseModel()
					: KeyValue.NONE_VALUE;
			return KeyValues.of(
					KeyValue.of("gen_ai.operation.name",
							this.limiter.limit("gen_ai.operation.name", context.getOperation())),
					KeyValue.of("gen_ai.system",
							limitOnce(context, this.limiter, "gen_ai.system", context.getProvider())),
					KeyValue.of("gen_ai.request.model",
							limitOnce(context, this.limiter, "gen_ai.request.model", context.getRequestModel())),
					KeyValue.of("gen_ai.response.model", this.limiter.limit("gen_ai.response.model", responseModel)));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(LlmCallContext context) {
			KeyValues values = KeyValues.empty();
			if (context.getInputTokens() >= 0) {
				values = values.and("gen_ai.usage.input_tokens", String.valueOf(context.getInputTokens()));
			}
			if (context.getOutputTokens() >= 0) {
				values = values.and("gen_ai.usage.output_tokens", String.valueOf(context.getOutputTokens()));
			}
			return values;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof LlmCallContext;
		}

	}

}
