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

package io.phoenix.observability.autoconfigure.requestlog;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;
import io.phoenix.observability.autoconfigure.tracing.TraceKeeping;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

import jakarta.servlet.DispatcherType;

/**
 * Auto-configuration for one structured log line per served request (the access log) and
 * per outbound HTTP call, written from Spring's HTTP observations, and for the request's
 * ids on the ERROR line of an unhandled exception.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationHandler.class)
@EnableConfigurationProperties({ AccessLogProperties.class, ClientLogProperties.class })
public final class PhoenixRequestLogAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnPhoenixFeature("access-log")
	static class AccessLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AccessLogObservationHandler accessLogObservationHandler(AccessLogProperties properties,
				ObjectProvider<TraceKeeping> traceKeeping) {
			return new AccessLogObservationHandler(properties, traceKeeping.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnPhoenixFeature("client-log")
	static class ClientLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClientLogObservationHandler clientLogObservationHandler(ClientLogProperties properties,
				ObjectProvider<CorrelationProperties> correlation) {
			String header = correlation.getIfAvailable(CorrelationProperties::new).getHeader();
			return new ClientLogObservationHandler(properties, header);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ ServerHttpObservationFilter.class, FilterRegistrationBean.class })
	@ConditionalOnPhoenixFeature("error-log")
	static class ServletErrorLogConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(UnhandledExceptionFilter.class)
		FilterRegistrationBean<UnhandledExceptionFilter> unhandledExceptionFilter(
				ObjectProvider<ObservationRegistry> observationRegistry) {
			UnhandledExceptionFilter filter = new UnhandledExceptionFilter(
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP));
			FilterRegistrationBean<UnhandledExceptionFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(UnhandledExceptionFilter.ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(ErrorWebExceptionHandler.class)
	@ConditionalOnPhoenixFeature("error-log")
	static class ReactiveErrorLogConfiguration {

		@Bean
		static CorrelatingErrorWebExceptionHandler.PostProcessor correlatingErrorWebExceptionHandlerPostProcessor() {
			return new CorrelatingErrorWebExceptionHandler.PostProcessor();
		}

	}

}
