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

import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the trace and correlation ids on the application's own executors
 * and {@code @Async} methods, and for the metrics of its thread pools.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(ContextSnapshotFactory.class)
@ConditionalOnPhoenixFeature("executors")
@EnableConfigurationProperties(ExecutorProperties.class)
public final class PhoenixExecutorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static ExecutorContextPostProcessor executorContextPostProcessor(ObjectProvider<ExecutorProperties> properties) {
		return new ExecutorContextPostProcessor(properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ExecutorServiceMetrics.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExecutorMetrics phoenixExecutorMetrics(ExecutorContextPostProcessor postProcessor) {
			return new ExecutorMetrics(postProcessor);
		}

	}

}
