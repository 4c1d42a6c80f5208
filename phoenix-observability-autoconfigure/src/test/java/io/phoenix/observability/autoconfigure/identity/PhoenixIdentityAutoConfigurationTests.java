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

package io.phoenix.observability.autoconfigure.identity;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixIdentityAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixIdentityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixIdentityAutoConfiguration.class));

	@Test
	void defaultsResolveIdentityFromApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=orders").run((context) -> {
			assertThat(context).hasSingleBean(ServiceIdentity.class);
			ServiceIdentity identity = context.getBean(ServiceIdentity.class);
			assertThat(identity.name()).isEqualTo("orders");
			assertThat(identity.environment()).isEqualTo("local");
			assertThat(identity.type()).isEqualTo(ServiceType.BACKEND);
			assertThat(identity.isDevelopment()).isTrue();
			assertThat(identity.defaultSamplingProbability()).isEqualTo(1.0);
		});
	}

	@Test
	void environmentDefaultsToFirstActiveProfile() {
		this.contextRunner.withPropertyValues("spring.profiles.active=staging,eu")
			.run((context) -> assertThat(context.getBean(ServiceIdentity.class).environment()).isEqualTo("staging"));
	}

	@Test
	void explicitPropertiesWin() {
		this.contextRunner
			.withPropertyValues("spring.application.name=ignored", "spring.profiles.active=staging",
					"phoenix.observability.service-name=edge", "phoenix.observability.environment=production",
					"phoenix.observability.version=1.2.3", "phoenix.observability.service-type=gateway")
			.run((context) -> {
				ServiceIdentity identity = context.getBean(ServiceIdentity.class);
				assertThat(identity).isEqualTo(new ServiceIdentity("edge", "production", "1.2.3", ServiceType.GATEWAY));
				assertThat(identity.isDevelopment()).isFalse();
				assertThat(identity.defaultSamplingProbability()).isEqualTo(0.1);
			});
	}

	@Test
	void identityResolvedWhenTheEnvironmentWasPreparedIsTheBean() {
		this.contextRunner.withPropertyValues("spring.application.name=orders")
			.withInitializer((context) -> ServiceIdentityPropertySource.addTo(context.getEnvironment()))
			.run((context) -> {
				ServiceIdentity resolved = ServiceIdentity.resolve(context.getEnvironment());
				assertThat(resolved.name()).isEqualTo("orders");
				assertThat(context.getBean(ServiceIdentity.class)).isSameAs(resolved);
				assertThat(context.getEnvironment().getProperty("phoenix.observability.service-name"))
					.isEqualTo("orders");
			});
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceIdentity.class));
	}

	@Test
	void userIdentityWins() {
		ServiceIdentity user = new ServiceIdentity("mine", "prod", "9", ServiceType.WORKER);
		this.contextRunner.withBean(ServiceIdentity.class, () -> user).run((context) -> {
			assertThat(context).hasSingleBean(ServiceIdentity.class);
			assertThat(context.getBean(ServiceIdentity.class)).isSameAs(user);
		});
	}

	@Test
	void needsNoOptionalLibrary() {
		// Identity is the base of every other feature: it must not depend on any of the
		// optional libraries that the starters choose
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("io.micrometer", "io.opentelemetry", "ch.qos.logback",
					"net.logstash", "jakarta.servlet", "org.springframework.web", "org.springframework.boot.actuate"))
			.withPropertyValues("spring.application.name=orders")
			.run((context) -> assertThat(context.getBean(ServiceIdentity.class).name()).isEqualTo("orders"));
	}

	@Test
	void invalidServiceTypeFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.service-type=frontend").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().hasStackTraceContaining("phoenix.observability.service-type");
			assertThat(context).getFailure().rootCause().hasMessageContaining("frontend");
		});
	}

}
