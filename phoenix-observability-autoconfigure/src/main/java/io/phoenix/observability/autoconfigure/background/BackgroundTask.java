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

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Work that Phoenix repeats in the background, such as evaluating health for its gauges:
 * a bean of this type is run by the {@link BackgroundScheduler} from the start of the
 * application context to its close, with a fixed delay between the end of one run and the
 * start of the next.
 *
 * @param name the name of the task, the {@code task} tag of its failures
 * @param interval the time between the end of one run and the start of the next
 * @param action what to run
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record BackgroundTask(String name, Duration interval, Runnable action) {

	public BackgroundTask {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(interval != null && !interval.isNegative() && !interval.isZero(), "'interval' must be positive");
		Assert.notNull(action, "'action' must not be null");
	}

}
