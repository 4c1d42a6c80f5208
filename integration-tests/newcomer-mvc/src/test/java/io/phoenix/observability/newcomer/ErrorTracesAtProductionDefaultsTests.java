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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer application at production defaults, with no sampling property set: tail
 * sampling keeps the trace of every failed request and of every request slower than the
 * latency threshold, besides the 10% the ratio samples, and exports nothing else. Checked
 * on what an OTLP collector decoded, by the trace id of each request's
 * {@code traceresponse} header, against the decision counters scraped from the
 * application's {@code /health/metrics}.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "phoenix.observability.environment=production",
				// Short, so that the slow requests take well under a second each
				"phoenix.observability.tracing.sampling.latency-threshold=300ms",
				"management.opentelemetry.tracing.export.schedule-delay=100ms" })
@Import(ErrorTracesAtProductionDefaultsTests.SlowEndpoint.class)
// The context exports to this class's collector: close it with the class
@DirtiesContext
class ErrorTracesAtProductionDefaultsTests {

	private static final int REQUESTS = 300;

	// What the production defaults of the newcomer's service type sample
	private static final double RATIO = 0.1;

	private static final Duration THRESHOLD = Duration.ofMillis(300);

	// Left running until the JVM exits: the context flushes its spans to it when it
	// closes
	private static final OtlpCollector collector = OtlpCollector.start();

	@LocalServerPort
	private int port;

	@Autowired
	private SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void collectorProperties(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::tracesEndpoint);
	}

	// A third of the requests fail: FailingController throws for every order
	static boolean fails(int i) {
		return i % 3 == 0;
	}

	// A few of the successful ones take longer than the threshold
	static boolean slow(int i) {
		return i % 75 == 37;
	}

	@Test
	void everyFailedAndSlowTraceArrivesWithTheRatiosFastOnesAndNothingElse() throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Map<String, Integer> requestByTrace = new LinkedHashMap<>();
		for (int i = 0; i < REQUESTS; i++) {
			String path = fails(i) ? "/orders/" + i : slow(i) ? "/slow/" + i : "/hello";
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("request %d to %s", i, path).isEqualTo(fails(i) ? 500 : 200);
			// 00-<trace id>-<span id of the server span>-<flags>
			String traceResponse = response.headers().firstValue("traceresponse").orElseThrow();
			requestByTrace.put(traceResponse.substring(3, 35), i);
		}
		assertThat(requestByTrace).as("a trace of its own for every request").hasSize(REQUESTS);

		Set<String> failed = new HashSet<>();
		Set<String> slow = new HashSet<>();
		Set<String> fast = new HashSet<>();
		Set<String> fastSampledByRatio = new HashSet<>();
		requestByTrace.forEach((traceId, i) -> {
			if (fails(i)) {
				failed.add(traceId);
			}
			else if (slow(i)) {
				slow.add(traceId);
			}
			else {
				fast.add(traceId);
				if (sampledByRatio(traceId)) {
					fastSampledByRatio.add(traceId);
				}
			}
		});
		assertThat(failed).hasSize(REQUESTS / 3);
		assertThat(slow).hasSize(4);
		assertThat(fastSampledByRatio).as("about 10%% of %d fast requests", fast.size()).hasSizeBetween(5, 45);

		// Every request's local trace is decided once, after its response was sent
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Map<String, Long> decided = decisions(scrape());
			assertThat(decided.values().stream().mapToLong(Long::longValue).sum())
				.as("local traces decided, by decision/reason: %s", decided)
				.isEqualTo(REQUESTS);
		});
		Map<String, Long> decisions = decisions(scrape());
		long kept = decisions.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("kept/"))
			.mapToLong(Map.Entry::getValue)
			.sum();
		long dropped = decisions.getOrDefault("dropped/none", 0L);
		assertThat(kept + dropped).isEqualTo(REQUESTS);

		// Everything kept arrives: the export queue is empty once flushed
		assertThat(this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		collector.awaitSpans((spans) -> traces(spans).size() >= kept);
		Map<String, List<ExportedSpan>> received = traces(collector.spans());
		assertThat(received.keySet()).as("traces received, all of this test's requests")
			.isSubsetOf(requestByTrace.keySet());

		// 100 of 100 failed requests, each with its failed server span
		assertThat(received.keySet()).containsAll(failed);
		assertThat(failed).allSatisfy((traceId) -> assertThat(server(received.get(traceId)))
			.as("server span of request %d", requestByTrace.get(traceId))
			.satisfies((span) -> assertThat(span.span().getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR
					|| "SERVER_ERROR".equals(span.attributes().get("outcome")))
				.as("error status or outcome SERVER_ERROR: %s", span.span())
				.isTrue()));
		// Every slow request, slower than the threshold by its own span
		assertThat(received.keySet()).containsAll(slow);
		assertThat(slow).allSatisfy((traceId) -> assertThat(durationNanos(server(received.get(traceId))))
			.isGreaterThanOrEqualTo(THRESHOLD.toNanos()));
		// The fast successful ones the ratio sampled, and no other but a request that
		// really took longer than the threshold, such as the first one in a cold JVM
		Set<String> fastReceived = new HashSet<>(received.keySet());
		fastReceived.retainAll(fast);
		assertThat(fastReceived).containsAll(fastSampledByRatio);
		Set<String> fastKeptForLatency = new HashSet<>(fastReceived);
		fastKeptForLatency.removeAll(fastSampledByRatio);
		assertThat(fastKeptForLatency).as("fast requests kept though the ratio did not sample them")
			.allSatisfy((traceId) -> assertThat(durationNanos(server(received.get(traceId))))
				.as("server span of request %d", requestByTrace.get(traceId))
				.isGreaterThanOrEqualTo(THRESHOLD.toNanos()));

		// The counters account for every trace: kept ones arrived, dropped ones did not
		assertThat(kept).as("kept traces").isEqualTo(received.size());
		assertThat(dropped).as("dropped traces").isEqualTo(REQUESTS - received.size());
		Set<String> failedNotSampled = new HashSet<>(failed);
		failedNotSampled.removeIf(ErrorTracesAtProductionDefaultsTests::sampledByRatio);
		Set<String> slowNotSampled = new HashSet<>(slow);
		slowNotSampled.removeIf(ErrorTracesAtProductionDefaultsTests::sampledByRatio);
		long sampled = requestByTrace.keySet()
			.stream()
			.filter(ErrorTracesAtProductionDefaultsTests::sampledByRatio)
			.count();
		assertThat(decisions).containsEntry("kept/ratio", sampled)
			.containsEntry("kept/error", (long) failedNotSampled.size())
			.containsEntry("kept/latency", (long) (slowNotSampled.size() + fastKeptForLatency.size()))
			.containsEntry("kept/parent", 0L);
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/health/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	// phoenix_tracing_sampling_traces_total by decision/reason
	private static Map<String, Long> decisions(String scrape) {
		return scrape.lines()
			.filter((line) -> line.startsWith("phoenix_tracing_sampling_traces_total{"))
			.collect(Collectors.toMap((line) -> label(line, "decision") + "/" + label(line, "reason"),
					(line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Long::sum));
	}

	private static String label(String line, String name) {
		int start = line.indexOf(name + "=\"") + name.length() + 2;
		return line.substring(start, line.indexOf('"', start));
	}

	private static boolean sampledByRatio(String traceId) {
		return Sampler.traceIdRatioBased(RATIO)
			.shouldSample(Context.root(), traceId, "any", SpanKind.SERVER, Attributes.empty(), List.of())
			.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

	private static Map<String, List<ExportedSpan>> traces(List<ExportedSpan> spans) {
		return spans.stream().collect(Collectors.groupingBy(ExportedSpan::traceId));
	}

	private static ExportedSpan server(List<ExportedSpan> trace) {
		List<ExportedSpan> server = trace.stream()
			.filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER)
			.toList();
		assertThat(server).as("server spans of %s", trace).hasSize(1);
		return server.get(0);
	}

	private static long durationNanos(ExportedSpan span) {
		return span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano();
	}

	/**
	 * An endpoint slower than the latency threshold, for this test only. Imported, not
	 * annotated, so that the applications the other tests of the package start do not
	 * scan it.
	 */
	static class SlowEndpoint {

		@Bean
		RouterFunction<ServerResponse> slowRoute() {
			return RouterFunctions.route().GET("/slow/{i}", (request) -> {
				Thread.sleep(THRESHOLD.toMillis() + 150);
				return ServerResponse.ok().body("slow " + request.pathVariable("i"));
			}).build();
		}

	}

}
