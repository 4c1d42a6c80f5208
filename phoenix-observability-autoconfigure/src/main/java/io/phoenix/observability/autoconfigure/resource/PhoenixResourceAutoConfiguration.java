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
package io.phoenix.observability.autoconfigure.resource;

import io.opentelemetry.instrumentation.resources.ContainerResource;
import io.opentelemetry.instrumentation.resources.HostResource;
import io.opentelemetry.instrumentation.resources.ProcessRuntimeResource;
import io.opentelemetry.sdk.resources.Resource;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the OpenTelemetry {@link Resource} of every exported signal: the
 * service identity, the host, process, runtime, container and Kubernetes pod, and what
 * the deployment sets with {@code OTEL_RESOURCE_ATTRIBUTES}, {@code OTEL_SERVICE_NAME} or
 * {@code management.opentelemetry.resource-attributes}, which win over everything Phoenix
 * sets or detects. Replaces Spring Boot's resource, which reads the same variables and
 * properties; a {@link Resource} bean of the application replaces both.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(after = PhoenixIdentityAutoConfiguration.class,
		beforeName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({ Resource.class, OpenTelemetryProperties.class })
@ConditionalOnPhoenixFeature("resource")
@EnableConfigurationProperties(OpenTelemetryProperties.class)
public final class PhoenixResourceAutoConfiguration {

	// Named as Spring Boot's, which backs off for it
	@Bean
	@ConditionalOnMissingBean
	Resource openTelemetryResource(ServiceIdentity identity, OpenTelemetryProperties properties,
			Environment environment, ObjectProvider<ResourceDetector> detectors) {
		// Variables are read through the environment, whose system environment holds
		// them, so that a test or a launcher can set them as properties too
		PhoenixResource resource = new PhoenixResource(identity, environment.getProperty("spring.application.group"),
				properties.getResourceAttributes(), environment::getProperty);
		return resource.build(detectors.orderedStream().map(ResourceDetector::detect).toList());
	}

	/**
	 * The host, runtime and container detectors of OpenTelemetry's instrumentation
	 * library. The process detector of that library is left out: its command line can
	 * carry secrets.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContainerResource.class)
	static class InstrumentationResourcesConfiguration {

		@Bean
		ResourceDetector instrumentationResourceDetector() {
			// Each is computed once per JVM by the library
			return () -> HostResource.get().merge(ProcessRuntimeResource.get()).merge(ContainerResource.get());
		}

	}

}
