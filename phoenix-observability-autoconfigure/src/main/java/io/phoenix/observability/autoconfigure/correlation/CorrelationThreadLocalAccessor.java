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

package io.phoenix.observability.autoconfigure.correlation;

import io.micrometer.context.ThreadLocalAccessor;

/**
 * Carries the {@link CorrelationContext} between the MDC of a thread and a Reactor
 * {@code Context} or a context snapshot, so that the ids follow a request across thread
 * hops. Registered with the context-propagation library through
 * {@code META-INF/services}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationThreadLocalAccessor implements ThreadLocalAccessor<CorrelationContext> {

	@Override
	public Object key() {
		return CorrelationContext.KEY;
	}

	@Override
	public CorrelationContext getValue() {
		return CorrelationContext.fromMdc();
	}

	@Override
	public void setValue(CorrelationContext value) {
		value.putInMdc();
	}

	@Override
	public void setValue() {
		CorrelationContext.clearMdc();
	}

}
