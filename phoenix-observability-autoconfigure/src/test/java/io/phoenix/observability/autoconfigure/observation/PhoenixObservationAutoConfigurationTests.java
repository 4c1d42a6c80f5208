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

package io.phoenix.observability.autoconfigure.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixObservationAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixObservationAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(PhoenixObservationAutoConfiguration.class, ObservationAutoConfiguration.class))
		.withBean(ObservationHandler.class, () -> (context) -> true);

	@Test
	void probeRequestsAreNotObserved() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ProbeObservationPredicate.class);
			assertThat(observed(context, "/actuator/health/liveness")).isFalse();
			assertThat(observed(context, "/actuator/prometheus")).isFalse();
			assertThat(observed(context, "/health/readiness")).isFalse();
			assertThat(observed(context, "/api/orders")).isTrue();
			assertThat(observed(context, "/healthy")).isTrue();
		});
	}

	@Test
	void followsActuatorBasePathAndHealthPath() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.base-path=/manage",
					"phoenix.observability.health.path=/probe")
			.run((context) -> {
				assertThat(observed(context, "/manage/health")).isFalse();
				assertThat(observed(context, "/probe/liveness")).isFalse();
				assertThat(observed(context, "/actuator/health")).isTrue();
				assertThat(observed(context, "/health/liveness")).isTrue();
			});
	}

	@Test
	void rootActuatorBasePathIgnoresEndpointsNotEverything() {
		this.contextRunner.withPropertyValues("management.endpoints.web.base-path=/").run((context) -> {
			assertThat(observed(context, "/health")).isFalse();
			assertThat(observed(context, "/prometheus")).isFalse();
			assertThat(observed(context, "/api/orders")).isTrue();
		});
	}

	@Test
	void ignoresConfiguredPaths() {
		this.contextRunner.withPropertyValues("phoenix.observability.observations.ignored-paths=/internal,/ping")
			.run((context) -> {
				assertThat(observed(context, "/internal/cache")).isFalse();
				assertThat(observed(context, "/ping")).isFalse();
				assertThat(observed(context, "/pingpong")).isTrue();
			});
	}

	@Test
	void reactiveApplicationGetsPredicate() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ProbeObservationPredicate.class));
	}

	@Test
	void nonWebApplicationGetsNoPredicate() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeObservationPredicate.class));
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.observations.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ProbeObservationPredicate.class);
			assertThat(observed(context, "/actuator/health")).isTrue();
		});
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProbeObservationPredicate.class));
	}

	@Test
	void userPredicateWins() {
		ProbeObservationPredicate user = new ProbeObservationPredicate(java.util.List.of("/mine"));
		this.contextRunner.withBean(ProbeObservationPredicate.class, () -> user).run((context) -> {
			assertThat(context).getBean(ProbeObservationPredicate.class).isSameAs(user);
			assertThat(observed(context, "/mine/x")).isFalse();
			assertThat(observed(context, "/actuator/health")).isTrue();
		});
	}

	@Test
	void backsOffWithoutObservationApi() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixObservationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ObservationPredicate.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ProbeObservationPredicate.class));
	}

	@Test
	void invalidHealthPathFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.health.path=health")
			.run((context) -> assertFailedOn(context, "phoenix.observability.health.path", "must start with '/'"));
	}

	private static boolean observed(AssertableWebApplicationContext context, String uri) {
		ObservationRegistry registry = context.getBean(ObservationRegistry.class);
		ServerRequestObservationContext observationContext = new ServerRequestObservationContext(
				new MockHttpServletRequest("GET", uri), new MockHttpServletResponse());
		return !Observation.createNotStarted("http.server.requests", () -> observationContext, registry).isNoop();
	}

}
