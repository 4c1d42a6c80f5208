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

package io.phoenix.observability.autoconfigure.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.phoenix.observability.testing.JsonLogLines;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An in-process gRPC server and client, auto-configured by Spring Boot and Phoenix: the
 * correlation id travels in metadata, the trace across the call, and each side writes one
 * line per call, unary and streaming.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class GrpcCorrelationIntegrationTests {

	static final MethodDescriptor<String, String> SAY = method("Say", MethodDescriptor.MethodType.UNARY);

	static final MethodDescriptor<String, String> COUNT = method("Count", MethodDescriptor.MethodType.SERVER_STREAMING);

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		MDC.clear();
	}

	@Test
	void correlationIdAndTraceCrossTheCallAndBothSidesLogIt(CapturedOutput output) {
		this.context = start();
		Tracer tracer = this.context.getBean(Tracer.class);
		ManagedChannel channel = this.context.getBean(GrpcChannelFactory.class)
			.createChannel("in-process:phoenix-test");
		Span span = tracer.nextSpan().name("caller").start();
		String reply;
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			MDC.put("correlation_id", "grpc-corr-1");
			reply = ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "hello");
		}
		finally {
			MDC.remove("correlation_id");
			span.end();
		}
		String traceId = span.context().traceId();
		assertThat(reply).isEqualTo("hello from grpc-corr-1");
		Map<String, Object> handler = JsonLogLines.await(output::getOut, JsonLogLines.message("Handling Say"));
		assertThat(handler).containsEntry("correlation_id", "grpc-corr-1").containsEntry("trace_id", traceId);
		assertThat((String) handler.get("request_id")).matches("[0-9a-f]{32}");
		Map<String, Object> server = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.grpc.server".equals(line.get("logger"))
						&& "test.Echo/Say".equals(line.get("rpc_method")));
		assertThat(server).containsEntry("grpc_status_code", "OK")
			.containsEntry("rpc_type", "UNARY")
			.containsEntry("correlation_id", "grpc-corr-1")
			.containsEntry("trace_id", traceId)
			.containsKey("duration_ms");
		Map<String, Object> client = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.grpc.client".equals(line.get("logger"))
						&& "test.Echo/Say".equals(line.get("rpc_method")));
		assertThat(client).containsEntry("grpc_status_code", "OK")
			.containsEntry("correlation_id", "grpc-corr-1")
			.containsEntry("trace_id", traceId);
	}

	@Test
	void callsWithoutACorrelationIdGetOneAndStreamingCallsAreLoggedOnce(CapturedOutput output) {
		this.context = start();
		ManagedChannel channel = this.context.getBean(GrpcChannelFactory.class)
			.createChannel("in-process:phoenix-test");
		List<String> received = new ArrayList<>();
		Iterator<String> stream = ClientCalls.blockingServerStreamingCall(channel, COUNT, CallOptions.DEFAULT, "3");
		stream.forEachRemaining(received::add);
		assertThat(received).hasSize(3);
		assertThat(received).allMatch((id) -> id.matches("[0-9a-f]{32}")).containsOnly(received.get(0));
		// Lines are written asynchronously: wait for the first, then count
		JsonLogLines.await(output::getOut, (line) -> "phoenix.grpc.server".equals(line.get("logger"))
				&& "test.Echo/Count".equals(line.get("rpc_method")));
		List<Map<String, Object>> serverLines = JsonLogLines.parse(output.getOut())
			.stream()
			.filter((line) -> "phoenix.grpc.server".equals(line.get("logger"))
					&& "test.Echo/Count".equals(line.get("rpc_method")))
			.toList();
		assertThat(serverLines).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("rpc_type", "SERVER_STREAMING")
				.containsEntry("correlation_id", received.get(0)));
	}

	@Test
	void callsAreLoggedWithoutIdsWhenCorrelationIsDisabled(CapturedOutput output) {
		this.context = start("phoenix.observability.correlation.enabled=false");
		Tracer tracer = this.context.getBean(Tracer.class);
		ManagedChannel channel = this.context.getBean(GrpcChannelFactory.class)
			.createChannel("in-process:phoenix-test");
		Span span = tracer.nextSpan().name("caller").start();
		String reply;
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			MDC.put("correlation_id", "grpc-corr-2");
			reply = ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "hello");
		}
		finally {
			MDC.remove("correlation_id");
			span.end();
		}
		assertThat(reply).isEqualTo("hello from null");
		Map<String, Object> server = JsonLogLines.await(output::getOut,
				(line) -> "phoenix.grpc.server".equals(line.get("logger"))
						&& "test.Echo/Say".equals(line.get("rpc_method")));
		assertThat(server).containsEntry("grpc_status_code", "OK")
			.containsEntry("trace_id", span.context().traceId())
			.doesNotContainKeys("correlation_id", "request_id");
	}

	@Test
	void grpcMetricsAreRecordedByTheObservations() {
		this.context = start();
		ManagedChannel channel = this.context.getBean(GrpcChannelFactory.class)
			.createChannel("in-process:phoenix-test");
		ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "metrics");
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		// The server's observation stops after the client has its answer
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(registry.find("grpc.server").tag("rpc.method", "Say").timer()).isNotNull());
		assertThat(registry.find("grpc.client").tag("rpc.method", "Say").timer()).isNotNull();
	}

	@Test
	void healthChecksAreProbeTrafficWithoutObservationOrCallLine(CapturedOutput output) {
		this.context = start();
		ManagedChannel channel = this.context.getBean(GrpcChannelFactory.class)
			.createChannel("in-process:phoenix-test");
		HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
		assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
		ClientCalls.blockingUnaryCall(channel, SAY, CallOptions.DEFAULT, "after-health");
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		// The call after the health check is observed and logged: the health check was
		// observed before it, if at all
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(registry.find("grpc.server").tag("rpc.method", "Say").timer()).isNotNull());
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("test.Echo/Say"));
		assertThat(registry.find("grpc.server").tag("rpc.service", "grpc.health.v1.Health").timer()).isNull();
		assertThat(output.getOut()).doesNotContain("grpc.health.v1.Health/Check");
	}

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(GrpcApplication.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=grpc-test", "spring.grpc.server.inprocess.name=phoenix-test",
					"spring.grpc.server.port=-1")
			.properties(properties)
			.run();
	}

	static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
		return MethodDescriptor.<String, String>newBuilder()
			.setType(type)
			.setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", name))
			.setRequestMarshaller(new Utf8Marshaller())
			.setResponseMarshaller(new Utf8Marshaller())
			.build();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class GrpcApplication {

		@Bean
		BindableService echoService() {
			return () -> ServerServiceDefinition.builder("test.Echo")
				.addMethod(SAY, ServerCalls.asyncUnaryCall((request, observer) -> {
					LoggerFactory.getLogger("test.Echo").info("Handling Say");
					observer.onNext(request + " from " + MDC.get("correlation_id"));
					observer.onCompleted();
				}))
				.addMethod(COUNT, ServerCalls.asyncServerStreamingCall((request, observer) -> {
					for (int i = 0; i < Integer.parseInt(request); i++) {
						observer.onNext(MDC.get("correlation_id"));
					}
					observer.onCompleted();
				}))
				.build();
		}

	}

	static class Utf8Marshaller implements MethodDescriptor.Marshaller<String> {

		@Override
		public InputStream stream(String value) {
			return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
