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

package io.phoenix.observability.autoconfigure.correlation;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.beans.factory.ObjectProvider;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration for correlation ids on servlet and reactive web servers, and on the
 * HTTP clients built from Spring Boot's builders.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnPhoenixFeature("correlation")
@EnableConfigurationProperties(CorrelationProperties.class)
public final class PhoenixCorrelationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(Tracer.class)
		CorrelationTracing correlationTracing(Tracer tracer, ObjectProvider<Propagator> propagator) {
			return new MicrometerCorrelationTracing(tracer, propagator.getIfAvailable(() -> Propagator.NOOP));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(CorrelationFilter.class)
		FilterRegistrationBean<CorrelationFilter> correlationFilter(CorrelationProperties properties,
				ObjectProvider<CorrelationTracing> tracing) {
			CorrelationFilter filter = new CorrelationFilter(properties,
					tracing.getIfAvailable(() -> CorrelationTracing.NONE));
			FilterRegistrationBean<CorrelationFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(CorrelationFilter.ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(DispatcherServlet.class)
	static class ProblemDetailConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ProblemDetailCorrelationAdvice problemDetailCorrelationAdvice() {
			return new ProblemDetailCorrelationAdvice();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveCorrelationFilter reactiveCorrelationFilter(CorrelationProperties properties,
				ObjectProvider<CorrelationTracing> tracing) {
			return new ReactiveCorrelationFilter(properties, tracing.getIfAvailable(() -> CorrelationTracing.NONE));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass({ CodecCustomizer.class, ProblemDetail.class })
	static class ReactiveProblemDetailConfiguration {

		@Bean
		CodecCustomizer problemDetailCorrelationCodecCustomizer() {
			return (configurer) -> {
				// Server responses only: the WebClient's codecs are customized too
				if (configurer instanceof ServerCodecConfigurer) {
					configurer.customCodecs().register(new ProblemDetailCorrelationWriter(configurer::getWriters));
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientCustomizer.class)
	static class RestClientConfiguration {

		@Bean
		RestClientCustomizer correlationRestClientCustomizer(CorrelationProperties properties) {
			return (builder) -> builder
				.requestInterceptor(new CorrelationClientHttpRequestInterceptor(properties.getHeader()));
		}

		@Bean
		RestTemplateCustomizer correlationRestTemplateCustomizer(CorrelationProperties properties) {
			return (restTemplate) -> restTemplate.getInterceptors()
				.add(new CorrelationClientHttpRequestInterceptor(properties.getHeader()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClientCustomizer.class, WebClient.class })
	static class WebClientConfiguration {

		@Bean
		WebClientCustomizer correlationWebClientCustomizer(CorrelationProperties properties,
				ObjectProvider<CorrelationTracing> tracing) {
			CorrelationExchangeFilterFunction filter = new CorrelationExchangeFilterFunction(properties.getHeader(),
					tracing.getIfAvailable(() -> CorrelationTracing.NONE));
			return (builder) -> builder.filter(filter);
		}

	}

}
