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

package io.phoenix.observability.autoconfigure.background;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Counts the failed runs of each background task as
 * {@code phoenix.background.task.failures{task}}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class BackgroundTaskMetrics implements MeterBinder {

	private final BackgroundScheduler scheduler;

	/**
	 * Create the meters.
	 * @param scheduler the scheduler whose tasks are counted
	 */
	public BackgroundTaskMetrics(BackgroundScheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.scheduler.onNewTask((task) -> register(registry, task));
		this.scheduler.getTaskNames().forEach((task) -> register(registry, task));
	}

	private void register(MeterRegistry registry, String task) {
		FunctionCounter.builder("phoenix.background.task.failures", this.scheduler, (s) -> s.getFailures(task))
			.tag("task", task)
			.description("Runs of a Phoenix background task that failed")
			.register(registry);
	}

}
