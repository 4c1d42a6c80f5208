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

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the one scheduler of Phoenix's background work and the count of
 * its tasks' failures. The auto-configurations that schedule work import it, so that it
 * is there whichever of them an application or a test starts.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "phoenix.observability.enabled", matchIfMissing = true)
public final class PhoenixBackgroundAutoConfiguration {

	/**
	 * Threads of the scheduler: its tasks are short, and blocking checks run elsewhere.
	 */
	private static final int POOL_SIZE = 2;

	@Bean
	@ConditionalOnMissingBean
	BackgroundScheduler phoenixBackgroundScheduler(ObjectProvider<BackgroundTask> tasks) {
		return new BackgroundScheduler(POOL_SIZE, tasks.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BackgroundTaskMetrics phoenixBackgroundTaskMetrics(BackgroundScheduler scheduler) {
			return new BackgroundTaskMetrics(scheduler);
		}

	}

}
