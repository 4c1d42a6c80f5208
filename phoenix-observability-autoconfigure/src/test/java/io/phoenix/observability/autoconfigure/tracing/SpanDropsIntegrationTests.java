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

package io.phoenix.observability.autoconfigure.tracing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.phoenix.observability.testing.JsonLogLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * Spans dropped because the export queue is full, in an application started with
 * auto-configuration: counted in the scraped metrics, the queue's fill level shown,
 * reported in one JSON log line per interval, and OpenTelemetry's own warning on every
 * export cycle silenced.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class SpanDropsIntegrationTests {

	private static final int CAPACITY = 4;

	private final GatedExporter exporter = new GatedExporter();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		this.exporter.open();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void droppedSpansAreCountedAndReportedOncePerInterval(CapturedOutput output) throws Exception {
		this.context = new SpringApplicationBuilder(DropsApplication.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=drops", "management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.max-queue-size=" + CAPACITY,
					"management.opentelemetry.tracing.export.max-batch-size=" + CAPACITY,
					"management.opentelemetry.tracing.export.schedule-delay=1h",
					"phoenix.observability.tracing.failure-log-interval=1h")
			.initializers((context) -> context.getBeanFactory().registerSingleton("gatedExporter", this.exporter))
			.run();
		SdkTracerProvider provider = this.context.getBean(SdkTracerProvider.class);
		Tracer tracer = provider.get("test");
		assertThat(scrape("phoenix_tracing_export_queue_capacity")).isEqualTo(CAPACITY);
		// The export thread takes the first span and waits in the exporter: the queue
		// now fills without being drained
		tracer.spanBuilder("first").startSpan().end();
		provider.forceFlush();
		this.exporter.awaitExport();
		endSpans(tracer, CAPACITY + 6);
		assertThat(scrape("phoenix_tracing_export_dropped_spans_total")).isEqualTo(6);
		assertThat(scrape("phoenix_tracing_export_queue_size")).isEqualTo(CAPACITY);
		// The next export reports the drops, then waits again while the queue refills
		this.exporter.letOneThrough();
		this.exporter.awaitExport();
		endSpans(tracer, CAPACITY + 6);
		assertThat(scrape("phoenix_tracing_export_dropped_spans_total")).isEqualTo(12);
		this.exporter.open();
		assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		LoggerFactory.getLogger(SpanDropsIntegrationTests.class).info("end of test");
		// Lines are written asynchronously and in order: after this one, all are out
		JsonLogLines.await(output::getOut, JsonLogLines.message("end of test"));
		List<Map<String, Object>> reports = JsonLogLines.parse(output.getOut())
			.stream()
			.filter((line) -> String.valueOf(line.get("message")).startsWith("Dropped "))
			.toList();
		assertThat(reports).singleElement().satisfies((line) -> {
			assertThat(line).containsEntry("level", "WARN");
			assertThat((String) line.get("message"))
				.startsWith("Dropped 6 spans because the span export queue (capacity 4) was full; 6 dropped so far");
		});
		assertThat(output.getAll()).doesNotContain("BatchSpanProcessor dropped");
		assertThat(scrape("phoenix_tracing_export_queue_size")).isZero();
	}

	private static void endSpans(Tracer tracer, int count) {
		for (int i = 0; i < count; i++) {
			tracer.spanBuilder("span-" + i).startSpan().end();
		}
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
	static class DropsApplication {

	}

	/**
	 * An exporter that stands for a collector that does not answer: each export waits
	 * until the test lets it through.
	 */
	static class GatedExporter implements SpanExporter {

		private final Semaphore entered = new Semaphore(0);

		private final Semaphore gate = new Semaphore(0);

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.entered.release();
			this.gate.acquireUninterruptibly();
			return CompletableResultCode.ofSuccess();
		}

		void awaitExport() throws InterruptedException {
			assertThat(this.entered.tryAcquire(10, TimeUnit.SECONDS)).as("an export started").isTrue();
		}

		void letOneThrough() {
			this.gate.release();
		}

		void open() {
			this.gate.release(Integer.MAX_VALUE / 2);
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
