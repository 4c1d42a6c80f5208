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

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnOpenTelemetryJavaAgent}.
 *
 * @author Phoenix Observability
 */
final class OnOpenTelemetryJavaAgentCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnOpenTelemetryJavaAgent.class.getName());
		boolean required = (attributes == null) || (boolean) attributes.get("attached");
		boolean attached = OpenTelemetryJavaAgent.isAttached();
		String state = attached ? "the OpenTelemetry Java agent is attached"
				: "the OpenTelemetry Java agent is not attached";
		return (attached == required) ? ConditionOutcome.match(state) : ConditionOutcome.noMatch(state);
	}

}
