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

package io.phoenix.observability.newcomer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * The thread pools an application declares for itself, as most services do: a fixed pool
 * for fan-out work, a scheduler for work that runs later, and {@code @Async} methods.
 *
 * @author Phoenix Observability
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class Pools {

	@Bean
	ExecutorService pool() {
		return Executors.newFixedThreadPool(4);
	}

	@Bean
	ScheduledExecutorService scheduler() {
		return Executors.newSingleThreadScheduledExecutor();
	}

}
