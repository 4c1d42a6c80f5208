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

package io.phoenix.observability.newcomer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.TraceDecisions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure storm at production defaults: every request fails, from several client
 * threads at full speed, while the collector is down or answers only after seconds. The
 * application answers every request promptly; what tail sampling holds and what waits for
 * export stay within their limits all along; every error trace is kept or counted as
 * decided early by a limit, and every span of a kept trace is exported, counted as
 * dropped on a full queue, or counted as failed; and each kind of trouble is reported in
 * one WARN line per interval, not one per batch.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorTraceStormTests {

	private static final Duration LOAD = Duration.ofSeconds(10);

	private static final int THREADS = 8;

	private static final int MAX_REQUESTS = 10_000;

	private static final Duration REPORT_INTERVAL = Duration.ofSeconds(2);

	private static final int QUEUE_CAPACITY = 256;

	// Small enough to fill behind a collector that answers slowly, however slow the
	// machine that runs the test
	private static final int SLOW_QUEUE_CAPACITY = 32;

	// A failing request's local trace is its server span alone
	private static final int SPANS_PER_TRACE = 1;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void collectorDown(CapturedOutput output) throws Exception {
		// More traces may be held than there are requests in flight: none is decided
		// early, so every error trace is kept
		Limits limits = new Limits(64, 512);
		this.context = start("http://127.0.0.1:1/v1/traces", limits, QUEUE_CAPACITY);
		Instant loadStart = Instant.now();
		Storm storm = storm(limits, QUEUE_CAPACITY);
		storm.assertAnsweredPromptly();
		assertThat(storm.queued).as("spans queued at some moment").anyMatch((queued) -> queued > 0);

		// Once the last export failed, every span of every kept trace is counted:
		// nothing reached a collector
		Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(decidedTraces()).as("traces decided, one per request").isEqualTo(storm.requests());
			assertThat(queueSize()).as("spans queued").isZero();
			assertThat(droppedSpans() + failedSpans())
				.as("spans dropped on a full queue (%d) or failed (%d)", droppedSpans(), failedSpans())
				.isEqualTo(SPANS_PER_TRACE * keptTraces());
		});
		assertThat(keptTraces()).as("error traces kept").isEqualTo(storm.requests());
		assertThat(evictions()).as("traces decided early").isZero();
		assertThat(droppedSpans()).as("spans dropped on a full queue").isPositive();
		assertThat(failedSpans()).as("spans whose export failed").isPositive();

		Duration reported = Duration.between(loadStart, Instant.now());
		assertReportedOncePerInterval(output, loadStart, reported,
				"because the span export queue (capacity " + QUEUE_CAPACITY + ") was full");
		assertReportedOncePerInterval(output, loadStart, reported, "Failed to export");
		assertNoOpenTelemetryWarnings(output, loadStart);
	}

	@Test
	void collectorSlow(CapturedOutput output) throws Exception {
		// Fewer traces held than requests in flight: traces are decided early, and an
		// error trace decided before its failed span ended is dropped, and counted
		Limits limits = new Limits(4, 2);
		try (SlowCollector collector = SlowCollector.start(Duration.ofSeconds(3))) {
			this.context = start(collector.tracesEndpoint(), limits, SLOW_QUEUE_CAPACITY);
			Instant loadStart = Instant.now();
			Storm storm = storm(limits, SLOW_QUEUE_CAPACITY);
			storm.assertAnsweredPromptly();

			// Once the last export was answered, every span of every kept trace is
			// counted
			Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				assertThat(decidedTraces()).as("traces decided, one per request").isEqualTo(storm.requests());
				assertThat(queueSize()).as("spans queued").isZero();
				assertThat(collector.answeredSpans()).as("spans answered").isEqualTo(collector.receivedSpans());
				assertThat(droppedSpans() + failedSpans() + collector.answeredSpans())
					.as("spans dropped on a full queue (%d), failed (%d) or exported (%d)", droppedSpans(),
							failedSpans(), collector.answeredSpans())
					.isEqualTo(SPANS_PER_TRACE * keptTraces());
			});
			// Every error trace not kept was decided early, before its failed span ended
			assertThat(evictions()).as("traces decided early: the limits bit").isPositive();
			assertThat(droppedTraces()).as("error traces dropped").isLessThanOrEqualTo(evictions());
			assertThat(keptTraces()).as("error traces kept").isPositive();
			assertThat(droppedSpans()).as("spans dropped on a full queue").isPositive();
			assertThat(failedSpans()).as("spans whose export failed, slowly answered").isZero();
			assertThat(collector.receivedSpans()).as("spans exported").isPositive();
			assertThat(collector.failedServerSpans()).as("failed server spans exported")
				.isEqualTo(collector.receivedSpans());
			assertThat(collector.spansByTrace().values()).as("spans of each trace exported")
				.containsOnly(SPANS_PER_TRACE);

			Duration reported = Duration.between(loadStart, Instant.now());
			assertReportedOncePerInterval(output, loadStart, reported,
					"because the span export queue (capacity " + SLOW_QUEUE_CAPACITY + ") was full");
			assertReportedOncePerInterval(output, loadStart, reported, "Decided a trace before its spans ended");
			assertNoOpenTelemetryWarnings(output, loadStart);
		}
	}

	private ConfigurableApplicationContext start(String endpoint, Limits limits, int queueCapacity) {
		return new SpringApplicationBuilder(NewcomerApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "phoenix.observability.environment=production",
					"management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint,
					"management.opentelemetry.tracing.export.max-queue-size=" + queueCapacity,
					// Fewer lines to capture: the storm is about traces
					"phoenix.observability.access-log.enabled=false",
					"phoenix.observability.tracing.sampling.max-traces=" + limits.traces(),
					"phoenix.observability.tracing.sampling.max-spans=" + limits.spans(),
					"phoenix.observability.tracing.failure-log-interval=" + REPORT_INTERVAL.toSeconds() + "s")
			.run();
	}

	private Storm storm(Limits limits, int queueCapacity) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		assertThat(gauge("phoenix.tracing.export.queue.capacity")).isEqualTo(queueCapacity);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		Storm storm = new Storm();
		AtomicInteger tickets = new AtomicInteger();
		long deadline = System.nanoTime() + LOAD.toNanos();
		ExecutorService callers = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> calls = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			calls.add(callers.submit(() -> {
				int ticket;
				while (System.nanoTime() < deadline && (ticket = tickets.getAndIncrement()) < MAX_REQUESTS) {
					HttpRequest request = HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/" + ticket))
						.timeout(Duration.ofSeconds(5))
						.build();
					long start = System.nanoTime();
					try {
						HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
						storm.statuses.computeIfAbsent(response.statusCode(), (status) -> new LongAdder()).increment();
					}
					catch (IOException ex) {
						storm.errors.add(ex.toString());
					}
					storm.durations.add(System.nanoTime() - start);
				}
				return null;
			}));
		}
		// What is held and queued, sampled all along the storm
		while (!calls.stream().allMatch(Future::isDone)) {
			storm.heldTraces.add(gauge("phoenix.tracing.sampling.held.traces"));
			storm.heldSpans.add(gauge("phoenix.tracing.sampling.held.spans"));
			storm.queued.add(gauge("phoenix.tracing.export.queue.size"));
			Thread.sleep(2);
		}
		for (Future<?> call : calls) {
			call.get(10, TimeUnit.SECONDS);
		}
		callers.shutdown();
		assertThat(storm.heldTraces).as("held traces")
			.allSatisfy((held) -> assertThat(held).isBetween(0L, (long) limits.traces()));
		assertThat(storm.heldSpans).as("held spans")
			.allSatisfy((held) -> assertThat(held).isBetween(0L, (long) limits.spans()));
		assertThat(storm.queued).as("queued spans")
			.allSatisfy((queued) -> assertThat(queued).isBetween(0L, (long) queueCapacity));
		return storm;
	}

	private static void assertReportedOncePerInterval(CapturedOutput output, Instant since, Duration during,
			String message) {
		List<Instant> lines = JsonLogLines
			.parse(output.getOut().lines().filter((line) -> line.contains(message)).collect(Collectors.joining("\n")))
			.stream()
			.filter((line) -> "WARN".equals(line.get("level")))
			.map((line) -> Instant.parse((String) line.get("timestamp")))
			.filter((at) -> !at.isBefore(since))
			.sorted()
			.toList();
		long most = (during.toMillis() + REPORT_INTERVAL.toMillis() - 1) / REPORT_INTERVAL.toMillis() + 1;
		assertThat(lines).as("WARN lines with '%s' in %s", message, during)
			.isNotEmpty()
			.hasSizeLessThanOrEqualTo((int) most);
		for (int i = 1; i < lines.size(); i++) {
			// The throttle reads the clock a moment before the line is timestamped
			assertThat(Duration.between(lines.get(i - 1), lines.get(i)))
				.as("time between two WARN lines with '%s'", message)
				.isGreaterThanOrEqualTo(REPORT_INTERVAL.minusMillis(500));
		}
	}

	// OpenTelemetry's own warnings about dropped spans and failed exports come once per
	// export cycle: Phoenix silences them and reports instead
	private static void assertNoOpenTelemetryWarnings(CapturedOutput output, Instant since) {
		List<Map<String, Object>> lines = JsonLogLines
			.parse(output.getOut()
				.lines()
				.filter((line) -> line.contains("\"logger\":\"io.opentelemetry"))
				.collect(Collectors.joining("\n")))
			.stream()
			.filter((line) -> !Instant.parse((String) line.get("timestamp")).isBefore(since))
			.toList();
		assertThat(lines).as("OpenTelemetry's own lines during the storm").isEmpty();
	}

	private MeterRegistry registry() {
		return this.context.getBean(MeterRegistry.class);
	}

	private long gauge(String name) {
		return (long) registry().get(name).gauge().value();
	}

	private long counter(String name) {
		return (long) registry().get(name).functionCounters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	private long queueSize() {
		return gauge("phoenix.tracing.export.queue.size");
	}

	private long droppedSpans() {
		return counter("phoenix.tracing.export.dropped.spans");
	}

	private long failedSpans() {
		return counter("phoenix.tracing.export.failed.spans");
	}

	private long evictions() {
		return counter("phoenix.tracing.sampling.evictions");
	}

	private long keptTraces() {
		return TraceDecisions.of(this.context).kept();
	}

	private long droppedTraces() {
		return TraceDecisions.of(this.context).dropped();
	}

	private long decidedTraces() {
		return TraceDecisions.of(this.context).decided();
	}

	record Limits(int traces, int spans) {
	}

	static final class Storm {

		private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

		private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

		private final ConcurrentLinkedQueue<Long> durations = new ConcurrentLinkedQueue<>();

		private final List<Long> heldTraces = new ArrayList<>();

		private final List<Long> heldSpans = new ArrayList<>();

		private final List<Long> queued = new ArrayList<>();

		long requests() {
			return this.durations.size();
		}

		long percentile(double share) {
			List<Long> sorted = this.durations.stream().sorted().toList();
			return sorted.get((int) Math.ceil(share * sorted.size()) - 1);
		}

		void assertAnsweredPromptly() {
			assertThat(this.errors).as("requests without an answer").isEmpty();
			assertThat(requests()).as("requests sent").isGreaterThan(200);
			assertThat(this.statuses).containsOnlyKeys(500);
			assertThat(this.statuses.get(500).sum()).isEqualTo(requests());
			assertThat(Duration.ofNanos(percentile(0.99))).as("p99 of request durations")
				.isLessThan(Duration.ofSeconds(2));
		}

	}

	/**
	 * A collector on loopback that decodes what it receives and answers only after a
	 * delay, as one that is overloaded.
	 */
	static final class SlowCollector implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final Map<String, Integer> spansByTrace = new ConcurrentHashMap<>();

		private final AtomicInteger received = new AtomicInteger();

		private final AtomicInteger answered = new AtomicInteger();

		private final AtomicInteger failedServerSpans = new AtomicInteger();

		private SlowCollector(Duration delay) throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/v1/traces", (exchange) -> {
				int spans = 0;
				try (InputStream body = exchange.getRequestBody()) {
					ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
					for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
						for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
							for (Span span : scopeSpans.getSpansList()) {
								this.spansByTrace.merge(HexFormat.of().formatHex(span.getTraceId().toByteArray()), 1,
										Integer::sum);
								if (isFailedServerSpan(span)) {
									this.failedServerSpans.incrementAndGet();
								}
								spans++;
							}
						}
					}
					this.received.addAndGet(spans);
					Thread.sleep(delay.toMillis());
					exchange.sendResponseHeaders(200, -1);
					this.answered.addAndGet(spans);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					exchange.close();
				}
			});
			this.server.setExecutor(this.executor);
			this.server.start();
		}

		private static boolean isFailedServerSpan(Span span) {
			return span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
					&& (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR || span.getAttributesList()
						.stream()
						.anyMatch((attribute) -> "outcome".equals(attribute.getKey())
								&& "SERVER_ERROR".equals(attribute.getValue().getStringValue())));
		}

		static SlowCollector start(Duration delay) throws IOException {
			return new SlowCollector(delay);
		}

		String tracesEndpoint() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
		}

		int receivedSpans() {
			return this.received.get();
		}

		int answeredSpans() {
			return this.answered.get();
		}

		int failedServerSpans() {
			return this.failedServerSpans.get();
		}

		Map<String, Integer> spansByTrace() {
			return this.spansByTrace;
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
