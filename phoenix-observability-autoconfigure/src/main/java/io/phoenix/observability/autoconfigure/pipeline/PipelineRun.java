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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as a run of a pipeline: each call is observed as
 * {@link Pipelines#run(String, String, io.micrometer.observation.Observation.CheckedCallable)}
 * observes it, with a new run id. Applied by a Spring AOP advisor to the bean's proxy, so
 * calls from within the same object are not observed; the call's duration is that of the
 * method, so a method that returns a {@code CompletableFuture} or a {@code Mono} is
 * better observed with {@link Pipelines} itself.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface PipelineRun {

	/**
	 * The name of the pipeline; by default, the method's name.
	 * @return the name
	 */
	String value() default "";

}
