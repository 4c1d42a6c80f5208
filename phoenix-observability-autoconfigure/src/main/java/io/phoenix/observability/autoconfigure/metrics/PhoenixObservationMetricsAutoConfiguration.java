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

package io.phoenix.observability.autoconfigure.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for the meters of observations, recorded by
 * {@link CachedMeterObservationHandler} in place of Micrometer's
 * {@link DefaultMeterObservationHandler}.
 * <p>
 * Spring Boot declares its handler unconditionally and groups every
 * {@link MeterObservationHandler} bean so that the first, in order, that supports an
 * observation handles it (each wrapped for exemplars when tracing is present). Phoenix's
 * handler is ordered right before Spring Boot's, after the handlers that take some
 * observations only (Phoenix's pipeline handler), and is declared only while no other
 * handler is: a handler of the user's own leaves Spring Boot's behaviour untouched.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnPhoenixFeature("metrics")
public final class PhoenixObservationMetricsAutoConfiguration {

	@Bean
	@ConditionalOnPhoenixFeature("metrics.observation-meter-cache")
	@ConditionalOnBean(DefaultMeterObservationHandler.class)
	// Phoenix's own pipeline handler takes only pipeline observations: Phoenix's handler
	// comes after it and before Spring Boot's, and backs off for any other handler
	@ConditionalOnMissingBean(value = MeterObservationHandler.class, ignored = DefaultMeterObservationHandler.class,
			ignoredType = "io.phoenix.observability.autoconfigure.pipeline.PipelineMeterObservationHandler")
	@Order(Ordered.LOWEST_PRECEDENCE - 1)
	CachedMeterObservationHandler cachedMeterObservationHandler(ObjectProvider<MeterRegistry> meterRegistry,
			Clock clock, MetricsProperties properties) {
		// The registry Spring Boot gives its own handler
		MeterRegistry registry = meterRegistry.getIfAvailable(() -> new CompositeMeterRegistry(clock));
		return new CachedMeterObservationHandler(registry,
				properties.getObservations().getIgnoredMeters().toArray(IgnoredMeters[]::new));
	}

}
