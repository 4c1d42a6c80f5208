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

import io.grpc.ServerInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
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

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixGrpcAutoConfiguration.class));

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
