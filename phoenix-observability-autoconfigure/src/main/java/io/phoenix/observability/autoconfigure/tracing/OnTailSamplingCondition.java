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

package io.phoenix.observability.autoconfigure.tracing;

import io.phoenix.observability.autoconfigure.tracing.TraceSamplingProperties.SamplingMode;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when traces are decided by tail sampling: when
 * {@code phoenix.observability.tracing.sampling.mode} is {@code tail}, or is not set and
 * Spring Boot is not asked to export unsampled spans as well (a service that exports
 * every recorded span has nothing to keep after the fact).
 *
 * @author Phoenix Observability
 */
class OnTailSamplingCondition extends SpringBootCondition {

	static final String MODE = "phoenix.observability.tracing.sampling.mode";

	static final String INCLUDE_UNSAMPLED = "management.opentelemetry.tracing.export.include-unsampled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		ConditionMessage.Builder message = ConditionMessage.forCondition("Tail sampling");
		Binder binder = Binder.get(environment);
		SamplingMode mode;
		try {
			// Bound as the properties bind it: any case, blank as unset
			mode = binder.bind(MODE, SamplingMode.class).orElse(null);
		}
		catch (BindException ex) {
			// Startup fails when the properties are bound, naming the property
			return ConditionOutcome.match(message.because(MODE + " is invalid"));
		}
		if (mode != null) {
			return (mode == SamplingMode.TAIL) ? ConditionOutcome.match(message.because(MODE + " is tail"))
					: ConditionOutcome.noMatch(message.because(MODE + " is head"));
		}
		if (binder.bind(INCLUDE_UNSAMPLED, Boolean.class).orElse(false)) {
			return ConditionOutcome
				.noMatch(message.because(MODE + " is not set and " + INCLUDE_UNSAMPLED + " exports every span"));
		}
		return ConditionOutcome.match(message.because(MODE + " is not set: tail is the default"));
	}

}
