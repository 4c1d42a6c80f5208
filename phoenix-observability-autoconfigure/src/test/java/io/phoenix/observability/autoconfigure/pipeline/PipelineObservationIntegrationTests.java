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

package io.phoenix.observability.autoconfigure.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import io.phoenix.observability.testing.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Pipeline runs, agent steps, interrupts and LLM calls of a real application, checked in
 * its Prometheus scrape, its JSON log lines and the OTLP spans it exports.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class PipelineObservationIntegrationTests {

	private static final OtlpCollector collector = OtlpCollector.start();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@AfterAll
	static void stopCollector() {
		collector.close();
	}

	@Test
	void runsStepsInterruptsAndLlmCallsAreScrapedWithTheSeedNamesTagsAndBuckets() throws Exception {
		ConfigurableApplicationContext app = start();
		get(app, "/summarize?user=u-1");
		get(app, "/summarize?user=u-2");
		get(app, "/broken");
		get(app, "/stopped");
		String scrape = get(app, "/actuator/prometheus");
		assertThat(samples(scrape, "pipeline_executions_total"))
			.anyMatch((line) -> line.contains("pipeline=\"summarize\"") && line.contains("status=\"success\"")
					&& line.endsWith(" 2.0"))
			.anyMatch((line) -> line.contains("pipeline=\"broken\"") && line.contains("status=\"error\""))
			.anyMatch((line) -> line.contains("pipeline=\"loop\"") && line.contains("status=\"max_iterations\""));
		assertThat(samples(scrape, "pipeline_duration_seconds_bucket"))
			.filteredOn((line) -> line.contains("pipeline=\"summarize\""))
			.extracting(PipelineObservationIntegrationTests::le)
			.containsExactly("0.1", "0.5", "1.0", "2.0", "5.0", "10.0", "30.0", "60.0", "+Inf");
		assertThat(samples(scrape, "pipeline_duration_seconds_bucket")).noneMatch((line) -> line.contains("status="));
		assertThat(samples(scrape, "pipeline_executions_active"))
			.anyMatch((line) -> line.contains("pipeline=\"summarize\"") && line.endsWith(" 0.0"));
		assertThat(samples(scrape, "agent_executions_total"))
			.anyMatch((line) -> line.contains("agent=\"retriever\"") && line.contains("status=\"success\"")
					&& line.endsWith(" 2.0"))
			.anyMatch((line) -> line.contains("agent=\"crasher\"") && line.contains("status=\"error\""));
		assertThat(samples(scrape, "agent_duration_seconds_bucket"))
			.filteredOn((line) -> line.contains("agent=\"writer\""))
			.extracting(PipelineObservationIntegrationTests::le)
			.containsExactly("0.01", "0.05", "0.1", "0.5", "1.0", "2.0", "5.0", "+Inf");
		assertThat(samples(scrape, "interrupts_total")).anyMatch((line) -> line.contains("kind=\"clarification\"")
				&& line.contains("status=\"raised\"") && line.endsWith(" 2.0"));
		// Spring AI's names and tags, so that one dashboard reads both
		assertThat(samples(scrape, "gen_ai_client_token_usage_total"))
			.filteredOn((line) -> line.contains("gen_ai_system=\"openai\"")
					&& line.contains("gen_ai_request_model=\"qwen2.5\"")
					&& line.contains("gen_ai_response_model=\"qwen2.5-7b-instruct\"")
					&& line.contains("gen_ai_operation_name=\"chat\""))
			.anyMatch((line) -> line.contains("gen_ai_token_type=\"input\"") && line.endsWith(" 24.0"))
			.anyMatch((line) -> line.contains("gen_ai_token_type=\"output\"") && line.endsWith(" 10.0"))
			.anyMatch((line) -> line.contains("gen_ai_token_type=\"total\"") && line.endsWith(" 34.0"));
		assertThat(samples(scrape, "gen_ai_client_operation_seconds_count"))
			.anyMatch((line) -> line.contains("gen_ai_request_model=\"qwen2.5\"") && line.contains("error=\"none\"")
					&& line.endsWith(" 2"));
		// Taken from Micrometer's default handler: no timer named after the observation
		assertThat(scrape).doesNotContain("pipeline_execute_").doesNotContain("agent_execute_");
		checkWithPromtool(scrape);
	}

	@Test
	void everyLineOfARunCarriesItsPipelineAndRunIdOnEveryThreadAndOneLineEndsIt(CapturedOutput output)
			throws Exception {
		ConfigurableApplicationContext app = start();
		String runId = get(app, "/summarize?user=u-1");
		Map<String, Object> worker = JsonLogLines.await(output::getOut,
				JsonLogLines.message("Fetched documents").and((line) -> runId.equals(line.get("run_id"))));
		assertThat(worker).containsEntry("pipeline", "summarize");
		assertThat((String) worker.get("thread")).startsWith("worker-");
		Map<String, Object> ended = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.pipeline".equals(line.get("logger")) && runId.equals(line.get("run_id")));
		assertThat(ended).containsEntry("pipeline", "summarize")
			.containsEntry("status", "success")
			.containsEntry("steps", 2)
			.containsEntry("level", "INFO")
			.containsKeys("duration_ms", "trace_id")
			.containsEntry("trace_id", worker.get("trace_id"));
		get(app, "/broken");
		Map<String, Object> failed = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.pipeline".equals(line.get("logger")) && "broken".equals(line.get("pipeline")));
		assertThat(failed).containsEntry("status", "error")
			.containsEntry("level", "WARN")
			.containsEntry("error_type", IllegalStateException.class.getName());
		// After the run, its fields are gone from the request's thread
		assertThat(JsonLogLines.parse(output.getOut()))
			.filteredOn((line) -> "After the run".equals(line.get("message")))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line).doesNotContainKeys("pipeline", "run_id"));
	}

	@Test
	void runSpanHasItsAttributesEventsAndAgentChildrenAndFailuresAreRecorded() throws Exception {
		ConfigurableApplicationContext app = start();
		String runId = get(app, "/summarize?user=u-7");
		List<ExportedSpan> spans = collector.awaitSpans((all) -> all.stream()
			.anyMatch(
					(span) -> "pipeline.execute".equals(span.name()) && runId.equals(span.attributes().get("run.id"))));
		ExportedSpan run = spans.stream()
			.filter((span) -> runId.equals(span.attributes().get("run.id")) && "pipeline.execute".equals(span.name()))
			.findFirst()
			.orElseThrow();
		assertThat(run.attributes()).containsEntry("pipeline.name", "summarize")
			.containsEntry("user.id", "u-7")
			.containsEntry("pipeline", "summarize")
			.containsEntry("status", "success")
			.containsKey("request.id");
		assertThat(run.span().getEventsList()).extracting((event) -> event.getName())
			.containsSubsequence("pipeline.started", "pipeline.completed");
		List<ExportedSpan> trace = collector
			.awaitSpans((all) -> all.stream().filter((span) -> span.traceId().equals(run.traceId())).count() >= 6)
			.stream()
			.filter((span) -> span.traceId().equals(run.traceId()))
			.toList();
		ExportedSpan server = trace.stream()
			.filter((span) -> span.spanId().equals(run.parentSpanId()))
			.findFirst()
			.orElseThrow();
		assertThat(server.name()).contains("summarize");
		List<ExportedSpan> agents = trace.stream().filter((span) -> "agent.execute".equals(span.name())).toList();
		assertThat(agents).extracting((span) -> span.attributes().get("agent.name"))
			.containsExactlyInAnyOrder("retriever", "writer");
		assertThat(agents).allSatisfy((agent) -> assertThat(agent.parentSpanId()).isEqualTo(run.spanId()));
		ExportedSpan writer = agents.stream()
			.filter((span) -> "writer".equals(span.attributes().get("agent.name")))
			.findFirst()
			.orElseThrow();
		ExportedSpan llm = trace.stream()
			.filter((span) -> "chat qwen2.5".equals(span.name()))
			.findFirst()
			.orElseThrow();
		assertThat(llm.parentSpanId()).isEqualTo(writer.spanId());
		assertThat(llm.attributes()).containsEntry("gen_ai.usage.input_tokens", "12")
			.containsEntry("gen_ai.system", "openai");
		ExportedSpan interrupt = trace.stream()
			.filter((span) -> "pipeline.interrupt".equals(span.name()))
			.findFirst()
			.orElseThrow();
		assertThat(interrupt.parentSpanId()).isEqualTo(run.spanId());
		assertThat(interrupt.attributes()).containsEntry("kind", "clarification");

		get(app, "/broken");
		ExportedSpan broken = collector
			.awaitSpans(
					(all) -> all.stream().anyMatch((span) -> "broken".equals(span.attributes().get("pipeline.name"))))
			.stream()
			.filter((span) -> "broken".equals(span.attributes().get("pipeline.name")))
			.findFirst()
			.orElseThrow();
		assertThat(broken.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(broken.attributes()).containsEntry("status", "error");
	}

	@Test
	void annotatedMethodsAreRunsAndStepsWithoutAspectJ() throws Exception {
		assertThat(ClassLoader.getSystemClassLoader().getResource("org/aspectj/weaver/Advice.class")).isNull();
		ConfigurableApplicationContext app = start();
		get(app, "/annotated");
		String scrape = get(app, "/actuator/prometheus");
		assertThat(samples(scrape, "pipeline_executions_total"))
			.anyMatch((line) -> line.contains("pipeline=\"nightly-digest\"") && line.contains("status=\"success\""));
		assertThat(samples(scrape, "agent_executions_total"))
			.anyMatch((line) -> line.contains("agent=\"collector\"") && line.contains("status=\"success\""));
	}

	@Test
	void tenThousandUserSuppliedPipelineNamesDoNotMakeTenThousandSeries(CapturedOutput output) throws Exception {
		ConfigurableApplicationContext app = start("management.tracing.sampling.probability=0.0",
				"phoenix.observability.pipelines.run-log.enabled=false");
		Pipelines pipelines = app.getBean(Pipelines.class);
		for (int i = 0; i < 10_000; i++) {
			pipelines.run("user-supplied-" + i, null, () -> {
			});
		}
		String scrape = get(app, "/actuator/prometheus");
		List<String> series = samples(scrape, "pipeline_executions_total");
		assertThat(series).hasSize(101)
			.anyMatch((line) -> line.contains("pipeline=\"OTHER\"") && line.endsWith(" 9900.0"));
		assertThat(samples(scrape, "pipeline_duration_seconds_count")).hasSize(101);
		assertThat(samples(scrape, "phoenix_pipelines_tag_values_folded_total")).singleElement()
			.satisfies((line) -> assertThat(line).endsWith(" 9900.0"));
		assertThat(
				output.getOut().lines().filter((line) -> line.contains("Tag 'pipeline' reached 100 distinct values")))
			.hasSize(1);
	}

	private static List<String> samples(String scrape, String name) {
		return scrape.lines().filter((line) -> line.startsWith(name + "{")).toList();
	}

	private static String le(String line) {
		int start = line.indexOf("le=\"") + 4;
		return line.substring(start, line.indexOf('"', start));
	}

	private static void checkWithPromtool(String scrape) throws Exception {
		assumeThat(PrometheusServer.isInstalled() || PrometheusServer.isContinuousIntegration())
			.as("promtool on the PATH")
			.isTrue();
		// Only the families this feature writes: the JVM's are not ours to lint
		StringBuilder ours = new StringBuilder();
		scrape.lines()
			.filter((line) -> line.matches("^(# (HELP|TYPE) )?(pipeline_|agent_|interrupts|gen_ai_client_token).*"))
			.forEach((line) -> ours.append(line).append('\n'));
		Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
		promtool.getOutputStream().write(ours.toString().getBytes(StandardCharsets.UTF_8));
		promtool.getOutputStream().close();
		String result = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(promtool.exitValue()).as("promtool check metrics:%n%s%n%s", result, ours).isZero();
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PipelineApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=pipelines",
					"management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.schedule-delay=100ms",
					"management.opentelemetry.tracing.export.otlp.endpoint=" + collector.tracesEndpoint())
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private String get(ConfigurableApplicationContext context, String path) throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PipelineApplication {

		@Bean
		ThreadPoolTaskExecutor workers() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setThreadNamePrefix("worker-");
			return executor;
		}

		@Bean
		RunController runController(Pipelines pipelines, LlmCalls llm, ThreadPoolTaskExecutor workers,
				DigestPipeline digest) {
			return new RunController(pipelines, llm, workers, digest);
		}

		@Bean
		DigestPipeline digestPipeline(DigestCollector collector) {
			return new DigestPipeline(collector);
		}

		@Bean
		DigestCollector digestCollector() {
			return new DigestCollector();
		}

	}

	@RestController
	static class RunController {

		private static final Logger logger = LoggerFactory.getLogger(RunController.class);

		private final Pipelines pipelines;

		private final LlmCalls llm;

		private final ThreadPoolTaskExecutor workers;

		private final DigestPipeline digest;

		RunController(Pipelines pipelines, LlmCalls llm, ThreadPoolTaskExecutor workers, DigestPipeline digest) {
			this.pipelines = pipelines;
			this.llm = llm;
			this.workers = workers;
			this.digest = digest;
		}

		@GetMapping("/summarize")
		String summarize(@RequestParam String user) throws Exception {
			String runId = this.pipelines.pipeline("summarize").userId(user).run(() -> {
				this.pipelines.agent("retriever",
						() -> this.workers.submit(() -> logger.info("Fetched documents")).get());
				this.pipelines.agent("writer", () -> this.llm.call("openai", "qwen2.5", (call) -> {
					call.responseModel("qwen2.5-7b-instruct").usage(12, 5);
					return "A summary.";
				}));
				this.pipelines.interrupt("clarification", "raised");
				return Pipelines.currentRunId();
			});
			logger.info("After the run");
			return runId;
		}

		@GetMapping("/broken")
		String broken() {
			try {
				this.pipelines.run("broken", null, () -> this.pipelines.agent("crasher", () -> {
					throw new IllegalStateException("Agent crashed");
				}));
			}
			catch (IllegalStateException ex) {
				logger.info("After the run");
			}
			return "failed";
		}

		@GetMapping("/stopped")
		String stopped() {
			this.pipelines.run("loop", null, () -> {
				this.pipelines.terminate("max_iterations");
			});
			return "stopped";
		}

		@GetMapping("/annotated")
		String annotated() {
			return this.digest.run();
		}

	}

	static class DigestPipeline {

		private final DigestCollector collector;

		DigestPipeline(DigestCollector collector) {
			this.collector = collector;
		}

		@PipelineRun("nightly-digest")
		String run() {
			return this.collector.collect();
		}

	}

	static class DigestCollector {

		@AgentStep("collector")
		String collect() {
			return "collected";
		}

	}

}
