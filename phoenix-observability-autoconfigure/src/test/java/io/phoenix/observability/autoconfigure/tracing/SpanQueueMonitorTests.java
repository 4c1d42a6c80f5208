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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.phoenix.observability.autoconfigure.tracing.SpanDropsIntegrationTests.GatedExporter;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpanQueueMonitor}.
 *
 * @author Phoenix Observability
 */
class SpanQueueMonitorTests {

	@ParameterizedTest
	@EnumSource(InternalTelemetryVersion.class)
	void readsDropsAndQueueWhateverTelemetryTheProcessorRecords(InternalTelemetryVersion version)
			throws InterruptedException {
		GatedExporter exporter = new GatedExporter();
		SpanQueueMonitor monitor = new SpanQueueMonitor(4, Duration.ofHours(1), null);
		BatchSpanProcessor processor = BatchSpanProcessor.builder(monitor.reportingDrops(exporter))
			.setMaxQueueSize(4)
			.setMaxExportBatchSize(4)
			.setScheduleDelay(Duration.ofHours(1))
			.setMeterProvider(monitor.getMeterProvider())
			.setInternalTelemetryVersion(version)
			.build();
		try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build()) {
			Tracer tracer = provider.get("test");
			tracer.spanBuilder("first").startSpan().end();
			provider.forceFlush();
			exporter.awaitExport();
			for (int i = 0; i < 9; i++) {
				tracer.spanBuilder("span-" + i).startSpan().end();
			}
			assertThat(monitor.getDroppedSpans()).isEqualTo(5);
			assertThat(monitor.getQueueSize()).isEqualTo(4);
			assertThat(monitor.getQueueCapacity()).isEqualTo(4);
			exporter.open();
			assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
			// A flush requested while an export is under way may end before the worker
			// has taken the rest of the queue
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(monitor.getQueueSize()).isZero());
		}
	}

}
