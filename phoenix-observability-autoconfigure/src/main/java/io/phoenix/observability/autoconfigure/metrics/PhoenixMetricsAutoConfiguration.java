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

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration for Phoenix's metrics guards, and the histogram of Spring AI's LLM
 * calls.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnPhoenixFeature("metrics")
@EnableConfigurationProperties(MetricsGuardProperties.class)
public final class PhoenixMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	CardinalityGuardMeterFilter cardinalityGuardMeterFilter(MetricsGuardProperties properties) {
		return new CardinalityGuardMeterFilter(properties.getCardinality().getTagKeys(),
				properties.getCardinality().getMaxValues());
	}

	@Bean
	@ConditionalOnMissingBean
	// Before Spring Boot's PropertiesMeterFilter (order 0), which overrides it with
	// management.metrics.distribution.*
	@Order(-1)
	LlmLatencyBucketsMeterFilter llmLatencyBucketsMeterFilter() {
		return new LlmLatencyBucketsMeterFilter();
	}

	@Bean
	MeterBinder cardinalityGuardMetrics(CardinalityGuardMeterFilter filter) {
		return (registry) -> FunctionCounter
			.builder("phoenix.metrics.cardinality.folded", filter, CardinalityGuardMeterFilter::getFoldedValues)
			.description("Tag values folded into 'OTHER' because a meter reached its limit of distinct values")
			.register(registry);
	}

}
