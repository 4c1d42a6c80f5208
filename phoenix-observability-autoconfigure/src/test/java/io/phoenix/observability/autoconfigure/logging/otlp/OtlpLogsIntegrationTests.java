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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.trace.v1.Span;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedLog;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log lines of a web application on Logback, exported over OTLP and decoded by a
 * collector: one record per line, in the trace of the request's server span, with the
 * request's correlation and request ids, while standard output stays as it was.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpLogsIntegrationTests {

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
	void eachLineIsExportedOnceInItsRequestsTraceWithItsIds(CapturedOutput output) throws Exception {
		this.context = start();
		HttpResponse<String> response = get("/orders/42", "otlp-order-42");
		assertThat(response.statusCode()).isEqualTo(200);
		String traceId = response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
		ExportedLog record = this.collector
			.awaitLogs((logs) -> logs.stream().anyMatch((log) -> "handled order 42".equals(log.body())))
			.stream()
			.filter((log) -> "handled order 42".equals(log.body()))
			.toList()
			.get(0);
		ExportedSpan server = this.collector
			.awaitSpans((spans) -> spans.stream().anyMatch((span) -> isServerSpanOf(span, traceId)))
			.stream()
			.filter((span) -> isServerSpanOf(span, traceId))
			.findFirst()
			.orElseThrow();
		assertThat(record.traceId()).isEqualTo(server.traceId());
		assertThat(record.spanId()).isEqualTo(server.spanId());
		assertThat(record.severity()).isEqualTo("INFO");
		assertThat(record.scope()).isEqualTo(OrderController.class.getName());
		assertThat(record.service()).isEqualTo("otlp-logs");
		assertThat(record.record().getTimeUnixNano()).isPositive();
		assertThat(record.attributes())
			.containsEntry("correlation_id", response.headers().firstValue("X-Correlation-ID").orElseThrow())
			.containsEntry("correlation_id", "otlp-order-42")
			.containsEntry("request_id", response.headers().firstValue("X-Request-ID").orElseThrow())
			.containsKey("thread.name")
			// Only the MDC keys asked for
			.doesNotContainKeys("traceId", "spanId", "trace_id", "span_id");
		// The next line is exported too, and each line once
		get("/orders/43", "otlp-order-43");
		List<ExportedLog> logs = this.collector
			.awaitLogs((received) -> received.stream().anyMatch((log) -> "handled order 43".equals(log.body())));
		assertThat(logs).filteredOn((log) -> log.body().startsWith("handled order")).hasSize(2);
		// Standard output: one JSON line per log line, as without the export
		Map<String, Object> line = JsonLogLines.await(output::getOut, JsonLogLines.message("handled order 42"));
		assertThat(JsonLogLines.parse(output.getOut())).filteredOn(JsonLogLines.message("handled order 42")).hasSize(1);
		this.context.close();
		this.context = startWithoutLogExport();
		get("/orders/44", "otlp-order-44");
		Map<String, Object> withoutExport = JsonLogLines.await(output::getOut,
				JsonLogLines.message("handled order 44"));
		assertThat(line.keySet()).isEqualTo(withoutExport.keySet());
	}

	@Test
	void appenderDeclaredByTheApplicationIsNotAddedTwice(CapturedOutput output) throws Exception {
		this.context = start("logging.config=classpath:otlp/logback-with-opentelemetry-appender.xml");
		get("/orders/7", "otlp-own-appender-7");
		get("/orders/8", "otlp-own-appender-8");
		List<ExportedLog> logs = this.collector
			.awaitLogs((received) -> received.stream().anyMatch((log) -> "handled order 8".equals(log.body())));
		assertThat(logs).filteredOn((log) -> log.body().startsWith("handled order"))
			.extracting(ExportedLog::body)
			.containsExactly("handled order 7", "handled order 8");
		assertThat(output.getOut()).contains("handled order 7");
	}

	private static boolean isServerSpanOf(ExportedSpan span, String traceId) {
		return span.kind() == Span.SpanKind.SPAN_KIND_SERVER && span.traceId().equals(traceId);
	}

	private ConfigurableApplicationContext start(String... properties) {
		return application()
			.properties("management.opentelemetry.logging.export.otlp.endpoint=" + this.collector.logsEndpoint(),
					"management.opentelemetry.logging.export.schedule-delay=100ms")
			.properties(properties)
			.run();
	}

	private ConfigurableApplicationContext startWithoutLogExport() {
		return application().run();
	}

	private SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(OrdersApplication.class).properties("server.port=0",
				"server.address=127.0.0.1", "spring.application.name=otlp-logs",
				"management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.otlp.endpoint=" + this.collector.tracesEndpoint(),
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"management.otlp.metrics.export.enabled=false");
	}

	private HttpResponse<String> get(String path, String correlationId) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("X-Correlation-ID", correlationId)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OrdersApplication {

		@org.springframework.context.annotation.Bean
		OrderController orderController() {
			return new OrderController();
		}

	}

	@RestController
	static class OrderController {

		private static final Logger logger = LoggerFactory.getLogger(OrderController.class);

		@GetMapping("/orders/{id}")
		String order(@PathVariable int id) {
			logger.info("handled order {}", id);
			return "order " + id;
		}

	}

}
