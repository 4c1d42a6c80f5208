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

import io.phoenix.observability.autoconfigure.pipeline.PipelineStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one line per LLM call through the {@code phoenix.llm} logger, the same for calls
 * made through Spring AI and through Phoenix's {@code LlmCalls}: {@code provider},
 * {@code operation}, {@code model}, {@code response_model}, {@code input_tokens},
 * {@code output_tokens}, {@code duration_ms}, {@code finish_reason}, {@code status}, and,
 * when known, {@code error_type}, {@code dependency} and {@code circuit_breaker}. The
 * prompt and the completion are written only when the application asked for them; they
 * are then masked by the JSON encoder like every other value.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class LlmCallLog {

	/**
	 * Name of the logger the lines are written to.
	 */
	public static final String LOGGER = "phoenix.llm";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	private final LlmDependencies dependencies;

	/**
	 * Create a log that ties each call to the declared dependency of its provider.
	 * @param dependencies the declared dependencies of the LLM providers
	 */
	public LlmCallLog(LlmDependencies dependencies) {
		this.dependencies = dependencies;
	}

	/**
	 * Whether a line would be written for a call that ends now, so that a call does not
	 * pay for a line nobody reads.
	 * @return whether INFO (or WARN, for failed calls) is enabled
	 */
	static boolean isEnabled() {
		return logger.isWarnEnabled();
	}

	void write(Call call) {
		boolean failed = call.error() != null;
		if (!(failed ? logger.isWarnEnabled() : logger.isInfoEnabled())) {
			return;
		}
		String status = PipelineStatus.of(call.error(), null);
		LoggingEventBuilder line = failed ? logger.atWarn() : logger.atInfo();
		line = line.addKeyValue("provider", call.provider())
			.addKeyValue("operation", call.operation())
			.addKeyValue("model", call.requestModel());
		if (call.responseModel() != null) {
			line = line.addKeyValue("response_model", call.responseModel());
		}
		if (call.inputTokens() >= 0) {
			line = line.addKeyValue("input_tokens", call.inputTokens());
		}
		if (call.outputTokens() >= 0) {
			line = line.addKeyValue("output_tokens", call.outputTokens());
		}
		line = line.addKeyValue("duration_ms", call.durationMillis());
		if (call.finishReason() != null) {
			line = line.addKeyValue("finish_reason", call.finishReason());
		}
		line = line.addKeyValue("status", status);
		if (failed) {
			line = line.addKeyValue("error_type", call.error().getClass().getName());
		}
		LlmDependencies.Dependency dependency = this.dependencies.forProvider(call.provider());
		if (dependency != null) {
			line = line.addKeyValue("dependency", dependency.name());
			if (dependency.circuitBreaker() != null) {
				line = line.addKeyValue("circuit_breaker", dependency.circuitBreaker());
			}
		}
		if (call.prompt() != null) {
			line = line.addKeyValue("prompt", call.prompt());
		}
		if (call.completion() != null) {
			line = line.addKeyValue("completion", call.completion());
		}
		line.log("LLM " + call.operation() + " " + call.requestModel() + " " + status + " in " + call.durationMillis()
				+ " ms");
	}

	/**
	 * One LLM call, as either path sees it.
	 *
	 * @param operation the operation, such as {@code chat}
	 * @param provider the provider, such as {@code openai}
	 * @param requestModel the model the request asked for
	 * @param responseModel the model that answered, or {@code null}
	 * @param inputTokens the prompt's tokens, or {@code -1}
	 * @param outputTokens the completion's tokens, or {@code -1}
	 * @param durationMillis the duration of the call
	 * @param finishReason why the model stopped, or {@code null}
	 * @param error what the call failed with, or {@code null}
	 * @param prompt the prompt's text, or {@code null} unless asked for
	 * @param completion the completion's text, or {@code null} unless asked for
	 */
	record Call(String operation, String provider, String requestModel, String responseModel, long inputTokens,
			long outputTokens, long durationMillis, String finishReason, Throwable error, String prompt,
			String completion) {

	}

}
