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
	 * What the conventions share: a name that is also the span's name, the limiter of tag
	 * values, and the type of context they observe.
	 *
	 * @param <C> the type of context
	 */
	abstract static class Base<C extends Observation.Context> implements ObservationConvention<C> {

		private final String name;

		private final Class<C> contextType;

		final TagValueLimiter limiter;

		Base(String name, Class<C> contextType, TagValueLimiter limiter) {
			this.name = name;
			this.contextType = contextType;
			this.limiter = limiter;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public String getContextualName(C context) {
			return this.name;
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return this.contextType.isInstance(context);
		}

		/**
		 * Limit a value that stays the same for the whole observation once, so that the
		 * convention's calls at its start and its stop count one fold, not two.
		 */
		String limitOnce(Observation.Context context, String key, String value) {
			return context.computeIfAbsent(LIMITED + key, (ignored) -> this.limiter.limit(key, value));
		}

	}

	/**
	 * Convention of pipeline runs.
	 */
	public static class Run extends Base<PipelineRunContext> {

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public Run(TagValueLimiter limiter) {
			super(PIPELINE_OBSERVATION, PipelineRunContext.class, limiter);
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(PipelineRunContext context) {
			return KeyValues.of(KeyValue.of(PIPELINE, limitOnce(context, PIPELINE, context.getPipeline())),
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

	}

	/**
	 * Convention of agent steps.
	 */
	public static class Agent extends Base<AgentStepContext> {

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public Agent(TagValueLimiter limiter) {
			super(AGENT_OBSERVATION, AgentStepContext.class, limiter);
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(AgentStepContext context) {
			return KeyValues.of(KeyValue.of(AGENT, limitOnce(context, AGENT, context.getAgent())),
					KeyValue.of(STATUS, context.getStatus()));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(AgentStepContext context) {
			KeyValues values = KeyValues.of("agent.name", context.getAgent());
			return (context.getRun() != null) ? values.and("run.id", context.getRun().getRunId()) : values;
		}

	}

	/**
	 * Convention of interrupts.
	 */
	public static class Interrupt extends Base<InterruptContext> {

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public Interrupt(TagValueLimiter limiter) {
			super(INTERRUPT_OBSERVATION, InterruptContext.class, limiter);
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(InterruptContext context) {
			// One set of interrupt statuses for every kind: limited under their own tag
			return KeyValues.of(KeyValue.of(KIND, limitOnce(context, KIND, context.getKind())),
					KeyValue.of(STATUS, limitOnce(context, "interrupt.status", context.getStatus())));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(InterruptContext context) {
			return (context.getRun() != null) ? KeyValues.of("run.id", context.getRun().getRunId()) : KeyValues.empty();
		}

	}

	/**
	 * Convention of LLM calls, with the names and tags of Spring AI's
	 * {@code DefaultChatModelObservationConvention}, so that one dashboard reads both.
	 */
	public static class LlmCall extends Base<LlmCallContext> {

		/**
		 * Name of the observation, as Spring AI names it.
		 */
		public static final String NAME = "gen_ai.client.operation";

		/**
		 * Create a convention.
		 * @param limiter the limiter of tag values
		 */
		public LlmCall(TagValueLimiter limiter) {
			super(NAME, LlmCallContext.class, limiter);
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
					KeyValue.of("gen_ai.system", limitOnce(context, "gen_ai.system", context.getProvider())),
					KeyValue.of("gen_ai.request.model",
							limitOnce(context, "gen_ai.request.model", context.getRequestModel())),
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

	}

}
