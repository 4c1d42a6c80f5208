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

package io.phoenix.observability.autoconfigure.logging;

import java.time.Duration;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixLoggingAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixLoggingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixLoggingAutoConfiguration.class));

	@Test
	void defaultsRegisterDroppedEventsCounter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LoggingProperties.class).hasBean("droppedLogEventsMetrics");
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("droppedLogEventsMetrics", MeterBinder.class).bindTo(registry);
			FunctionCounter dropped = registry.get("phoenix.logging.events.dropped").functionCounter();
			assertThat(dropped.getId().getDescription()).contains("dropped");
			assertThat(dropped.count()).isZero();
		});
	}

	@Test
	void defaultsCountWarnAndErrorEventsPerLogger() {
		this.contextRunner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(LoggerEventMetrics.class).bindTo(registry);
			org.slf4j.LoggerFactory.getLogger("com.example.Payments").error("declined");
			assertThat(registry.get(LoggerEventMetrics.METER_NAME)
				.tag("logger", "com.example.Payments")
				.tag("level", "error")
				.counter()
				.count()).isOne();
		});
	}

	@Test
	void loggerEventsDisabledByProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.logger-events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LoggerEventMetrics.class)
				.hasBean("droppedLogEventsMetrics"));
	}

	@Test
	void userLoggerEventMetricsWin() {
		LoggerEventMetrics own = new LoggerEventMetrics(new LoggerContext(), 1);
		this.contextRunner.withBean(LoggerEventMetrics.class, () -> own)
			.run((context) -> assertThat(context.getBean(LoggerEventMetrics.class)).isSameAs(own));
	}

	@Test
	void badMaxLoggersFailsWithItsName() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.logger-events.max-loggers=0")
			.run((context) -> assertFailedOn(context, "phoenix.observability.logging.logger-events.max-loggers",
					"must be greater than 0"));
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.format=text",
				"phoenix.observability.logging.async.queue-size=1024",
				"phoenix.observability.logging.async.poll-interval=1s", "phoenix.observability.logging.mask.fields=pin")
			.run((context) -> {
				LoggingProperties properties = context.getBean(LoggingProperties.class);
				assertThat(properties.getFormat()).isEqualTo(LoggingProperties.Format.TEXT);
				assertThat(properties.getAsync().getQueueSize()).isEqualTo(1024);
				assertThat(properties.getAsync().getPollInterval()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getMask().getFields()).containsExactly("pin");
			});
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LoggingProperties.class)
				.doesNotHaveBean("droppedLogEventsMetrics"));
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LoggingProperties.class)
				.doesNotHaveBean("droppedLogEventsMetrics"));
	}

	@Test
	void userMeterBinderWins() {
		this.contextRunner.withUserConfiguration(UserMetricsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("droppedLogEventsMetrics")).isSameAs(UserMetricsConfiguration.BINDER);
		});
	}

	@Test
	void backsOffWithoutLogstashEncoder() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LogstashEncoder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LoggingProperties.class)
				.doesNotHaveBean("droppedLogEventsMetrics"));
	}

	@Test
	void backsOffWithoutLogback() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean("droppedLogEventsMetrics"));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).doesNotHaveBean("droppedLogEventsMetrics"));
	}

	@Test
	void queueSizeThatIsNoPowerOfTwoFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.async.queue-size=1000")
			.run((context) -> assertFailedOn(context, "phoenix.observability.logging.async.queue-size",
					"must be a positive power of two, such as 8192, but was 1000"));
	}

	@Test
	void negativePollIntervalFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.async.poll-interval=-10ms")
			.run((context) -> assertFailedOn(context, "phoenix.observability.logging.async.poll-interval",
					"must be between 0 (wake on every line) and 1s"));
	}

	@Test
	void pollIntervalAboveOneSecondFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.async.poll-interval=1001ms")
			.run((context) -> assertFailedOn(context, "phoenix.observability.logging.async.poll-interval",
					"must be between 0 (wake on every line) and 1s, but was PT1.001S"));
	}

	@Test
	void invalidMaskExpressionFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.mask.values[0]=(")
			.run((context) -> assertFailedOn(context, "phoenix.observability.logging.mask.values[0]",
					"'(' is not a valid regular expression"));
	}

	@Test
	void invalidStackTraceDepthFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.logging.stack-trace.max-depth=0")
			.run((context) -> assertFailedOn(context, "phoenix.observability.logging.stack-trace.max-depth",
					"must be greater than 0, but was 0"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		static final MeterBinder BINDER = (registry) -> {
		};

		@Bean
		MeterBinder droppedLogEventsMetrics() {
			return BINDER;
		}

	}

}
