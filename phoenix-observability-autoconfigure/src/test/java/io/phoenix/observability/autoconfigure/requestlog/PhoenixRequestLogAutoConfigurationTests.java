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
import jakarta.servlet.DispatcherType;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixRequestLogAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixRequestLogAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixRequestLogAutoConfiguration.class));

	@Test
	void defaultsCreateBothHandlers() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(AccessLogObservationHandler.class)
			.hasSingleBean(ClientLogObservationHandler.class));
	}

	@Test
	void accessLogIsSwitchedOffByItsProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.access-log.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AccessLogObservationHandler.class)
				.hasSingleBean(ClientLogObservationHandler.class));
	}

	@Test
	void clientLogIsSwitchedOffByItsProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.client-log.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(AccessLogObservationHandler.class)
				.doesNotHaveBean(ClientLogObservationHandler.class));
	}

	@Test
	void everythingIsSwitchedOffByTheGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AccessLogObservationHandler.class)
				.doesNotHaveBean(ClientLogObservationHandler.class));
	}

	@Test
	void userHandlersWin() {
		AccessLogObservationHandler access = new AccessLogObservationHandler(new AccessLogProperties());
		ClientLogObservationHandler client = new ClientLogObservationHandler(new ClientLogProperties(), "X-Id");
		this.contextRunner.withBean(AccessLogObservationHandler.class, () -> access)
			.withBean(ClientLogObservationHandler.class, () -> client)
			.run((context) -> {
				assertThat(context.getBean(AccessLogObservationHandler.class)).isSameAs(access);
				assertThat(context.getBean(ClientLogObservationHandler.class)).isSameAs(client);
			});
	}

	@Test
	void backsOffWithoutMicrometerObservation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AccessLogObservationHandler.class)
				.doesNotHaveBean(ClientLogObservationHandler.class));
	}

	@Test
	void clientLogLevelOffFailsWithTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.client-log.level=off").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be one of TRACE, DEBUG, INFO, WARN, ERROR");
			assertThat(context.getStartupFailure()).hasMessageContaining("phoenix.observability.client-log");
		});
	}

	@Test
	void clientTemplatesKeepOnlyThePath() {
		assertThat(ClientLogObservationHandler.template("http://llm:8000/v1/models/{id}", null))
			.isEqualTo("/v1/models/{id}");
		assertThat(ClientLogObservationHandler.template("/api/{id}", null)).isEqualTo("/api/{id}");
		assertThat(ClientLogObservationHandler.template(null, null)).isEqualTo("none");
	}

	@Test
	void servletServersGetTheUnhandledExceptionFilterRightAfterTheCorrelationFilter() {
		this.contextRunner.run((context) -> {
			FilterRegistrationBean<?> registration = unhandledExceptionFilter(context);
			assertThat(registration.getFilter()).isInstanceOf(UnhandledExceptionFilter.class);
			assertThat(registration.getOrder()).isEqualTo(UnhandledExceptionFilter.ORDER);
			assertThat(registration).extracting("dispatcherTypes")
				.asInstanceOf(InstanceOfAssertFactories.ITERABLE)
				.containsExactlyInAnyOrder(DispatcherType.REQUEST, DispatcherType.ASYNC);
			assertThat(context).doesNotHaveBean(CorrelatingErrorWebExceptionHandler.PostProcessor.class);
		});
	}

	@Test
	void errorLogIsSwitchedOffByItsPropertyOnServletServers() {
		this.contextRunner.withPropertyValues("phoenix.observability.error-log.enabled=false")
			.run((context) -> assertThat(context.getBeanNamesForType(filterRegistration())).isEmpty());
	}

	@Test
	void usersUnhandledExceptionFilterWins() {
		this.contextRunner.withUserConfiguration(OwnUnhandledExceptionFilter.class)
			.run((context) -> assertThat(context.getBeansOfType(FilterRegistrationBean.class))
				.containsOnlyKeys("ownFilter"));
	}

	@Test
	void servletErrorLogBacksOffWithoutServletRegistrations() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(FilterRegistrationBean.class))
			.run((context) -> assertThat(context).doesNotHaveBean("unhandledExceptionFilter"));
	}

	@Test
	void reactiveServersGetTheirErrorHandlersWrappedAndNoFilter() {
		ErrorWebExceptionHandler handler = (exchange, ex) -> Mono.empty();
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixRequestLogAutoConfiguration.class))
			.withBean("errorWebExceptionHandler", ErrorWebExceptionHandler.class, () -> handler)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("unhandledExceptionFilter");
				assertThat(context.getBean(ErrorWebExceptionHandler.class)).isInstanceOfSatisfying(
						CorrelatingErrorWebExceptionHandler.class,
						(wrapped) -> assertThat(wrapped.getDelegate()).isSameAs(handler));
			});
	}

	@Test
	void errorLogIsSwitchedOffByItsPropertyOnReactiveServers() {
		ErrorWebExceptionHandler handler = (exchange, ex) -> Mono.empty();
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixRequestLogAutoConfiguration.class))
			.withPropertyValues("phoenix.observability.error-log.enabled=false")
			.withBean("errorWebExceptionHandler", ErrorWebExceptionHandler.class, () -> handler)
			.run((context) -> assertThat(context.getBean(ErrorWebExceptionHandler.class)).isSameAs(handler));
	}

	@Test
	void reactiveErrorLogBacksOffWithoutSpringBootWebFluxErrorHandling() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixRequestLogAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ErrorWebExceptionHandler.class))
			.run((context) -> assertThat(context)
				.doesNotHaveBean(CorrelatingErrorWebExceptionHandler.PostProcessor.class));
	}

	@Test
	void nonWebApplicationsGetNoErrorLog() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixRequestLogAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("unhandledExceptionFilter")
				.doesNotHaveBean(CorrelatingErrorWebExceptionHandler.PostProcessor.class));
	}

	private static FilterRegistrationBean<?> unhandledExceptionFilter(ApplicationContext context) {
		return context.getBean("unhandledExceptionFilter", FilterRegistrationBean.class);
	}

	private static ResolvableType filterRegistration() {
		return ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, UnhandledExceptionFilter.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnUnhandledExceptionFilter {

		@Bean
		FilterRegistrationBean<UnhandledExceptionFilter> ownFilter() {
			return new FilterRegistrationBean<>(new UnhandledExceptionFilter(ObservationRegistry.NOOP));
		}

	}

}
