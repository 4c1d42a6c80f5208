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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the {@link ServiceIdentity} of the application.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "phoenix.observability.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ServiceIdentityProperties.class)
public final class PhoenixIdentityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceIdentity serviceIdentity(Environment environment) {
		// Resolved once, when the environment was prepared
		return ServiceIdentity.resolve(environment);
	}

}
