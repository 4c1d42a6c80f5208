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

package io.phoenix.observability.autoconfigure.logging.otlp;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixOtlpLoggingAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixOtlpLoggingAutoConfigurationTests {

	private static final String ENDPOINT = "management.opentelemetry.logging.export.otlp.endpoint=http://127.0.0.1:1/v1/logs";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryLoggingAutoConfiguration.class, PhoenixOtlpLoggingAutoConfiguration.class));

	@Test
	void offWithoutTheEndpoint() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(LogbackAppenderInstaller.class).doesNotHaveBean(LogExportMonitor.class);
			assertThat(rootAppenders()).noneMatch(OpenTelemetryAppender.class::isInstance);
		});
	}

	@Test
	void endpointInstallsTheAppenderUntilTheContextCloses() {
		this.contextRunner.withPropertyValues(ENDPOINT).run((context) -> {
			assertThat(context).hasSingleBean(LogbackAppenderInstaller.class)
				.doesNotHaveBean(Log4j2AppenderInstaller.class)
				.hasSingleBean(LogExportMonitor.class);
			assertThat(context.getBean(BatchLogRecordProcessor.class).toString()).contains("Monitoring{");
			assertThat(rootAppenders()).filteredOn(OpenTelemetryAppender.class::isInstance)
				.singleElement()
				.satisfies(
						(appender) -> assertThat(appender.getName()).isEqualTo(LogbackAppenderInstaller.APPENDER_NAME));
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("logExportMetrics", MeterBinder.class).bindTo(registry);
			assertThat(registry.get(LogExportMeters.QUEUE_CAPACITY).gauge().value()).isEqualTo(2048);
			assertThat(registry.get(LogExportMeters.DROPPED_RECORDS).functionCounter().count()).isZero();
		});
		assertThat(rootAppenders()).noneMatch(OpenTelemetryAppender.class::isInstance);
	}

	@Test
	void disabledWithPhoenixLogging() {
		this.contextRunner.withPropertyValues(ENDPOINT, "phoenix.observability.logging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LogbackAppenderInstaller.class)
				.doesNotHaveBean(LogExportMonitor.class));
	}

	@Test
	void disabledWithSpringBootsLoggingExport() {
		this.contextRunner.withPropertyValues(ENDPOINT, "management.logging.export.otlp.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LogbackAppenderInstaller.class));
	}

	@Test
	void backsOffWithoutTheAppenderLibrary() {
		this.contextRunner.withPropertyValues(ENDPOINT)
			.withClassLoader(new FilteredClassLoader(OpenTelemetryAppender.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LogbackAppenderInstaller.class);
				// The export is still Spring Boot's, counted
				assertThat(context).hasSingleBean(LogExportMonitor.class);
				assertThat(rootAppenders()).noneMatch(OpenTelemetryAppender.class::isInstance);
			});
	}

	@Test
	void userInstallerWins() {
		this.contextRunner.withPropertyValues(ENDPOINT)
			.withUserConfiguration(UserInstallerConfiguration.class)
			.run((context) -> {
				assertThat(context).getBean(LogbackAppenderInstaller.class)
					.isSameAs(context.getBean(UserInstallerConfiguration.class).installer);
				assertThat(rootAppenders()).noneMatch(OpenTelemetryAppender.class::isInstance);
			});
	}

	@Test
	void userProcessorWins() {
		this.contextRunner.withPropertyValues(ENDPOINT)
			.withUserConfiguration(UserProcessorConfiguration.class)
			.run((context) -> assertThat(context).getBean(BatchLogRecordProcessor.class)
				.isSameAs(context.getBean(UserProcessorConfiguration.class).processor));
	}

	@Test
	void badFailureLogIntervalFails() {
		this.contextRunner.withPropertyValues(ENDPOINT, "phoenix.observability.logging.export.failure-log-interval=0s")
			.run((context) -> assertFailedOn(context, "phoenix.observability.logging.export.failure-log-interval",
					"must be a positive duration"));
	}

	private static List<Appender<ILoggingEvent>> rootAppenders() {
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
		root.iteratorForAppenders().forEachRemaining(appenders::add);
		return appenders;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserInstallerConfiguration {

		// Never started: it stands for an installer of the application's own
		final LogbackAppenderInstaller installer = new LogbackAppenderInstaller(OpenTelemetry.noop(), List.of()) {

			@Override
			public void start() {
			}

		};

		@Bean
		LogbackAppenderInstaller userInstaller() {
			return this.installer;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserProcessorConfiguration {

		final BatchLogRecordProcessor processor = BatchLogRecordProcessor
			.builder(io.opentelemetry.sdk.logs.export.LogRecordExporter.composite())
			.build();

		@Bean
		BatchLogRecordProcessor userProcessor() {
			return this.processor;
		}

	}

}
