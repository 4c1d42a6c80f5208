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

import io.micrometer.context.ThreadLocalAccessor;

/**
 * Carries the {@link PipelineMdc pipeline and run id} of the MDC to the threads a run
 * hands work to (the application's executors, {@code @Async} methods, Reactor), so that
 * their lines carry them too. Registered with the context-propagation library through
 * {@code META-INF/services}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class PipelineThreadLocalAccessor implements ThreadLocalAccessor<PipelineMdc> {

	@Override
	public Object key() {
		return PipelineMdc.KEY;
	}

	@Override
	public PipelineMdc getValue() {
		return PipelineMdc.fromMdc();
	}

	@Override
	public void setValue(PipelineMdc value) {
		value.putInMdc();
	}

	@Override
	public void setValue() {
		PipelineMdc.clearMdc();
	}

}
