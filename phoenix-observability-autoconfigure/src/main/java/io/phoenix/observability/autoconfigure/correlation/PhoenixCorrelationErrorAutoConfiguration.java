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

import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for correlation and trace ids in the error responses of Spring
 * Boot's error handling. Runs before Spring Boot's error auto-configurations, whose
 * {@code DefaultErrorAttributes} it replaces with a subclass; an application's own
 * {@code ErrorAttributes} bean wins.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
		"org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration" })
@ConditionalOnPhoenixFeature("correlation")
public final class PhoenixCorrelationErrorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(org.springframework.boot.webmvc.error.ErrorAttributes.class)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean(org.springframework.boot.webmvc.error.ErrorAttributes.class)
		CorrelationErrorAttributes correlationErrorAttributes() {
			return new CorrelationErrorAttributes();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(ErrorAttributes.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean(ErrorAttributes.class)
		ReactiveCorrelationErrorAttributes reactiveCorrelationErrorAttributes() {
			return new ReactiveCorrelationErrorAttributes();
		}

	}

}
