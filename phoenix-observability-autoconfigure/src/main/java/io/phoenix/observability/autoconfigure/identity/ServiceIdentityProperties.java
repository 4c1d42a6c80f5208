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

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.util.StringUtils;

/**
 * Identity of the service: {@code phoenix.observability.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties("phoenix.observability")
public class ServiceIdentityProperties {

	/**
	 * Prefix of the identity properties.
	 */
	public static final String PREFIX = "phoenix.observability";

	private static final String DEFAULT_ENVIRONMENT = "local";

	private static final String UNKNOWN_VERSION = "unknown";

	/**
	 * Whether Phoenix Observability is enabled at all.
	 */
	private boolean enabled = true;

	/**
	 * Name of the service. Defaults to 'spring.application.name'.
	 */
	private @Nullable String serviceName;

	/**
	 * Deployment environment, such as 'production' or 'staging'. Defaults to the first
	 * active profile, else 'local'. 'local', 'dev', 'development' and 'test' sample every
	 * trace.
	 */
	private @Nullable String environment;

	/**
	 * Version of the service. Defaults to 'build.version' from
	 * META-INF/build-info.properties, else 'unknown'.
	 */
	private @Nullable String version;

	/**
	 * Role of the service, which chooses the sampling and histogram defaults.
	 */
	private ServiceType serviceType = ServiceType.BACKEND;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(@Nullable String serviceName) {
		this.serviceName = serviceName;
	}

	public @Nullable String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(@Nullable String environment) {
		this.environment = environment;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		this.version = version;
	}

	public ServiceType getServiceType() {
		return this.serviceType;
	}

	public void setServiceType(ServiceType serviceType) {
		this.serviceType = serviceType;
	}

	/**
	 * Resolve the identity of the service from these properties, falling back to the
	 * environment's application name, active profiles and build information.
	 * @param environment the environment
	 * @return the identity
	 */
	public ServiceIdentity toIdentity(Environment environment) {
		String name = firstText(this.serviceName, environment.getProperty("spring.application.name"), "application");
		String env = firstText(this.environment, firstActiveProfile(environment), DEFAULT_ENVIRONMENT);
		String ver = firstText(this.version, buildVersion(), UNKNOWN_VERSION);
		return new ServiceIdentity(name, env, ver, this.serviceType);
	}

	/**
	 * Bind the identity properties from an environment, as early as logging
	 * initialization, before the application context exists.
	 * @param environment the environment
	 * @return the bound properties
	 */
	public static ServiceIdentityProperties bind(Environment environment) {
		return Binder.get(environment)
			.bind(PREFIX, Bindable.of(ServiceIdentityProperties.class))
			.orElseGet(ServiceIdentityProperties::new);
	}

	/**
	 * Whether Phoenix Observability is enabled in an environment, read as early as
	 * logging initialization.
	 * @param environment the environment
	 * @return the value of {@code phoenix.observability.enabled}, {@code true} unless set
	 */
	public static boolean isEnabled(Environment environment) {
		return environment.getProperty(PREFIX + ".enabled", Boolean.class, true);
	}

	private static String firstActiveProfile(Environment environment) {
		List<String> profiles = Arrays.asList(environment.getActiveProfiles());
		return profiles.isEmpty() ? null : profiles.get(0);
	}

	private static String buildVersion() {
		Resource buildInfo = new ClassPathResource("META-INF/build-info.properties");
		if (!buildInfo.exists()) {
			return null;
		}
		try {
			return PropertiesLoaderUtils.loadProperties(buildInfo).getProperty("build.version");
		}
		catch (java.io.IOException ex) {
			return null;
		}
	}

	private static String firstText(String... candidates) {
		return Arrays.stream(candidates).filter(StringUtils::hasText).findFirst().orElseThrow();
	}

}
