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

package io.phoenix.observability.autoconfigure.condition;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnPhoenixFeature @ConditionalOnPhoenixFeature}.
 *
 * @author Phoenix Observability
 */
class OnPhoenixFeatureCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String feature = (String) metadata.getAnnotationAttributes(ConditionalOnPhoenixFeature.class.getName())
			.get("value");
		Environment environment = context.getEnvironment();
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnPhoenixFeature.class, feature);
		if (!isEnabled(environment, "phoenix.observability.enabled")) {
			return ConditionOutcome.noMatch(message.because("phoenix.observability.enabled is false"));
		}
		String property = "phoenix.observability." + feature + ".enabled";
		if (!isEnabled(environment, property)) {
			return ConditionOutcome.noMatch(message.because(property + " is false"));
		}
		return ConditionOutcome.match(message.because(property + " is true or not set"));
	}

	private static boolean isEnabled(Environment environment, String property) {
		try {
			return environment.getProperty(property, Boolean.class, true);
		}
		catch (ConversionException ex) {
			// Without this, startup fails naming the value but not the property
			throw new IllegalStateException("Invalid value '%s' for property '%s': expected true or false"
				.formatted(environment.getProperty(property), property), ex);
		}
	}

}
