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

import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * Auto-configuration for correlation ids and per-call log lines on Spring gRPC servers
 * and clients. Traces and {@code grpc.server} / {@code grpc.client} metrics come from
 * Spring Boot's gRPC observations, which are on by default; these interceptors run inside
 * them, so that their log lines carry the call's trace. The per-call lines belong to
 * {@code phoenix.observability.grpc.enabled}; the correlation ids to
 * {@code phoenix.observability.correlation.enabled}, which the interceptors honour.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ ServerInterceptor.class, ClientInterceptor.class })
@ConditionalOnPhoenixFeature("grpc")
@EnableConfigurationProperties(CorrelationProperties.class)
public final class PhoenixGrpcAutoConfiguration {

	/**
	 * Order of the interceptors: after Spring Boot's observation interceptors (order 0).
	 */
	static final int ORDER = 10;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GlobalServerInterceptor.class)
	static class ServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@GlobalServerInterceptor
		@Order(ORDER)
		CorrelationServerInterceptor correlationServerInterceptor(CorrelationProperties properties) {
			return new CorrelationServerInterceptor(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GlobalClientInterceptor.class)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@GlobalClientInterceptor
		@Order(ORDER)
		CorrelationClientInterceptor correlationClientInterceptor(CorrelationProperties properties) {
			return new CorrelationClientInterceptor(properties);
		}

	}

}
