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
package io.phoenix.observability.autoconfigure.semconv;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixSemanticConventionsAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixSemanticConventionsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				PhoenixSemanticConventionsAutoConfiguration.class, MicrometerTracingAutoConfiguration.class));

	@Test
	void replacesSpringBootsPropagatingHandlers() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(PropagatingReceiverTracingObservationHandler.class)
				.isInstanceOf(SemanticConventionReceiverTracingObservationHandler.class);
			assertThat(context).getBean(PropagatingSenderTracingObservationHandler.class)
				.isInstanceOf(SemanticConventionSenderTracingObservationHandler.class);
		});
	}

	@Test
	void onePropertyKeepsSpringBootsHandlers() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.semantic-conventions.enabled=false")
			.run((context) -> {
				assertThat(context).getBean(PropagatingReceiverTracingObservationHandler.class)
					.isExactlyInstanceOf(PropagatingReceiverTracingObservationHandler.class);
				assertThat(context).getBean(PropagatingSenderTracingObservationHandler.class)
					.isExactlyInstanceOf(PropagatingSenderTracingObservationHandler.class);
			});
	}

	@Test
	void tracingSwitchedOffKeepsSpringBootsHandlers() {
		this.contextRunner.withPropertyValues("phoenix.observability.tracing.enabled=false")
			.run((context) -> assertThat(context).getBean(PropagatingReceiverTracingObservationHandler.class)
				.isExactlyInstanceOf(PropagatingReceiverTracingObservationHandler.class));
	}

	@Test
	void usersHandlerWins() {
		this.contextRunner.withUserConfiguration(UserHandler.class).run((context) -> {
			assertThat(context).hasSingleBean(PropagatingReceiverTracingObservationHandler.class);
			assertThat(context).getBean(PropagatingReceiverTracingObservationHandler.class)
				.isSameAs(context.getBean("userReceiver"));
			assertThat(context).getBean(PropagatingSenderTracingObservationHandler.class)
				.isInstanceOf(SemanticConventionSenderTracingObservationHandler.class);
		});
	}

	@Test
	void backsOffWithoutTheOpenTelemetryBridge() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OtelSpan.class))
			.run((context) -> assertThat(context)
				.doesNotHaveBean(SemanticConventionReceiverTracingObservationHandler.class)
				.doesNotHaveBean(SemanticConventionSenderTracingObservationHandler.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandler {

		@Bean
		PropagatingReceiverTracingObservationHandler<?> userReceiver(Tracer tracer, Propagator propagator) {
			return new PropagatingReceiverTracingObservationHandler<>(tracer, propagator);
		}

	}

}
