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

import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.phoenix.observability.autoconfigure.pipeline.TagValueLimiter;

import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * Bounds the model names that Spring AI's chat observations turn into tags: the model a
 * request names and, above all, the one the server answers with, which the server chooses
 * (a dated snapshot, a fine-tune per customer). Past the limit of the
 * {@link TagValueLimiter} they share with calls recorded through {@code LlmCalls}, new
 * names become {@value TagValueLimiter#OVERFLOW_VALUE} on the timer and the token
 * counter; the span and the {@code phoenix.llm} line keep the real name.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ChatModelTagValueLimitingFilter implements ObservationFilter {

	private static final List<String> MODEL_TAGS = List.of("gen_ai.request.model", "gen_ai.response.model");

	private final TagValueLimiter limiter;

	/**
	 * Create a filter.
	 * @param limiter the limiter of tag values
	 */
	public ChatModelTagValueLimitingFilter(TagValueLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context instanceof ChatModelObservationContext) {
			for (String tag : MODEL_TAGS) {
				KeyValue model = context.getLowCardinalityKeyValue(tag);
				if (model != null) {
					String limited = this.limiter.limit(tag, model.getValue());
					if (!limited.equals(model.getValue())) {
						context.addLowCardinalityKeyValue(KeyValue.of(tag, limited));
					}
				}
			}
		}
		return context;
	}

}
