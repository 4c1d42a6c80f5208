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

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnOpenTelemetryJavaAgent;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.opentelemetry.autoconfigure.ConditionalOnEnabledOpenTelemetry;
import org.springframework.boot.opentelemetry.autoconfigure.logging.ConditionalOnEnabledLoggingExport;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that sends the application's log events over OTLP when Spring Boot's
 * {@code management.opentelemetry.logging.export.otlp.endpoint} is set: installs
 * OpenTelemetry's appender for Logback or Log4j2, which Spring Boot leaves to the
 * application, and counts and reports the records that the export drops or fails to send.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
		afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({ SdkLoggerProvider.class, OpenTelemetryLoggingProperties.class })
@ConditionalOnPhoenixFeature("logging")
@ConditionalOnEnabledOpenTelemetry
@ConditionalOnEnabledLoggingExport("otlp")
@ConditionalOnProperty("management.opentelemetry.logging.export.otlp.endpoint")
// The agent exports the application's log records itself
@ConditionalOnOpenTelemetryJavaAgent(attached = false)
@EnableConfigurationProperties({ LogExportProperties.class, OpenTelemetryLoggingProperties.class })
public final class PhoenixOtlpLoggingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LogExportMonitor logExportMonitor(OpenTelemetryLoggingProperties openTelemetry, LogExportProperties properties,
			ObjectProvider<MeterProvider> meterProvider) {
		return new LogExportMonitor(openTelemetry.getExport().getMaxQueueSize(), properties.getFailureLogInterval(),
				meterProvider.getIfAvailable());
	}

	/**
	 * Spring Boot's log record processor, built as Spring Boot builds it, with the
	 * monitor's meter provider and exporter.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(BatchLogRecordProcessor.class)
	static class LogRecordProcessorConfiguration {

		// Same inputs as OpenTelemetryLoggingAutoConfiguration's, which backs off for
		// this bean
		@Bean
		BatchLogRecordProcessor openTelemetryBatchLogRecordProcessor(ObjectProvider<LogRecordExporter> exporters,
				OpenTelemetryLoggingProperties openTelemetry, LogExportMonitor monitor) {
			OpenTelemetryLoggingProperties.Export export = openTelemetry.getExport();
			LogRecordExporter exporter = LogRecordExporter.composite(exporters.orderedStream().toList());
			return BatchLogRecordProcessor.builder(monitor.monitoring(exporter))
				.setExporterTimeout(export.getTimeout())
				.setMaxQueueSize(export.getMaxQueueSize())
				.setScheduleDelay(export.getScheduleDelay())
				// A batch never larger than the queue: the SDK warns and shrinks it
				// otherwise
				.setMaxExportBatchSize(Math.min(export.getMaxBatchSize(), export.getMaxQueueSize()))
				.setMeterProvider(monitor.getMeterProvider())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "ch.qos.logback.classic.LoggerContext",
			"io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender" })
	static class LogbackAppenderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LogbackAppenderInstaller logbackAppenderInstaller(OpenTelemetry openTelemetry, LogExportProperties properties) {
			return new LogbackAppenderInstaller(openTelemetry, properties.getMdcKeys());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.logging.log4j.core.LoggerContext",
			"io.opentelemetry.instrumentation.log4j.appender.v2_17.OpenTelemetryAppender" })
	static class Log4j2AppenderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		Log4j2AppenderInstaller log4j2AppenderInstaller(OpenTelemetry openTelemetry, LogExportProperties properties) {
			return new Log4j2AppenderInstaller(openTelemetry, properties.getMdcKeys());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class MetricsConfiguration {

		@Bean
		MeterBinder logExportMetrics(ObjectProvider<LogExportMonitor> monitor) {
			return (registry) -> monitor.ifAvailable((state) -> bind(state, registry));
		}

		private static void bind(LogExportMonitor monitor, MeterRegistry registry) {
			FunctionCounter.builder(LogExportMeters.DROPPED_RECORDS, monitor, LogExportMonitor::getDroppedRecords)
				.description("Log records dropped before export because the export queue was full")
				.register(registry);
			FunctionCounter.builder(LogExportMeters.FAILURES, monitor, LogExportMonitor::getFailedExports)
				.description("Log record exports that failed, for example because the collector is down")
				.register(registry);
			FunctionCounter.builder(LogExportMeters.FAILED_RECORDS, monitor, LogExportMonitor::getFailedRecords)
				.description("Log records whose export failed")
				.register(registry);
			Gauge.builder(LogExportMeters.QUEUE_SIZE, monitor, LogExportMonitor::getQueueSize)
				.description("Log records waiting in the export queue")
				.register(registry);
			Gauge.builder(LogExportMeters.QUEUE_CAPACITY, monitor, LogExportMonitor::getQueueCapacity)
				.description("Log records the export queue holds at most; records logged when it is full are dropped")
				.register(registry);
		}

	}

}
