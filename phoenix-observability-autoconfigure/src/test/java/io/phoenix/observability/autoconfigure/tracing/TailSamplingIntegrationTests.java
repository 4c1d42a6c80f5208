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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import io.phoenix.observability.testing.TraceDecisions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tail sampling across two services at their production defaults (10%), checked on what a
 * collector decoded: every failed request's trace arrives, with the spans of each service
 * that saw the error, the ratio's traces arrive complete from both services, slow
 * requests arrive, and nothing else; the counters of decisions match what arrived, the
 * access log of each service says which traces it kept, and the application's log lines
 * name their trace, kept or dropped.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class TailSamplingIntegrationTests {

	private static final int REQUESTS = 300;

	private static final double RATIO = 0.1;

	private static final Duration THRESHOLD = Duration.ofMillis(500);

	private final OtlpCollector collector = OtlpCollector.start();

	private ConfigurableApplicationContext backend;

	private ConfigurableApplicationContext frontend;

	@AfterEach
	void close() {
		if (this.frontend != null) {
			this.frontend.close();
		}
		if (this.backend != null) {
			this.backend.close();
		}
		this.collector.close();
	}

	// A third of the requests fail, in three ways. The backend fails: both services see
	// the error
	static boolean backendFails(int i) {
		return i % 9 == 1;
	}

	// The frontend fails with an exception after the backend answered
	static boolean frontendThrows(int i) {
		return i % 9 == 4;
	}

	// The frontend answers 500 without an exception
	static boolean frontendAnswers500(int i) {
		return i % 9 == 7;
	}

	static boolean slow(int i) {
		return i % 60 == 30;
	}

	@Test
	void errorAndSlowTracesAreKeptWithTheRatiosTracesAndNothingElse(CapturedOutput output) throws Exception {
		this.backend = start("backend", "http://127.0.0.1:1");
		this.frontend = start("frontend", "http://127.0.0.1:" + port(this.backend));
		HttpClient client = HttpClient.newHttpClient();
		Map<String, Integer> requestByTrace = new HashMap<>();
		for (int i = 0; i < REQUESTS; i++) {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(this.frontend) + "/work/" + i))
					.build(), HttpResponse.BodyHandlers.ofString());
			boolean failed = backendFails(i) || frontendThrows(i) || frontendAnswers500(i);
			assertThat(response.statusCode()).as("request %d", i).isEqualTo(failed ? 500 : 200);
			String traceResponse = response.headers().firstValue("traceresponse").orElseThrow();
			requestByTrace.put(traceResponse.substring(3, 35), i);
		}
		assertThat(requestByTrace).hasSize(REQUESTS);
		// Each service decides each of its local traces once, after its response was sent
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> decided(this.frontend) == REQUESTS && decided(this.backend) == REQUESTS);
		flush(this.frontend);
		flush(this.backend);
		long keptByFrontend = kept(this.frontend);
		long keptByBackend = kept(this.backend);
		List<ExportedSpan> spans = this.collector
			.awaitSpans((received) -> traces(received, "frontend").size() == keptByFrontend
					&& traces(received, "backend").size() == keptByBackend);
		Map<String, List<ExportedSpan>> frontendTraces = traces(spans, "frontend");
		Map<String, List<ExportedSpan>> backendTraces = traces(spans, "backend");

		Set<String> ratio = new HashSet<>();
		Set<String> failedHere = new HashSet<>();
		Set<String> failedInBackend = new HashSet<>();
		Set<String> slowRequests = new HashSet<>();
		requestByTrace.forEach((traceId, i) -> {
			if (sampledByRatio(traceId)) {
				ratio.add(traceId);
			}
			if (backendFails(i)) {
				failedInBackend.add(traceId);
			}
			if (backendFails(i) || frontendThrows(i) || frontendAnswers500(i)) {
				failedHere.add(traceId);
			}
			if (slow(i)) {
				slowRequests.add(traceId);
			}
		});
		assertThat(ratio).as("about 10%% of %d traces", REQUESTS).hasSizeBetween(10, 55);
		assertThat(failedHere).as("a third of %d requests", REQUESTS).hasSize(REQUESTS / 3);

		// The frontend keeps its failures, its slow requests and the ratio's traces, and
		// nothing else but requests that really took longer than the threshold
		assertThat(frontendTraces.keySet()).containsAll(failedHere).containsAll(slowRequests).containsAll(ratio);
		Set<String> otherFrontend = new HashSet<>(frontendTraces.keySet());
		otherFrontend.removeAll(failedHere);
		otherFrontend.removeAll(ratio);
		assertThat(otherFrontend).allSatisfy((traceId) -> assertThat(durationNanos(server(frontendTraces.get(traceId))))
			.as("trace of request %d", requestByTrace.get(traceId))
			.isGreaterThanOrEqualTo(THRESHOLD.toNanos()));
		// The backend keeps its own failures and the ratio's traces, which its parent
		// sampled
		assertThat(backendTraces.keySet()).containsAll(failedInBackend).containsAll(ratio);
		Set<String> otherBackend = new HashSet<>(backendTraces.keySet());
		otherBackend.removeAll(failedInBackend);
		otherBackend.removeAll(ratio);
		assertThat(otherBackend).allSatisfy((traceId) -> assertThat(durationNanos(server(backendTraces.get(traceId))))
			.isGreaterThanOrEqualTo(THRESHOLD.toNanos()));

		// Complete local traces: the frontend's server and client spans, the backend's
		// server span as the child of the frontend's client span where both kept it
		frontendTraces.forEach((traceId, trace) -> {
			assertThat(trace).extracting(ExportedSpan::kind)
				.as("trace of request %d", requestByTrace.get(traceId))
				.containsExactlyInAnyOrder(Span.SpanKind.SPAN_KIND_SERVER, Span.SpanKind.SPAN_KIND_CLIENT);
			assertThat(trace)
				.allSatisfy((span) -> assertThat(span.span().getFlags() & 0x01).as("sampled flag").isEqualTo(1));
			if (backendTraces.containsKey(traceId)) {
				ExportedSpan clientSpan = trace.stream()
					.filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT)
					.findFirst()
					.orElseThrow();
				assertThat(backendTraces.get(traceId)).singleElement()
					.satisfies((span) -> assertThat(span.parentSpanId()).isEqualTo(clientSpan.spanId()));
			}
		});
		// Errors are visible in what was kept for them
		assertThat(failedInBackend)
			.allSatisfy((traceId) -> assertThat(server(backendTraces.get(traceId)).span().getStatus().getCode())
				.isEqualTo(Status.StatusCode.STATUS_CODE_ERROR));
		assertThat(failedHere).allSatisfy((traceId) -> assertThat(server(frontendTraces.get(traceId)).attributes())
			.containsEntry("http.response.status_code", "500"));

		// The counters match what the collector received
		Set<String> failedNotRatio = new HashSet<>(failedHere);
		failedNotRatio.removeAll(ratio);
		Set<String> backendFailedNotRatio = new HashSet<>(failedInBackend);
		backendFailedNotRatio.removeAll(ratio);
		assertThat(count(this.frontend, "kept", "ratio")).isEqualTo(ratio.size());
		assertThat(count(this.frontend, "kept", "parent")).isZero();
		assertThat(count(this.frontend, "kept", "error")).isEqualTo(failedNotRatio.size());
		assertThat(count(this.frontend, "kept", "latency")).isEqualTo(otherFrontend.size());
		assertThat(count(this.frontend, "dropped", "none")).isEqualTo(REQUESTS - frontendTraces.size());
		assertThat(count(this.backend, "kept", "parent")).isEqualTo(ratio.size());
		assertThat(count(this.backend, "kept", "ratio")).isZero();
		assertThat(count(this.backend, "kept", "error")).isEqualTo(backendFailedNotRatio.size());
		assertThat(count(this.backend, "dropped", "none")).isEqualTo(REQUESTS - backendTraces.size());

		// The frontend's access log says which traces it kept
		Map<String, Object> keptByLog = Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> JsonLogLines.parse(output.getOut())
				.stream()
				.filter((line) -> "phoenix.access".equals(line.get("logger"))
						&& "/work/{i}".equals(line.get("http_route")))
				.collect(Collectors.toMap((line) -> (String) line.get("trace_id"), (line) -> line.get("trace_kept"),
						(a, b) -> a)),
					(lines) -> lines.size() == REQUESTS);
		// The line is written before the span ends: a request that only the span found
		// slower than the threshold, such as the first one in a cold JVM, is left aside
		Set<String> nearThreshold = new HashSet<>(otherFrontend);
		nearThreshold.addAll(otherBackend);
		nearThreshold.removeAll(slowRequests);
		assertThat(nearThreshold).as("requests that were not made slow").hasSizeLessThan(10);
		requestByTrace.keySet()
			.stream()
			.filter((traceId) -> !nearThreshold.contains(traceId))
			.forEach((traceId) -> assertThat(keptByLog.get(traceId))
				.as("trace_kept of request %d", requestByTrace.get(traceId))
				.isEqualTo(frontendTraces.containsKey(traceId)));
		// So does the backend's
		List<Map<String, Object>> lines = JsonLogLines.parse(output.getOut());
		Map<String, Object> keptByBackendLog = lines.stream()
			.filter((line) -> "phoenix.access".equals(line.get("logger")) && "/part/{i}".equals(line.get("http_route")))
			.collect(Collectors.toMap((line) -> (String) line.get("trace_id"), (line) -> line.get("trace_kept"),
					(a, b) -> a));
		requestByTrace.keySet()
			.stream()
			.filter((traceId) -> !nearThreshold.contains(traceId))
			.forEach((traceId) -> assertThat(keptByBackendLog.get(traceId))
				.as("backend's trace_kept of request %d", requestByTrace.get(traceId))
				.isEqualTo(backendTraces.containsKey(traceId)));

		// The application's own lines name their trace in both services, dropped or kept
		Set<String> dropped = new HashSet<>(requestByTrace.keySet());
		dropped.removeAll(frontendTraces.keySet());
		assertThat(dropped).hasSizeGreaterThan(REQUESTS / 2);
		Map<String, Object> traceByLine = lines.stream()
			.filter((line) -> String.valueOf(line.get("message")).startsWith("Working on "))
			.collect(Collectors.toMap((line) -> (String) line.get("message"),
					(line) -> String.valueOf(line.get("trace_id"))));
		requestByTrace.forEach((traceId, i) -> {
			assertThat(traceByLine.get("Working on " + i)).as("trace_id of request %d", i).isEqualTo(traceId);
			assertThat(traceByLine.get("Working on part " + i)).as("trace_id of request %d", i).isEqualTo(traceId);
		});
	}

	private ConfigurableApplicationContext start(String name, String downstream) {
		return new SpringApplicationBuilder(TailSamplingApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=" + name,
					// Production defaults: 10% and tail sampling
					"downstream.url=" + downstream, "phoenix.observability.environment=production",
					"phoenix.observability.tracing.sampling.latency-threshold=" + THRESHOLD.toMillis() + "ms",
					"management.opentelemetry.tracing.export.otlp.endpoint=" + this.collector.tracesEndpoint(),
					"management.opentelemetry.tracing.export.schedule-delay=100ms",
					"management.otlp.metrics.export.enabled=false")
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static boolean sampledByRatio(String traceId) {
		return Sampler.traceIdRatioBased(RATIO)
			.shouldSample(Context.root(), traceId, "any", SpanKind.SERVER, Attributes.empty(), List.of())
			.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

	private static Map<String, List<ExportedSpan>> traces(List<ExportedSpan> spans, String service) {
		return spans.stream()
			.filter((span) -> service.equals(span.service()))
			.collect(Collectors.groupingBy(ExportedSpan::traceId));
	}

	private static ExportedSpan server(List<ExportedSpan> trace) {
		return trace.stream().filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
	}

	private static long durationNanos(ExportedSpan span) {
		return span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano();
	}

	private static void flush(ConfigurableApplicationContext context) {
		assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
	}

	private static long count(ConfigurableApplicationContext context, String decision, String reason) {
		return TraceDecisions.of(context).count(decision, reason);
	}

	private static long kept(ConfigurableApplicationContext context) {
		return TraceDecisions.of(context).kept();
	}

	private static long decided(ConfigurableApplicationContext context) {
		return kept(context) + count(context, "dropped", "none");
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TailSamplingApplication {

		@org.springframework.context.annotation.Bean
		WorkController workController(RestClient.Builder builder, Environment environment) {
			return new WorkController(builder.baseUrl(environment.getRequiredProperty("downstream.url")).build());
		}

	}

	@RestController
	static class WorkController {

		private static final Logger logger = LoggerFactory.getLogger(WorkController.class);

		private final RestClient downstream;

		WorkController(RestClient downstream) {
			this.downstream = downstream;
		}

		@GetMapping("/work/{i}")
		ResponseEntity<String> work(@PathVariable int i) throws InterruptedException {
			logger.info("Working on {}", i);
			this.downstream.get().uri("/part/{i}", i).retrieve().toBodilessEntity();
			if (frontendThrows(i)) {
				throw new IllegalStateException("frontend failed on " + i);
			}
			if (slow(i)) {
				Thread.sleep(THRESHOLD.toMillis() + 200);
			}
			return frontendAnswers500(i) ? ResponseEntity.internalServerError().body("failed")
					: ResponseEntity.ok("done");
		}

		@GetMapping("/part/{i}")
		String part(@PathVariable int i) {
			logger.info("Working on part {}", i);
			if (backendFails(i)) {
				throw new IllegalStateException("backend failed on " + i);
			}
			return "part";
		}

	}

}
