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
package io.phoenix.observability.autoconfigure.dependency;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.core.env.Environment;

/**
 * Registers a health contributor named after each declared dependency as soon as the
 * registry exists, so that group membership (and its validation) sees them like any other
 * contributor. As for Spring Boot's own contributors,
 * {@code management.health.<name>.enabled=false} (or
 * {@code management.health.defaults.enabled=false}) leaves one out; the dependency is
 * still checked and measured.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DependencyHealthContributorsRegistrar implements BeanPostProcessor {

	private final ObjectProvider<DependencyDeclarations> declarations;

	private final ObjectProvider<DependencyMonitor> monitor;

	private final Environment environment;

	/**
	 * Create a registrar.
	 * @param declarations the declared dependencies
	 * @param monitor the monitor the contributors read, looked up when first read
	 * @param environment the environment that says which contributors are enabled
	 */
	public DependencyHealthContributorsRegistrar(ObjectProvider<DependencyDeclarations> declarations,
			ObjectProvider<DependencyMonitor> monitor, Environment environment) {
		this.declarations = declarations;
		this.monitor = monitor;
		this.environment = environment;
	}

	/**
	 * Whether the health contributor of a dependency is enabled, by Spring Boot's
	 * {@code management.health.<name>.enabled}, else
	 * {@code management.health.defaults.enabled}.
	 * @param environment the environment
	 * @param name the name of the dependency
	 * @return whether its health contributor is registered
	 */
	public static boolean isHealthEnabled(Environment environment, String name) {
		Boolean enabled = environment.getProperty("management.health." + name + ".enabled", Boolean.class);
		return (enabled != null) ? enabled
				: environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof HealthContributorRegistry registry) {
			for (String name : this.declarations.getObject().getDependencies().keySet()) {
				if (isHealthEnabled(this.environment, name)) {
					registry.registerContributor(name, new DependencyHealthIndicator(this.monitor::getObject, name));
				}
			}
		}
		return bean;
	}

}
