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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches whether or not the OpenTelemetry Java agent is attached to this JVM.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 * @see OpenTelemetryJavaAgent
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnOpenTelemetryJavaAgentCondition.class)
public @interface ConditionalOnOpenTelemetryJavaAgent {

	/**
	 * Whether the agent must be attached for the condition to match, or absent.
	 * @return whether it must be attached
	 */
	boolean attached() default true;

}
