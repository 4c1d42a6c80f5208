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

package io.phoenix.observability.autoconfigure.executor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

/**
 * Executor metrics ({@code executor.*}, tag {@code name} the bean name) for the
 * application's {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} and
 * {@code ForkJoinPool} beans, which Spring Boot does not bind: it binds only its own
 * {@code ThreadPoolTaskExecutor} and {@code ThreadPoolTaskScheduler} beans.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ExecutorMetrics implements MeterBinder {

	private final ExecutorContextPostProcessor postProcessor;

	ExecutorMetrics(ExecutorContextPostProcessor postProcessor) {
		this.postProcessor = postProcessor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.postProcessor.threadPools().forEach((name, pool) -> {
			if (!isBound(registry, name)) {
				// The pool itself, not its wrapper: the metrics read its counters
				new ExecutorServiceMetrics(pool, name, Tags.empty()).bindTo(registry);
			}
		});
	}

	private static boolean isBound(MeterRegistry registry, String name) {
		return registry.getMeters()
			.stream()
			.anyMatch((meter) -> meter.getId().getName().startsWith("executor")
					&& name.equals(meter.getId().getTag("name")));
	}

}
