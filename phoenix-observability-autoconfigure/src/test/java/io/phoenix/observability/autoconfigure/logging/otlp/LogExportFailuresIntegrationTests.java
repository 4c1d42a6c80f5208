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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log records that cannot be exported: with the collector down the queue stays within its
 * capacity, the records dropped and the failed exports are counted and reported in one
 * warning per interval, and that warning is not itself queued for the export that fails.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class LogExportFailuresIntegrationTests {

	private static final int CAPACITY = 16;

	private static final Logger logger = LoggerFactory.getLogger(LogExportFailuresIntegrationTests.class);

	private final OtlpCollector collector = OtlpCollector.start();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.collector.close();
	}

	@Test
	void collectorDownCountsDropsAndFailuresAndWarnsOncePerInterval(CapturedOutput output) {
		// Nothing listens on port 1
		this.context = start("http://127.0.0.1:1/v1/logs", "1h");
		assertThat(scrape("phoenix_logging_export_queue_capacity")).isEqualTo(CAPACITY);
		for (int i = 0; i < 2000; i++) {
			logger.info("line {}", i);
			if (i % 50 == 0) {
				assertThat(scrape("phoenix_logging_export_queue_size")).isLessThanOrEqualTo(CAPACITY);
			}
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> scrape("phoenix_logging_export_failures_total") >= 2);
		assertThat(scrape("phoenix_logging_export_dropped_records_total")).isPositive();
		assertThat(scrape("phoenix_logging_export_failed_records_total")).isPositive();
		logger.info("end of test");
		JsonLogLines.await(output::getOut, JsonLogLines.message("end of test"));
		assertThat(warnings(output)).singleElement().satisfies((line) -> {
			assertThat(line).containsEntry("level", "WARN");
			assertThat((String) line.get("message")).startsWith("Log records not exported over OTLP: ");
		});
		// Standard output has every line, dropped for the export or not
		assertThat(JsonLogLines.parse(output.getOut())).filteredOn(JsonLogLines.message("line 1999")).hasSize(1);
	}

	@Test
	void warningAboutTheExportIsNotExported(CapturedOutput output) throws Exception {
		this.collector.answerLogsWith(500);
		// A warning every 200 ms at most: were each queued, each failed export of one
		// would bring the next
		this.context = start(this.collector.logsEndpoint(), "200ms");
		logger.info("before the collector recovers");
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !warnings(output).isEmpty());
		int exports = this.collector.logExports();
		Thread.sleep(1500);
		assertThat(this.collector.logExports()).isEqualTo(exports);
		assertThat(warnings(output)).hasSize(1);
		this.collector.answerLogsWith(200);
		logger.info("after the collector recovered");
		List<OtlpCollector.ExportedLog> logs = this.collector.awaitLogs(
				(received) -> received.stream().anyMatch((log) -> "after the collector recovered".equals(log.body())));
		assertThat(logs).extracting(OtlpCollector.ExportedLog::scope)
			.noneMatch(
					(scope) -> scope.equals(LogExportMonitor.class.getName()) || scope.startsWith("io.opentelemetry"));
	}

	private static List<Map<String, Object>> warnings(CapturedOutput output) {
		return JsonLogLines.parse(output.getOut())
			.stream()
			.filter((line) -> LogExportMonitor.class.getName().equals(line.get("logger")))
			.toList();
	}

	private ConfigurableApplicationContext start(String endpoint, String failureLogInterval) {
		return new SpringApplicationBuilder(ExportApplication.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=log-export-failures",
					"management.opentelemetry.logging.export.otlp.endpoint=" + endpoint,
					"management.opentelemetry.logging.export.max-queue-size=" + CAPACITY,
					"management.opentelemetry.logging.export.schedule-delay=50ms",
					"phoenix.observability.logging.export.failure-log-interval=" + failureLogInterval,
					"management.otlp.metrics.export.enabled=false")
			.run();
	}

	private double scrape(String name) {
		String scrape = this.context.getBean(PrometheusMeterRegistry.class).scrape();
		List<String> lines = scrape.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.toList();
		assertThat(lines).as("%s in%n%s", name, scrape).hasSize(1);
		String line = lines.get(0);
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ExportApplication {

	}

}
