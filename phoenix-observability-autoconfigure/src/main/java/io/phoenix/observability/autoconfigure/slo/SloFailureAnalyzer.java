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

package io.phoenix.observability.autoconfigure.slo;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidSloException} at startup: which property is wrong, why, and
 * how to fix it.
 *
 * @author Phoenix Observability
 */
class SloFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSloException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSloException cause) {
		String description = "Invalid service level objective.%n%n    Property: %s%n    Value: %s%n    Reason: %s"
			.formatted(cause.getProperty(), (cause.getValue() != null) ? cause.getValue() : "(not set)",
					cause.getReason());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
