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
 * The context of one call to an LLM made without Spring AI, observed under the names
 * Spring AI uses ({@code gen_ai.client.operation}).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class LlmCallContext extends Observation.Context implements LlmCall {

	private final String operation;

	private final String provider;

	private final String requestModel;

	private volatile String responseModel;

	private volatile long inputTokens = -1;

	private volatile long outputTokens = -1;

	private volatile String finishReason;

	/**
	 * Create a new context.
	 * @param operation the operation, such as {@code chat}
	 * @param provider the provider, such as {@code openai} or {@code vllm}
	 * @param requestModel the model the request asked for
	 */
	public LlmCallContext(String operation, String provider, String requestModel) {
		this.operation = operation;
		this.provider = provider;
		this.requestModel = requestModel;
	}

	@Override
	public LlmCall responseModel(String model) {
		this.responseModel = model;
		return this;
	}

	@Override
	public LlmCall usage(long inputTokens, long outputTokens) {
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
		return this;
	}

	@Override
	public LlmCall finishReason(String finishReason) {
		this.finishReason = finishReason;
		return this;
	}

	public String getOperation() {
		return this.operation;
	}

	public String getProvider() {
		return this.provider;
	}

	public String getRequestModel() {
		return this.requestModel;
	}

	/**
	 * Return the model that answered.
	 * @return the model, or {@code null} when the call did not say
	 */
	public String getResponseModel() {
		return this.responseModel;
	}

	/**
	 * Return the prompt's tokens.
	 * @return the tokens, or {@code -1} when the call did not say
	 */
	public long getInputTokens() {
		return this.inputTokens;
	}

	/**
	 * Return the completion's tokens.
	 * @return the tokens, or {@code -1} when the call did not say
	 */
	public long getOutputTokens() {
		return this.outputTokens;
	}

	/**
	 * Return why the model stopped.
	 * @return the reason, or {@code null} when the call did not say
	 */
	public String getFinishReason() {
		return this.finishReason;
	}

}
