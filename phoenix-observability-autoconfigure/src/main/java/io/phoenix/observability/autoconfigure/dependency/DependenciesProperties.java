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

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dependencies declared with {@code phoenix.observability.dependencies.<name>.*}, as
 * Spring Boot binds them; {@link DependencyDeclarations} is their validated model.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability")
public class DependenciesProperties {

	/**
	 * Dependencies to check, by name; the name is that of the health contributor and the
	 * 'dependency' tag. 'enabled' switches the feature and is not a name.
	 */
	private final Map<String, DependencyProperties> dependencies = new LinkedHashMap<>();

	public Map<String, DependencyProperties> getDependencies() {
		return this.dependencies;
	}

}
