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

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixCorrelationErrorAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixCorrelationErrorAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixCorrelationErrorAutoConfiguration.class,
				ErrorMvcAutoConfiguration.class, DispatcherServletAutoConfiguration.class));

	@Test
	void replacesSpringBootsErrorAttributes() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ErrorAttributes.class);
			assertThat(context).getBean(ErrorAttributes.class).isInstanceOf(CorrelationErrorAttributes.class);
		});
	}

	@Test
	void errorBodyCarriesCorrelationAndTraceIds() {
		this.contextRunner.run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
			request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
			request.setAttribute(CorrelationContext.KEY, new CorrelationContext("corr-1", "req-1"));
			request.setAttribute(CorrelationContext.TRACE_RESPONSE,
					"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
			Map<String, Object> body = context.getBean(ErrorAttributes.class)
				.getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
			assertThat(body).containsEntry("status", 500)
				.containsEntry("correlation_id", "corr-1")
				.containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
				.doesNotContainKey("request_id");
		});
	}

	@Test
	void errorBodyWithoutCorrelationIsSpringBoots() {
		this.contextRunner.run((context) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
			request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);
			Map<String, Object> body = context.getBean(ErrorAttributes.class)
				.getErrorAttributes(new ServletWebRequest(request), ErrorAttributeOptions.defaults());
			assertThat(body).containsEntry("status", 404).doesNotContainKeys("correlation_id", "trace_id");
		});
	}

	@Test
	void reactiveReplacesErrorAttributes() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCorrelationErrorAutoConfiguration.class))
			.run((context) -> assertThat(context)
				.hasSingleBean(org.springframework.boot.webflux.error.ErrorAttributes.class)
				.getBean(org.springframework.boot.webflux.error.ErrorAttributes.class)
				.isInstanceOf(ReactiveCorrelationErrorAttributes.class));
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.enabled=false")
			.run((context) -> assertThat(context).getBean(ErrorAttributes.class)
				.isNotInstanceOf(CorrelationErrorAttributes.class));
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).getBean(ErrorAttributes.class)
				.isNotInstanceOf(CorrelationErrorAttributes.class));
	}

	@Test
	void userErrorAttributesWin() {
		DefaultErrorAttributes user = new DefaultErrorAttributes();
		this.contextRunner.withBean(ErrorAttributes.class, () -> user).run((context) -> {
			assertThat(context).hasSingleBean(ErrorAttributes.class);
			assertThat(context).getBean(ErrorAttributes.class).isSameAs(user);
		});
	}

	@Test
	void backsOffWithoutSpringMvcErrorHandling() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCorrelationErrorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ErrorAttributes.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CorrelationErrorAttributes.class));
	}

	@Test
	void invalidEnabledValueFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.enabled=sometimes").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.hasStackTraceContaining("phoenix.observability.correlation.enabled")
				.hasStackTraceContaining("sometimes");
		});
	}

}
