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

package io.phoenix.observability.autoconfigure.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixHealthAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixHealthAutoConfigurationTests {

	private static final AutoConfigurations ACTUATOR = AutoConfigurations.of(HealthContributorAutoConfiguration.class,
			HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
			EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixHealthAutoConfiguration.class))
		.withConfiguration(ACTUATOR);

	@Test
	void addsDependenciesGroup() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DependenciesHealthGroupPostProcessor.class);
			HealthEndpointGroup group = context.getBean(HealthEndpointGroups.class).get("dependencies");
			assertThat(group).isNotNull();
			assertThat(group.isMember("db")).isTrue();
			assertThat(group.isMember("redis")).isTrue();
			assertThat(group.isMember("ping")).isTrue();
			assertThat(group.isMember("diskSpace")).isFalse();
			assertThat(group.isMember("livenessState")).isFalse();
		});
	}

	@Test
	void applicationsOwnDependenciesGroupWins() {
		this.contextRunner.withPropertyValues("management.endpoint.health.group.dependencies.include=ping")
			.run((context) -> {
				HealthEndpointGroup group = context.getBean(HealthEndpointGroups.class).get("dependencies");
				assertThat(group.isMember("ping")).isTrue();
				assertThat(group.isMember("db")).isFalse();
			});
	}

	@Test
	void servletFilterForwardsStandardPaths() {
		this.contextRunner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(HealthPathFilter.class);
			assertThat(forward(registration, "/health/liveness")).isEqualTo("/actuator/health/liveness");
			assertThat(forward(registration, "/health/metrics")).isEqualTo("/actuator/prometheus");
			assertThat(forward(registration, "/api/orders")).isNull();
		});
	}

	@Test
	void servletFilterFollowsProperties() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.health.path=/probe", "management.endpoints.web.base-path=/ops")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(forward(registration, "/probe/readiness")).isEqualTo("/ops/health/readiness");
				assertThat(forward(registration, "/health/readiness")).isNull();
			});
	}

	@Test
	void noFilterWhenManagementRunsOnAnotherPort() {
		this.contextRunner.withPropertyValues("management.server.port=0")
			.run((context) -> assertThat(context).hasSingleBean(DependenciesHealthGroupPostProcessor.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void reactiveApplicationGetsWebFilter() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixHealthAutoConfiguration.class))
			.withConfiguration(ACTUATOR)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveHealthPathFilter.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.health.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DependenciesHealthGroupPostProcessor.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBean(HealthEndpointGroups.class).get("dependencies")).isNull();
		});
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DependenciesHealthGroupPostProcessor.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void userPostProcessorAndFilterWin() {
		DependenciesHealthGroupPostProcessor postProcessor = new DependenciesHealthGroupPostProcessor();
		HealthPathFilter filter = new HealthPathFilter(new HealthPathMapper("/x", "/y", "/z"));
		this.contextRunner.withBean(DependenciesHealthGroupPostProcessor.class, () -> postProcessor)
			.withBean(HealthPathFilter.class, () -> filter)
			.run((context) -> {
				assertThat(context).getBean(DependenciesHealthGroupPostProcessor.class).isSameAs(postProcessor);
				assertThat(context).getBean(HealthPathFilter.class).isSameAs(filter);
				assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
			});
	}

	@Test
	void backsOffWithoutHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthEndpointGroupsPostProcessor.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DependenciesHealthGroupPostProcessor.class)
				.doesNotHaveBean(HealthPathsProperties.class));
	}

	@Test
	void relativePathFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.health.path=health")
			.run((context) -> assertFailedOn(context, "phoenix.observability.health.path", "but was 'health'"));
	}

	private static String forward(FilterRegistrationBean<?> registration, String uri) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		registration.getFilter().doFilter(request, response, chain);
		if (response.getForwardedUrl() == null) {
			assertThat(chain.getRequest()).isSameAs(request);
		}
		return response.getForwardedUrl();
	}

}
