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

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Keeps {@code phoenix.observability.dependencies.enabled}, the switch of the feature,
 * from being bound as a dependency named {@code enabled}; every other binding is left as
 * it is.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DependencyDeclarationsBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final ConfigurationPropertyName SWITCH = ConfigurationPropertyName
		.of(DependencyDeclarations.PREFIX + ".enabled");

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return skipSwitch(bindHandler);
	}

	static BindHandler skipSwitch(BindHandler parent) {
		return new AbstractBindHandler(parent) {

			@Override
			public <T> Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target, BindContext context) {
				if (SWITCH.equals(name) && DependencyProperties.class.equals(target.getType().resolve())) {
					return null;
				}
				return super.onStart(name, target, context);
			}

		};
	}

}
