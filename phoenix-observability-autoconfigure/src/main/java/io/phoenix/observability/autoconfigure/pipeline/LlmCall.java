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

/**
 * What the code that calls an LLM tells about the call once it has the answer.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 * @see LlmCalls
 */
public interface LlmCall {

	/**
	 * Record the model that answered, as the response names it.
	 * @param model the model
	 * @return this call
	 */
	LlmCall responseModel(String model);

	/**
	 * Record the tokens the call used, as the response's {@code usage} reports them.
	 * @param inputTokens the prompt's tokens
	 * @param outputTokens the completion's tokens
	 * @return this call
	 */
	LlmCall usage(long inputTokens, long outputTokens);

	/**
	 * Record why the model stopped, as the response's {@code finish_reason} says, such as
	 * {@code stop} or {@code length}.
	 * @param finishReason the reason
	 * @return this call
	 */
	LlmCall finishReason(String finishReason);

}
