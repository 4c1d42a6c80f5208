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

package io.phoenix.observability.customisation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import io.phoenix.observability.testing.TraceDecisions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own observation customisations at Phoenix's production defaults (10% and tail
 * sampling), on requests that fail, most of which the ratio did not sample and the error
 * rule keeps: the user's {@link ObservationHandler} sees every server request
 * observation, the user's {@link ObservationFilter} tag reaches both the
 * {@code http.server.requests} timer and the exported server span, and the spans of an
 * {@link Observed @Observed} method and of the {@link Tracer} API are exported in the
 * request's trace as children of its server span. The counter of kept traces matches the
 * traces the collector received.
 *
 * @author Phoenix Observability
 */
@TestInstance(Lifecycle.PER_CLASS)
class UserObservationCustomisationTests {

	private static final int REQUESTS = 20;

	private static final double RATIO = 0.1;

	private static final String SERVICE = "customised";

	private final OtlpCollector collector = OtlpCollector.start();

	private ConfigurableApplicationContext context;

	private final Map<String, Integer> requestByTrace = new HashMap<>();

	@BeforeAll
	void sendFailingRequests() throws Exception {
		this.context = new SpringApplicationBuilder(CustomisedApplication.class)
			// Arguments: above the application.yml of the module's own application
			.run("--server.port=0", "--server.address=127.0.0.1", "--spring.application.name=" + SERVICE,
					// Production defaults: 10% and tail sampling, no sampling property
					"--phoenix.observability.environment=production",
					"--management.observations.annotations.enabled=true",
					"--management.opentelemetry.tracing.export.otlp.endpoint=" + this.collector.tracesEndpoint(),
					"--management.opentelemetry.tracing.export.schedule-delay=100ms",
					"--management.otlp.metrics.export.enabled=false");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpClient client = HttpClient.newHttpClient();
		for (int i = 0; i < REQUESTS; i++) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work/" + i)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("request %d", i).isEqualTo(500);
			String traceResponse = response.headers().firstValue("traceresponse").orElseThrow();
			this.requestByTrace.put(traceResponse.substring(3, 35), i);
		}
		assertThat(this.requestByTrace).hasSize(REQUESTS);
		// The test is about the traces the ratio did not sample: most of them
		assertThat(this.requestByTrace.keySet().stream().filter((traceId) -> !sampledByRatio(traceId)))
			.as("traces not sampled by the ratio")
			.isNotEmpty();
	}

	@AfterAll
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.collector.close();
	}

	@Test
	void userObservationHandlerSeesEveryServerRequest() {
		RecordingHandler handler = this.context.getBean(RecordingHandler.class);
		List<String> expectedUris = IntStream.range(0, REQUESTS).mapToObj((i) -> "/work/" + i).toList();
		List<Stopped> serverRequests = Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> handler.stopped("http.server.requests"), (stopped) -> stopped.size() >= REQUESTS);
		assertThat(serverRequests).allSatisfy(
				(stopped) -> assertThat(stopped.contextType()).isEqualTo(ServerRequestObservationContext.class));
		assertThat(serverRequests).extracting(Stopped::uri).containsExactlyInAnyOrderElementsOf(expectedUris);
		// It sees the @Observed method's observations too, one a request
		assertThat(handler.stopped("user.work")).hasSize(REQUESTS);
	}

	@Test
	void userObservationFilterTagReachesTheMeterAndTheServerSpan() {
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> count(registry.get("http.server.requests").tag("team", "payments").timers()) == REQUESTS);
		// Every timer of the requests has the tag: none was recorded without it
		assertThat(registry.get("http.server.requests").timers()).isNotEmpty()
			.allSatisfy((timer) -> assertThat(timer.getId().getTag("team")).isEqualTo("payments"));
		assertThat(count(registry.get("http.server.requests").timers())).isEqualTo(REQUESTS);

		Map<String, List<ExportedSpan>> traces = awaitKeptTraces();
		assertThat(traces.keySet()).containsExactlyInAnyOrderElementsOf(this.requestByTrace.keySet());
		traces.forEach((traceId, trace) -> assertThat(server(trace).attributes())
			.as("server span of request %d", this.requestByTrace.get(traceId))
			.containsEntry("team", "payments")
			.containsEntry("http.response.status_code", "500"));
	}

	@Test
	void observedMethodSpanIsExportedAsAChildOfTheServerSpan() {
		Map<String, List<ExportedSpan>> traces = awaitKeptTraces();
		assertThat(traces.keySet()).containsExactlyInAnyOrderElementsOf(this.requestByTrace.keySet());
		traces.forEach((traceId, trace) -> {
			ExportedSpan server = server(trace);
			assertThat(trace).filteredOn((span) -> "user-work".equals(span.name()))
				.as("@Observed span of request %d", this.requestByTrace.get(traceId))
				.singleElement()
				.satisfies((span) -> {
					assertThat(span.traceId()).isEqualTo(traceId);
					assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
					assertThat(span.parentSpanId()).isEqualTo(server.spanId());
				});
		});
	}

	@Test
	void tracerApiSpanIsExportedAsAChildOfTheServerSpan() {
		Map<String, List<ExportedSpan>> traces = awaitKeptTraces();
		assertThat(traces.keySet()).containsExactlyInAnyOrderElementsOf(this.requestByTrace.keySet());
		traces.forEach((traceId, trace) -> {
			ExportedSpan server = server(trace);
			assertThat(trace).filteredOn((span) -> "user.manual".equals(span.name()))
				.as("Tracer API span of request %d", this.requestByTrace.get(traceId))
				.singleElement()
				.satisfies((span) -> {
					assertThat(span.traceId()).isEqualTo(traceId);
					assertThat(span.parentSpanId()).isEqualTo(server.spanId());
					assertThat(span.attributes()).containsEntry("request",
							String.valueOf(this.requestByTrace.get(traceId)));
				});
			// The local trace is complete, and has nothing else
			assertThat(trace).extracting(ExportedSpan::name)
				.as("trace of request %d", this.requestByTrace.get(traceId))
				.containsExactlyInAnyOrder(server.name(), "user-work", "user.manual");
		});
	}

	@Test
	void keptCounterMatchesTheTracesReceived() {
		Map<String, List<ExportedSpan>> traces = awaitKeptTraces();
		assertThat(kept()).isEqualTo(traces.size()).isEqualTo(REQUESTS);
		Set<String> ratio = this.requestByTrace.keySet()
			.stream()
			.filter(UserObservationCustomisationTests::sampledByRatio)
			.collect(Collectors.toSet());
		assertThat(count("kept", "ratio")).isEqualTo(ratio.size());
		assertThat(count("kept", "error")).isEqualTo(REQUESTS - ratio.size());
		assertThat(count("kept", "parent")).isZero();
		assertThat(count("kept", "latency")).isZero();
		assertThat(count("dropped", "none")).isZero();
	}

	/**
	 * Wait until every request's local trace was decided, flush, and return the local
	 * traces the collector received from this service, as many as were kept.
	 */
	private Map<String, List<ExportedSpan>> awaitKeptTraces() {
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kept() + count("dropped", "none") == REQUESTS);
		assertThat(this.context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
		long kept = kept();
		List<ExportedSpan> spans = this.collector.awaitSpans((received) -> traces(received).size() == kept
				&& received.stream().filter((span) -> SERVICE.equals(span.service())).count() == 3 * kept);
		return traces(spans);
	}

	private static Map<String, List<ExportedSpan>> traces(List<ExportedSpan> spans) {
		return spans.stream()
			.filter((span) -> SERVICE.equals(span.service()))
			.collect(Collectors.groupingBy(ExportedSpan::traceId));
	}

	private static ExportedSpan server(List<ExportedSpan> trace) {
		List<ExportedSpan> servers = trace.stream()
			.filter((span) -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER)
			.toList();
		assertThat(servers).hasSize(1);
		return servers.get(0);
	}

	private static boolean sampledByRatio(String traceId) {
		return Sampler.traceIdRatioBased(RATIO)
			.shouldSample(Context.root(), traceId, "any", SpanKind.SERVER, Attributes.empty(), List.of())
			.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

	private static long count(Collection<Timer> timers) {
		return timers.stream().mapToLong(Timer::count).sum();
	}

	private long count(String decision, String reason) {
		return TraceDecisions.of(this.context).count(decision, reason);
	}

	private long kept() {
		return TraceDecisions.of(this.context).kept();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class CustomisedApplication {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

		@Bean
		ObservationFilter teamObservationFilter() {
			return (context) -> "http.server.requests".equals(context.getName())
					? context.addLowCardinalityKeyValue(KeyValue.of("team", "payments")) : context;
		}

		@Bean
		UserWork userWork() {
			return new UserWork();
		}

		@Bean
		WorkController workController(UserWork userWork, Tracer tracer) {
			return new WorkController(userWork, tracer);
		}

	}

	/**
	 * What the user's handler saw when an observation stopped: the request's URI is read
	 * then, as the request object is recycled after the response.
	 */
	record Stopped(String name, Class<?> contextType, String uri) {

	}

	static class RecordingHandler implements ObservationHandler<Observation.Context> {

		private final Queue<Stopped> stopped = new ConcurrentLinkedQueue<>();

		@Override
		public void onStop(Observation.Context context) {
			String uri = (context instanceof ServerRequestObservationContext server)
					? server.getCarrier().getRequestURI() : null;
			this.stopped.add(new Stopped(context.getName(), context.getClass(), uri));
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		List<Stopped> stopped(String name) {
			return this.stopped.stream().filter((stopped) -> name.equals(stopped.name())).toList();
		}

	}

	static class UserWork {

		@Observed(name = "user.work", contextualName = "user-work")
		public String work(int i) {
			return "worked on " + i;
		}

	}

	@RestController
	static class WorkController {

		private final UserWork userWork;

		private final Tracer tracer;

		WorkController(UserWork userWork, Tracer tracer) {
			this.userWork = userWork;
			this.tracer = tracer;
		}

		@GetMapping("/work/{i}")
		String work(@PathVariable int i) {
			this.userWork.work(i);
			io.micrometer.tracing.Span span = this.tracer.nextSpan()
				.name("user.manual")
				.tag("request", String.valueOf(i))
				.start();
			try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
				// The user's own work, in its own span
			}
			finally {
				span.end();
			}
			// Fails after its work: the trace is kept for the error
			throw new IllegalStateException("failed on " + i);
		}

	}

}
