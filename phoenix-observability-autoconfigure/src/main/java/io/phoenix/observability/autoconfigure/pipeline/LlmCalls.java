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
import io.micrometer.observation.ObservationRegistry;

/**
 * Records a call to an LLM made without Spring AI (a hand-written client of an
 * OpenAI-compatible API, llama-server or vLLM) under the names and tags Spring AI gives
 * its own: the {@code gen_ai.client.operation} timer and span and the
 * {@code gen_ai.client.token.usage} counter, so that one dashboard and one SLO read both.
 * <pre class="code">
 * String answer = llm.call("openai", "qwen2.5", (call) -&gt; {
 *     ChatCompletion completion = client.complete(prompt);
 *     call.responseModel(completion.model()).usage(completion.usage().promptTokens(),
 *             completion.usage().completionTokens());
 *     return completion.text();
 * });
 * </pre>
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class LlmCalls {

	/**
	 * The operation of a chat completion, as Spring AI names it.
	 */
	public static final String CHAT = "chat";

	private final ObservationRegistry registry;

	private final PipelineConventions.LlmCall convention;

	/**
	 * Create an instance.
	 * @param registry the registry of the observations
	 * @param limiter the limiter of the tags' values
	 */
	public LlmCalls(ObservationRegistry registry, TagValueLimiter limiter) {
		this.registry = registry;
		this.convention = new PipelineConventions.LlmCall(limiter);
	}

	/**
	 * Make a chat call to the given model.
	 * @param <T> the type of the call's result
	 * @param <E> the type of exception the call throws
	 * @param provider the provider, such as {@code openai}, {@code vllm} or
	 * {@code llama_cpp}: the {@code gen_ai.system} tag
	 * @param model the model the request asks for
	 * @param work the call, which records the tokens it used on the given {@link LlmCall}
	 * @return the call's result
	 * @throws E the exception the call threw, recorded as its error
	 */
	public <T, E extends Throwable> T call(String provider, String model, Work<T, E> work) throws E {
		return call(CHAT, provider, model, work);
	}

	/**
	 * Make a call of the given operation to the given model.
	 * @param <T> the type of the call's result
	 * @param <E> the type of exception the call throws
	 * @param operation the operation, such as {@code chat} or {@code embedding}
	 * @param provider the provider: the {@code gen_ai.system} tag
	 * @param model the model the request asks for
	 * @param work the call, which records the tokens it used on the given {@link LlmCall}
	 * @return the call's result
	 * @throws E the exception the call threw, recorded as its error
	 */
	public <T, E extends Throwable> T call(String operation, String provider, String model, Work<T, E> work) throws E {
		LlmCallContext context = new LlmCallContext(operation, provider, model);
		Observation observation = Observation.createNotStarted(null, this.convention, () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			return work.call(context);
		}
		catch (Throwable ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * A call to an LLM.
	 *
	 * @param <T> the type of the call's result
	 * @param <E> the type of exception the call throws
	 */
	@FunctionalInterface
	public interface Work<T, E extends Throwable> {

		/**
		 * Make the call.
		 * @param call where the call records its response model and tokens
		 * @return the call's result
		 * @throws E when the call fails
		 */
		T call(LlmCall call) throws E;

	}

}
