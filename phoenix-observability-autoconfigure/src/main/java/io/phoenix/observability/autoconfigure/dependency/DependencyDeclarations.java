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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * The dependencies declared with {@code phoenix.observability.dependencies.<name>.*}, by
 * name. {@code phoenix.observability.dependencies.enabled} switches the feature and is
 * not a dependency.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class DependencyDeclarations {

	/**
	 * Prefix of the declarations.
	 */
	public static final String PREFIX = "phoenix.observability.dependencies";

	private final Map<String, DependencyProperties> dependencies;

	/**
	 * Create declarations from already bound properties.
	 * @param dependencies the properties of each dependency, by name
	 */
	public DependencyDeclarations(Map<String, DependencyProperties> dependencies) {
		dependencies.forEach(DependencyDeclarations::validate);
		this.dependencies = Collections.unmodifiableMap(new LinkedHashMap<>(dependencies));
	}

	/**
	 * Bind and validate the declarations in the environment, as a build-time tool that
	 * has no application context does.
	 * @param environment the environment
	 * @return the declarations
	 */
	public static DependencyDeclarations bind(Environment environment) {
		DependenciesProperties properties = Binder.get(environment)
			.bind("phoenix.observability", Bindable.of(DependenciesProperties.class),
					DependencyDeclarationsBindHandlerAdvisor.skipSwitch(BindHandler.DEFAULT))
			.orElseGet(DependenciesProperties::new);
		return of(properties);
	}

	/**
	 * Validate the declarations bound by Spring Boot.
	 * @param properties the bound declarations
	 * @return the declarations, by name in alphabetical order
	 */
	public static DependencyDeclarations of(DependenciesProperties properties) {
		return new DependencyDeclarations(new TreeMap<>(properties.getDependencies()));
	}

	/**
	 * Return the declared dependencies, by name.
	 * @return the dependencies
	 */
	public Map<String, DependencyProperties> getDependencies() {
		return this.dependencies;
	}

	/**
	 * Return the full name of a property of a dependency, as users write it.
	 * @param dependency the name of the dependency
	 * @param property the property, such as {@code url}
	 * @return the full property name
	 */
	public static String propertyName(String dependency, String property) {
		return PREFIX + "." + dependency + "." + property;
	}

	private static void validate(String name, DependencyProperties properties) {
		DependencyType type = properties.getType();
		if (type == null) {
			throw new InvalidConfigurationPropertyValueException(propertyName(name, "type"), null,
					"A type is required: one of http, tcp, datasource, grpc");
		}
		switch (type) {
			case HTTP -> {
				if (properties.getUrl() == null) {
					throw new InvalidConfigurationPropertyValueException(propertyName(name, "url"), null,
							"A URL is required for a dependency of type http");
				}
			}
			case TCP -> {
				if (properties.getHost() == null || properties.getHost().isBlank()) {
					throw new InvalidConfigurationPropertyValueException(propertyName(name, "host"),
							properties.getHost(), "A host is required for a dependency of type tcp");
				}
				if (properties.getPort() == null) {
					throw new InvalidConfigurationPropertyValueException(propertyName(name, "port"), null,
							"A port is required for a dependency of type tcp");
				}
			}
			case DATASOURCE -> {
				if (properties.getBean() == null || properties.getBean().isBlank()) {
					throw new InvalidConfigurationPropertyValueException(propertyName(name, "bean"),
							properties.getBean(), "The name of a DataSource bean is required for type datasource");
				}
			}
			case GRPC -> {
				if (properties.getTarget() == null || properties.getTarget().isBlank()) {
					throw new InvalidConfigurationPropertyValueException(propertyName(name, "target"),
							properties.getTarget(), "A channel target is required for a dependency of type grpc");
				}
			}
		}
	}

}
