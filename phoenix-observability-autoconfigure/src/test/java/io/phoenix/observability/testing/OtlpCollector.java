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

package io.phoenix.observability.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import static org.awaitility.Awaitility.await;

/**
 * An OpenTelemetry collector stand-in: a WireMock server on loopback that accepts OTLP
 * over HTTP and decodes what it received with the official protobuf classes.
 *
 * @author Phoenix Observability
 */
public final class OtlpCollector implements AutoCloseable {

	private final WireMockServer server;

	private OtlpCollector(WireMockServer server) {
		this.server = server;
	}

	/**
	 * Start a collector on a free loopback port.
	 * @return the running collector
	 */
	public static OtlpCollector start() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		server.stubFor(WireMock.post("/v1/traces").willReturn(WireMock.ok()));
		server.stubFor(WireMock.post("/v1/logs").willReturn(WireMock.ok()));
		server.stubFor(WireMock.post("/v1/metrics").willReturn(WireMock.ok()));
		return new OtlpCollector(server);
	}

	/**
	 * Answer every later log export with a status, such as 500 for a collector that
	 * fails, or 200 again.
	 * @param status the HTTP status
	 */
	public void answerLogsWith(int status) {
		this.server.stubFor(WireMock.post("/v1/logs").willReturn(WireMock.status(status)));
	}

	/**
	 * Return the OTLP logs endpoint, for
	 * {@code management.opentelemetry.logging.export.otlp.endpoint}.
	 * @return the endpoint URL
	 */
	public String logsEndpoint() {
		return "http://127.0.0.1:" + this.server.port() + "/v1/logs";
	}

	/**
	 * Return the number of log exports received so far, whatever the answer.
	 * @return the number of requests to the logs endpoint
	 */
	public int logExports() {
		return this.server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/v1/logs"))).size();
	}

	/**
	 * Return every log record received so far, answered with success or not.
	 * @return the log records
	 */
	public List<ExportedLog> logs() {
		List<ExportedLog> logs = new ArrayList<>();
		for (LoggedRequest request : this.server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/v1/logs")))) {
			ExportLogsServiceRequest export = parseLogs(request.getBody());
			for (ResourceLogs resourceLogs : export.getResourceLogsList()) {
				Map<String, String> resource = attributes(resourceLogs.getResource().getAttributesList());
				for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
					for (LogRecord record : scopeLogs.getLogRecordsList()) {
						logs.add(new ExportedLog(resource, scopeLogs.getScope().getName(), record));
					}
				}
			}
		}
		return logs;
	}

	/**
	 * Wait until the log records received match a condition, and return them.
	 * @param condition the condition on all log records received
	 * @return the log records
	 */
	public List<ExportedLog> awaitLogs(Predicate<List<ExportedLog>> condition) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(this::logs, condition);
	}

	/**
	 * Return the OTLP metrics endpoint, for {@code management.otlp.metrics.export.url}.
	 * @return the endpoint URL
	 */
	public String metricsEndpoint() {
		return "http://127.0.0.1:" + this.server.port() + "/v1/metrics";
	}

	/**
	 * Return the names of the metrics received so far, with their resource's service
	 * name.
	 * @return the metric names by service name
	 */
	public Map<String, Set<String>> metricNames() {
		Map<String, Set<String>> names = new TreeMap<>();
		for (LoggedRequest request : this.server
			.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/v1/metrics")))) {
			ExportMetricsServiceRequest export;
			try {
				export = ExportMetricsServiceRequest.parseFrom(request.getBody());
			}
			catch (InvalidProtocolBufferException ex) {
				throw new IllegalStateException("Not an OTLP metrics export", ex);
			}
			for (ResourceMetrics resourceMetrics : export.getResourceMetricsList()) {
				String service = attributes(resourceMetrics.getResource().getAttributesList()).get("service.name");
				for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
					for (Metric metric : scopeMetrics.getMetricsList()) {
						names.computeIfAbsent(String.valueOf(service), (key) -> new TreeSet<>()).add(metric.getName());
					}
				}
			}
		}
		return names;
	}

	/**
	 * Return the OTLP traces endpoint, for
	 * {@code management.opentelemetry.tracing.export.otlp.endpoint}.
	 * @return the endpoint URL
	 */
	public String tracesEndpoint() {
		return "http://127.0.0.1:" + this.server.port() + "/v1/traces";
	}

	/**
	 * Return every span received so far.
	 * @return the spans
	 */
	public List<ExportedSpan> spans() {
		List<ExportedSpan> spans = new ArrayList<>();
		for (LoggedRequest request : this.server
			.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/v1/traces")))) {
			ExportTraceServiceRequest export = parse(request.getBody());
			for (ResourceSpans resourceSpans : export.getResourceSpansList()) {
				Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						spans.add(new ExportedSpan(resource, span));
					}
				}
			}
		}
		return spans;
	}

	/**
	 * Wait until the spans received match a condition, and return them.
	 * @param condition the condition on all spans received
	 * @return the spans
	 */
	public List<ExportedSpan> awaitSpans(Predicate<List<ExportedSpan>> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(this::spans, condition);
	}

	private static ExportTraceServiceRequest parse(byte[] body) {
		try {
			return ExportTraceServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException("The collector received a body that is not OTLP protobuf", ex);
		}
	}

	private static ExportLogsServiceRequest parseLogs(byte[] body) {
		try {
			return ExportLogsServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException("The collector received a body that is not OTLP protobuf", ex);
		}
	}

	static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (kv) -> text(kv.getValue()), (a, b) -> b));
	}

	static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> Long.toString(value.getIntValue());
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			default -> value.toString();
		};
	}

	private static Object typed(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> value.getIntValue();
			case BOOL_VALUE -> value.getBoolValue();
			case DOUBLE_VALUE -> value.getDoubleValue();
			default -> value.toString();
		};
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/**
	 * A span as the collector received it, with the attributes of its resource.
	 *
	 * @param resource the resource attributes, such as {@code service.name}
	 * @param span the span
	 */
	public record ExportedSpan(Map<String, String> resource, Span span) {

		public String service() {
			return this.resource.get("service.name");
		}

		public String traceId() {
			return HexFormat.of().formatHex(this.span.getTraceId().toByteArray());
		}

		public String spanId() {
			return HexFormat.of().formatHex(this.span.getSpanId().toByteArray());
		}

		public String parentSpanId() {
			return HexFormat.of().formatHex(this.span.getParentSpanId().toByteArray());
		}

		public String name() {
			return this.span.getName();
		}

		public Span.SpanKind kind() {
			return this.span.getKind();
		}

		public Map<String, String> attributes() {
			return OtlpCollector.attributes(this.span.getAttributesList());
		}

		/**
		 * The span's attributes with their wire types: {@code Long}, {@code Double},
		 * {@code Boolean} or {@code String}.
		 * @return the attributes by key
		 */
		public Map<String, Object> typedAttributes() {
			return this.span.getAttributesList()
				.stream()
				.collect(Collectors.toMap(KeyValue::getKey, (kv) -> typed(kv.getValue()), (a, b) -> b));
		}

		/**
		 * The ids of this span's parent, its parent's parent and so on, as far as the
		 * given spans of its trace reach.
		 * @param trace the spans of this span's trace
		 * @return the ids of the ancestors, the parent first
		 */
		public List<String> ancestorsIn(List<ExportedSpan> trace) {
			List<String> ancestors = new ArrayList<>();
			String parent = parentSpanId();
			while (!parent.isEmpty() && ancestors.size() < trace.size()) {
				ancestors.add(parent);
				String id = parent;
				parent = trace.stream()
					.filter((s) -> s.spanId().equals(id))
					.map(ExportedSpan::parentSpanId)
					.findFirst()
					.orElse("");
			}
			return ancestors;
		}

	}

	/**
	 * A log record as the collector received it, with the attributes of its resource.
	 *
	 * @param resource the resource attributes, such as {@code service.name}
	 * @param scope the name of the instrumentation scope: the logger's name
	 * @param record the log record
	 */
	public record ExportedLog(Map<String, String> resource, String scope, LogRecord record) {

		public String service() {
			return this.resource.get("service.name");
		}

		public String severity() {
			return this.record.getSeverityText();
		}

		public String body() {
			return OtlpCollector.text(this.record.getBody());
		}

		public String traceId() {
			return HexFormat.of().formatHex(this.record.getTraceId().toByteArray());
		}

		public String spanId() {
			return HexFormat.of().formatHex(this.record.getSpanId().toByteArray());
		}

		public Map<String, String> attributes() {
			return OtlpCollector.attributes(this.record.getAttributesList());
		}

	}

}
