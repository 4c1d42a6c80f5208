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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import io.phoenix.observability.testing.TraceDecisions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The latency threshold of tail sampling, checked on what a collector decoded and on the
 * access log: by default each route is judged by its latency SLO, routes without one by
 * the smallest latency SLO threshold, SLOs on other meters are left out, and the property
 * set explicitly wins on every route.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class TailSamplingLatencyThresholdTests {

	// /search/{ms} must answer in 400ms, /report/{ms} in 1500ms, /other/{ms} promises
	// nothing; the LLM calls' 50ms is not about requests
	private static final String[] SLOS = { "phoenix.slo.objectives[0].name=search-latency",
			"phoenix.slo.objectives[0].objective=99", "phoenix.slo.objectives[0].sli.kind=latency",
			"phoenix.slo.objectives[0].sli.route=/search/{ms}", "phoenix.slo.objectives[0].sli.threshold=400ms",
			"phoenix.slo.objectives[1].name=report-latency", "phoenix.slo.objectives[1].objective=99",
			"phoenix.slo.objectives[1].sli.kind=latency", "phoenix.slo.objectives[1].sli.route=/report/{ms}",
			"phoenix.slo.objectives[1].sli.threshold=1500ms", "phoenix.slo.objectives[2].name=llm-latency",
			"phoenix.slo.objectives[2].objective=99", "phoenix.slo.objectives[2].sli.kind=latency",
			"phoenix.slo.objectives[2].sli.meter=gen_ai.client.operation",
			"phoenix.slo.objectives[2].sli.threshold=50ms" };

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
	void eachRouteIsJudgedByItsLatencySloAndOtherRoutesByTheSmallest(CapturedOutput output) throws Exception {
		this.context = start();
		Map<String, Boolean> expected = new LinkedHashMap<>();
		// Kept, first, as the first request of a cold JVM is slower
		expected.put("/search/600", true);
		expected.put("/search/20", false);
		// Slower than the smallest threshold, within its own route's
		expected.put("/report/800", false);
		expected.put("/report/1600", true);
		expected.put("/other/600", true);
		// Slower than the LLM calls' threshold, which does not count
		expected.put("/other/100", false);
		assertKeptExactly(expected, output);
	}

	@Test
	void thresholdSetExplicitlyWinsOnEveryRoute(CapturedOutput output) throws Exception {
		this.context = start("--phoenix.observability.tracing.sampling.latency-threshold=1s");
		Map<String, Boolean> expected = new LinkedHashMap<>();
		// Within its SLO's threshold, above the property's; first, as the first request
		// of a cold JVM is slower
		expected.put("/report/1100", true);
		// Above its SLO's threshold, within the property's
		expected.put("/search/600", false);
		expected.put("/other/300", false);
		assertKeptExactly(expected, output);
	}

	private void assertKeptExactly(Map<String, Boolean> expected, CapturedOutput output) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		Map<String, String> traceByPath = new LinkedHashMap<>();
		for (String path : expected.keySet()) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			traceByPath.put(path, response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35));
		}
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> decided() == expected.size());
		assertThat(this.context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
		List<String> keptPaths = new ArrayList<>();
		expected.forEach((path, kept) -> {
			if (kept) {
				keptPaths.add(path);
			}
		});
		List<ExportedSpan> spans = this.collector
			.awaitSpans((received) -> servers(received).size() == keptPaths.size());
		Set<String> keptTraces = keptPaths.stream().map(traceByPath::get).collect(Collectors.toSet());
		assertThat(servers(spans)).extracting(ExportedSpan::traceId).containsExactlyInAnyOrderElementsOf(keptTraces);
		assertThat(count("kept", "latency")).isEqualTo(keptPaths.size());
		assertThat(count("dropped", "none")).isEqualTo(expected.size() - keptPaths.size());
		// The access log says the same, with its route's threshold
		Map<String, Object> keptByLog = Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> JsonLogLines.parse(output.getOut())
				.stream()
				.filter((line) -> "phoenix.access".equals(line.get("logger")))
				.collect(Collectors.toMap((line) -> (String) line.get("trace_id"), (line) -> line.get("trace_kept"),
						(a, b) -> a)),
					(lines) -> lines.keySet().containsAll(traceByPath.values()));
		expected.forEach((path, kept) -> assertThat(keptByLog.get(traceByPath.get(path))).as("trace_kept of %s", path)
			.isEqualTo(kept));
	}

	private ConfigurableApplicationContext start(String... args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		// Above the defaults Phoenix sets by environment: only latency keeps a trace
		arguments.add("--management.tracing.sampling.probability=0.0");
		return new SpringApplicationBuilder(ThresholdApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=orders",
					"phoenix.observability.tracing.sampling.mode=tail",
					"management.opentelemetry.tracing.export.otlp.endpoint=" + this.collector.tracesEndpoint(),
					"management.opentelemetry.tracing.export.schedule-delay=100ms",
					"management.otlp.metrics.export.enabled=false")
			.properties(SLOS)
			.run(arguments.toArray(String[]::new));
	}

	private int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private static List<ExportedSpan> servers(List<ExportedSpan> spans) {
		return spans.stream()
			.filter((span) -> "orders".equals(span.service()) && span.kind() == Span.SpanKind.SPAN_KIND_SERVER)
			.toList();
	}

	private long count(String decision, String reason) {
		return TraceDecisions.of(this.context).count(decision, reason);
	}

	private long decided() {
		return TraceDecisions.of(this.context).decided();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ThresholdApplication {

		@org.springframework.context.annotation.Bean
		SleepController sleepController() {
			return new SleepController();
		}

	}

	@RestController
	static class SleepController {

		@GetMapping({ "/search/{ms}", "/report/{ms}", "/other/{ms}" })
		String sleep(@PathVariable long ms) throws InterruptedException {
			Thread.sleep(ms);
			return "slept";
		}

	}

}
