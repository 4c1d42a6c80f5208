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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixGrpcAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixGrpcAutoConfigurationTests {

	private static final Metadata.Key<String> CORRELATION_ID = Metadata.Key.of("x-correlation-id",
			Metadata.ASCII_STRING_MARSHALLER);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixGrpcAutoConfiguration.class));

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void interceptorsCarryTheCorrelationIdAcrossACall() {
		this.contextRunner.run((context) -> {
			Call call = call(context);
			assertThat(call.sent.get()).isEqualTo("corr-1");
			assertThat(call.reply).isEqualTo("hello from corr-1");
			assertThat(call.responseHeaders.get().get(CORRELATION_ID)).isEqualTo("corr-1");
		});
	}

	@Test
	void noCorrelationIdCrossesACallWhenCorrelationIsDisabled() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.enabled=false").run((context) -> {
			// The call log lines belong to phoenix.observability.grpc.enabled
			assertThat(context).hasSingleBean(CorrelationServerInterceptor.class)
				.hasSingleBean(CorrelationClientInterceptor.class);
			Call call = call(context);
			assertThat(call.sent.get()).as("correlation id sent").isNull();
			assertThat(call.reply).isEqualTo("hello from null");
			assertThat(call.responseHeaders.get().get(CORRELATION_ID)).as("correlation id echoed").isNull();
		});
	}

	/**
	 * One unary call from a caller whose MDC holds {@code corr-1}, through the context's
	 * client and server interceptors, to a service that answers with the correlation id
	 * in its MDC.
	 */
	private static Call call(AssertableApplicationContext context) throws Exception {
		Call call = new Call();
		ServerInterceptor recordHeaders = new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> serverCall, Metadata headers,
					ServerCallHandler<Q, R> next) {
				call.sent.set(headers.get(CORRELATION_ID));
				return next.startCall(serverCall, headers);
			}

		};
		ServerServiceDefinition service = ServerServiceDefinition.builder("test.Echo")
			.addMethod(GrpcCorrelationIntegrationTests.SAY, ServerCalls.asyncUnaryCall((request, observer) -> {
				observer.onNext(request + " from " + MDC.get("correlation_id"));
				observer.onCompleted();
			}))
			.build();
		String name = InProcessServerBuilder.generateName();
		// ServerInterceptors.intercept runs the last interceptor first
		// The server's own executor: not the caller's thread and its MDC
		Server server = InProcessServerBuilder.forName(name)
			.addService(ServerInterceptors.intercept(service, context.getBean(CorrelationServerInterceptor.class),
					recordHeaders))
			.build()
			.start();
		ManagedChannel channel = InProcessChannelBuilder.forName(name)
			.directExecutor()
			.intercept(MetadataUtils.newCaptureMetadataInterceptor(call.responseHeaders, new AtomicReference<>()),
					context.getBean(CorrelationClientInterceptor.class))
			.build();
		try {
			MDC.put("correlation_id", "corr-1");
			call.reply = ClientCalls.blockingUnaryCall(channel, GrpcCorrelationIntegrationTests.SAY,
					CallOptions.DEFAULT, "hello");
		}
		finally {
			MDC.remove("correlation_id");
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}
		return call;
	}

	static class Call {

		final AtomicReference<String> sent = new AtomicReference<>();

		final AtomicReference<Metadata> responseHeaders = new AtomicReference<>();

		String reply;

	}

	@Test
	void defaultsCreateGlobalInterceptors() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CorrelationServerInterceptor.class)
				.hasSingleBean(CorrelationClientInterceptor.class);
			assertThat(context.getBeanNamesForAnnotation(GlobalServerInterceptor.class))
				.contains("correlationServerInterceptor");
			assertThat(context.getBeanNamesForAnnotation(GlobalClientInterceptor.class))
				.contains("correlationClientInterceptor");
		});
	}

	@Test
	void disabledByItsProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationServerInterceptor.class)
				.doesNotHaveBean(CorrelationClientInterceptor.class));
	}

	@Test
	void disabledByTheGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationServerInterceptor.class));
	}

	@Test
	void userInterceptorsWin() {
		CorrelationServerInterceptor server = new CorrelationServerInterceptor(
				new io.phoenix.observability.autoconfigure.correlation.CorrelationProperties());
		this.contextRunner.withBean(CorrelationServerInterceptor.class, () -> server)
			.run((context) -> assertThat(context.getBean(CorrelationServerInterceptor.class)).isSameAs(server));
	}

	@Test
	void backsOffWithoutGrpc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerInterceptor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationServerInterceptor.class)
				.doesNotHaveBean(CorrelationClientInterceptor.class));
	}

	@Test
	void serverSideBacksOffWithoutSpringGrpcServer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(GlobalServerInterceptor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CorrelationServerInterceptor.class)
				.hasSingleBean(CorrelationClientInterceptor.class));
	}

	@Test
	void invalidHeaderNameFailsWithTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.header=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining("phoenix.observability.correlation");
		});
	}

}
