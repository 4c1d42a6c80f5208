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
import java.util.Objects;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;

/**
 * Writes the {@code phoenix.llm} line of each chat call that Spring AI observes, from its
 * {@link ChatModelObservationContext}. Spring AI's own handlers keep the metrics and the
 * span; this one only reads the context.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 * @see LlmCallLog
 */
public class ChatModelCallLogObservationHandler implements ObservationHandler<ChatModelObservationContext> {

	private static final String START = ChatModelCallLogObservationHandler.class.getName() + ".start";

	private final LlmCallLog log;

	private final boolean logPrompt;

	private final boolean logCompletion;

	/**
	 * Create a new handler.
	 * @param log where the lines go
	 * @param logPrompt whether to write the prompt's text, as Spring AI's
	 * {@code spring.ai.chat.observations.log-prompt} asks
	 * @param logCompletion whether to write the completion's text, as Spring AI's
	 * {@code spring.ai.chat.observations.log-completion} asks
	 */
	public ChatModelCallLogObservationHandler(LlmCallLog log, boolean logPrompt, boolean logCompletion) {
		this.log = log;
		this.logPrompt = logPrompt;
		this.logCompletion = logCompletion;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		if (LlmCallLog.isEnabled()) {
			context.put(START, System.nanoTime());
		}
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		Long start = context.get(START);
		if (start == null) {
			return;
		}
		long durationMillis = (System.nanoTime() - start) / 1_000_000;
		ChatOptions options = context.getRequest().getOptions();
		String requestModel = (options != null) ? options.getModel() : null;
		ChatResponse response = context.getResponse();
		ChatResponseMetadata metadata = (response != null) ? response.getMetadata() : null;
		Usage usage = (metadata != null) ? metadata.getUsage() : null;
		Generation result = (response != null) ? response.getResult() : null;
		String finishReason = (result != null && result.getMetadata() != null) ? result.getMetadata().getFinishReason()
				: null;
		String responseModel = (metadata != null && metadata.getModel() != null && !metadata.getModel().isEmpty())
				? metadata.getModel() : null;
		this.log.write(new LlmCallLog.Call(context.getOperationMetadata().operationType(),
				context.getOperationMetadata().provider(), Objects.toString(requestModel, "none"), responseModel,
				tokens((usage != null) ? usage.getPromptTokens() : null),
				tokens((usage != null) ? usage.getCompletionTokens() : null), durationMillis, finishReason,
				context.getError(), this.logPrompt ? prompt(context.getRequest().getInstructions()) : null,
				this.logCompletion ? completion(response) : null));
	}

	private static long tokens(Integer tokens) {
		return (tokens != null) ? tokens : -1;
	}

	private static String prompt(List<Message> messages) {
		return messages.stream().map(Message::getText).filter(Objects::nonNull).collect(Collectors.joining("\n"));
	}

	private static String completion(ChatResponse response) {
		if (response == null) {
			return null;
		}
		return response.getResults()
			.stream()
			.map((generation) -> generation.getOutput().getText())
			.filter(Objects::nonNull)
			.collect(Collectors.joining("\n"));
	}

}
