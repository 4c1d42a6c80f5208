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
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.correlation.CorrelationProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for one structured log line per served request (the access log) and
 * per outbound HTTP call, written from Spring's HTTP observations.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationHandler.class)
@EnableConfigurationProperties({ AccessLogProperties.class, ClientLogProperties.class })
public final class PhoenixRequestLogAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	@ConditionalOnPhoenixFeature("access-log")
	static class AccessLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AccessLogObservationHandler accessLogObservationHandler(AccessLogProperties properties) {
			return new AccessLogObservationHandler(properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnPhoenixFeature("client-log")
	static class ClientLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClientLogObservationHandler clientLogObservationHandler(ClientLogProperties properties,
				ObjectProvider<CorrelationProperties> correlation) {
			String header = correlation.getIfAvailable(CorrelationProperties::new).getHeader();
			return new ClientLogObservationHandler(properties, header);
		}

	}

}
