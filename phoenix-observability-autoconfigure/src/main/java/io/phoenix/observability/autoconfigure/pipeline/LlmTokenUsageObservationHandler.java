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

import java.util.ArrayList;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Counts the tokens of LLM calls as Spring AI's {@code ChatModelMeterObservationHandler}
 * does: {@code gen_ai.client.token.usage} tagged with the call's low cardinality key
 * values and {@code gen_ai.token.type} ({@code input}, {@code output}, {@code total}).
 * The call's timer, {@code gen_ai.client.operation}, is Micrometer's default handler's,
 * as for Spring AI's calls.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class LlmTokenUsageObservationHandler implements ObservationHandler<LlmCallContext> {

	/**
	 * Name of the counter, as Spring AI names it.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	private final MeterRegistry registry;

	/**
	 * Create a new handler.
	 * @param registry the registry of the counters
	 */
	public LlmTokenUsageObservationHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof LlmCallContext;
	}

	@Override
	public void onStop(LlmCallContext context) {
		long input = context.getInputTokens();
		long output = context.getOutputTokens();
		if (input < 0 && output < 0) {
			return;
		}
		List<Tag> tags = new ArrayList<>();
		for (KeyValue value : context.getLowCardinalityKeyValues()) {
			tags.add(Tag.of(value.getKey(), value.getValue()));
		}
		if (input >= 0) {
			count(tags, "input", input);
		}
		if (output >= 0) {
			count(tags, "output", output);
		}
		count(tags, "total", Math.max(input, 0) + Math.max(output, 0));
	}

	private void count(List<Tag> tags, String type, long tokens) {
		Counter.builder(TOKEN_USAGE)
			.description("Measures number of input and output tokens used")
			.tags(tags)
			.tag("gen_ai.token.type", type)
			.register(this.registry)
			.increment(tokens);
	}

}
