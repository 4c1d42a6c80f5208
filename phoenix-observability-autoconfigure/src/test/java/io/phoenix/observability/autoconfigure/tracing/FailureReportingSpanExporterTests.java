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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.phoenix.observability.testing.LogbackDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureReportingSpanExporter}.
 *
 * @author Phoenix Observability
 */
@ExtendWith({ LogbackDefaults.class, OutputCaptureExtension.class })
class FailureReportingSpanExporterTests {

	@Test
	void successfulExportsAreNotCounted(CapturedOutput output) {
		TestExporter delegate = new TestExporter(CompletableResultCode::ofSuccess);
		FailureReportingSpanExporter exporter = new FailureReportingSpanExporter(delegate, Duration.ofHours(1));
		CompletableResultCode result = exporter.export(spans(3));
		assertThat(result.isSuccess()).isTrue();
		assertThat(delegate.exported).hasSize(3);
		assertThat(exporter.getFailedExports()).isZero();
		assertThat(exporter.getFailedSpans()).isZero();
		assertThat(output).doesNotContain("Failed to export");
	}

	@Test
	void countsFailedExportsAndSpans(CapturedOutput output) {
		FailureReportingSpanExporter exporter = new FailureReportingSpanExporter(
				new TestExporter(CompletableResultCode::ofFailure), Duration.ofHours(1));
		for (int i = 0; i < 5; i++) {
			assertThat(exporter.export(spans(2)).isSuccess()).isFalse();
		}
		assertThat(exporter.getFailedExports()).isEqualTo(5);
		assertThat(exporter.getFailedSpans()).isEqualTo(10);
		assertThat(linesContaining(output, "Failed to export")).isEqualTo(1);
		assertThat(output).contains("Failed to export 2 spans with TestExporter");
	}

	@Test
	void countsExportsThatThrow(CapturedOutput output) {
		FailureReportingSpanExporter exporter = new FailureReportingSpanExporter(new TestExporter(() -> {
			throw new IllegalStateException("collector unreachable");
		}), Duration.ofHours(1));
		for (int i = 0; i < 5; i++) {
			CompletableResultCode result = exporter.export(spans(1));
			assertThat(result.isDone()).isTrue();
			assertThat(result.isSuccess()).isFalse();
		}
		assertThat(exporter.getFailedExports()).isEqualTo(5);
		assertThat(exporter.getFailedSpans()).isEqualTo(5);
		assertThat(linesContaining(output, "Failed to export")).isEqualTo(1);
		assertThat(output).contains("collector unreachable");
		// One line without a stack trace, not one error per batch
		assertThat(output).doesNotContain("\tat io.phoenix");
	}

	@Test
	void countsFailuresCompletedLater() {
		CompletableResultCode pending = new CompletableResultCode();
		FailureReportingSpanExporter exporter = new FailureReportingSpanExporter(new TestExporter(() -> pending),
				Duration.ofHours(1));
		CompletableResultCode result = exporter.export(spans(4));
		assertThat(exporter.getFailedExports()).isZero();
		pending.fail();
		assertThat(result.isSuccess()).isFalse();
		assertThat(exporter.getFailedExports()).isEqualTo(1);
		assertThat(exporter.getFailedSpans()).isEqualTo(4);
	}

	@Test
	void logsAgainAfterIntervalWithSuppressedCount(CapturedOutput output) throws InterruptedException {
		FailureReportingSpanExporter exporter = new FailureReportingSpanExporter(
				new TestExporter(CompletableResultCode::ofFailure), Duration.ofMillis(500));
		exporter.export(spans(1));
		exporter.export(spans(1));
		exporter.export(spans(1));
		Thread.sleep(600);
		exporter.export(spans(1));
		assertThat(linesContaining(output, "Failed to export")).isEqualTo(2);
		assertThat(output).contains("(2 similar warnings suppressed)");
	}

	@Test
	void delegatesFlushAndShutdown() {
		TestExporter delegate = new TestExporter(CompletableResultCode::ofSuccess);
		FailureReportingSpanExporter exporter = new FailureReportingSpanExporter(delegate, Duration.ofHours(1));
		exporter.flush();
		exporter.shutdown();
		assertThat(delegate.flushed).isTrue();
		assertThat(delegate.shutDown).isTrue();
		assertThat(exporter.getDelegate()).isSameAs(delegate);
	}

	private static long linesContaining(CapturedOutput output, String text) {
		return output.getAll().lines().filter((line) -> line.contains(text)).count();
	}

	static List<SpanData> spans(int count) {
		TestExporter collector = new TestExporter(CompletableResultCode::ofSuccess);
		try (SdkTracerProvider provider = SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(collector))
			.build()) {
			Tracer tracer = provider.get("test");
			for (int i = 0; i < count; i++) {
				tracer.spanBuilder("span-" + i).startSpan().end();
			}
		}
		return collector.exported;
	}

	static class TestExporter implements SpanExporter {

		private final Supplier<CompletableResultCode> result;

		final List<SpanData> exported = new ArrayList<>();

		boolean flushed;

		boolean shutDown;

		TestExporter(Supplier<CompletableResultCode> result) {
			this.result = result;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			this.exported.addAll(spans);
			return this.result.get();
		}

		@Override
		public CompletableResultCode flush() {
			this.flushed = true;
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			this.shutDown = true;
			return CompletableResultCode.ofSuccess();
		}

	}

}
