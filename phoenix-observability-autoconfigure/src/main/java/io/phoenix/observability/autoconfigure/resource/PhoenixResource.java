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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.ResourceBuilder;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Builds the OpenTelemetry {@link Resource} of the application from layers, each one
 * overriding the one before:
 * <ol>
 * <li>the SDK's default resource ({@code telemetry.sdk.*});</li>
 * <li>what is detected: the {@link ResourceDetector detectors}, {@code process.pid},
 * {@code service.instance.id} and the Kubernetes attributes of the Downward API
 * variables;</li>
 * <li>the service identity, and {@code spring.application.group} as
 * {@code service.namespace};</li>
 * <li>{@code OTEL_RESOURCE_ATTRIBUTES}, then {@code OTEL_SERVICE_NAME};</li>
 * <li>{@code management.opentelemetry.resource-attributes}.</li>
 * </ol>
 * The last two are what Spring Boot's own resource reads, with the same precedence.
 *
 * @author Phoenix Observability
 */
final class PhoenixResource {

	static final String RESOURCE_ATTRIBUTES_VARIABLE = "OTEL_RESOURCE_ATTRIBUTES";

	static final String SERVICE_NAME_VARIABLE = "OTEL_SERVICE_NAME";

	/**
	 * Resource attributes and the variables that carry them, as
	 * docs/deploy/kubernetes/deployment.yml sets them from the Downward API.
	 */
	static final Map<String, String> KUBERNETES_VARIABLES = kubernetesVariables();

	// Made once per JVM: every context of the process reports the same instance, and a
	// restarted process a new one, so that a backend never joins the counters of two
	// processes into one series
	private static final String INSTANCE_ID = UUID.randomUUID().toString();

	private static final Log logger = LogFactory.getLog(PhoenixResource.class);

	private final ServiceIdentity identity;

	private final @Nullable String namespace;

	private final Map<String, String> configured;

	private final Function<String, @Nullable String> variables;

	/**
	 * Create a new instance.
	 * @param identity the service identity
	 * @param namespace the service namespace, if any
	 * @param configured the attributes of
	 * {@code management.opentelemetry.resource-attributes}
	 * @param variables how environment variables are read
	 */
	PhoenixResource(ServiceIdentity identity, @Nullable String namespace, @Nullable Map<String, String> configured,
			Function<String, @Nullable String> variables) {
		this.identity = identity;
		this.namespace = namespace;
		this.configured = (configured != null) ? configured : Collections.emptyMap();
		this.variables = variables;
	}

	/**
	 * Build the resource.
	 * @param detected what the detectors found
	 * @return the resource
	 */
	Resource build(List<Resource> detected) {
		Resource resource = Resource.getDefault();
		for (Resource each : detected) {
			resource = resource.merge(each);
		}
		resource = resource.merge(processAndPod());
		ResourceBuilder builder = resource.toBuilder();
		builder.put("service.name", this.identity.name());
		builder.put("service.version", this.identity.version());
		builder.put("deployment.environment.name", this.identity.environment());
		if (StringUtils.hasText(this.namespace)) {
			builder.put("service.namespace", this.namespace);
		}
		fromVariables().forEach(builder::put);
		this.configured.forEach((name, value) -> {
			if (StringUtils.hasLength(name) && value != null) {
				builder.put(name, value);
			}
		});
		return builder.build();
	}

	private Resource processAndPod() {
		ResourceBuilder builder = Resource.builder();
		builder.put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid());
		builder.put("service.instance.id", INSTANCE_ID);
		KUBERNETES_VARIABLES.forEach((attribute, variable) -> {
			String value = this.variables.apply(variable);
			if (StringUtils.hasText(value)) {
				builder.put(attribute, value.trim());
			}
		});
		return builder.build();
	}

	private Map<String, String> fromVariables() {
		Map<String, String> attributes = new LinkedHashMap<>();
		String entries = this.variables.apply(RESOURCE_ATTRIBUTES_VARIABLE);
		List<String> malformed = new ArrayList<>();
		for (String entry : StringUtils.tokenizeToStringArray(entries, ",")) {
			int index = entry.indexOf('=');
			String key = (index > 0) ? entry.substring(0, index).trim() : "";
			String value = (index > 0) ? decode(entry.substring(index + 1).trim()) : null;
			if (key.isEmpty() || value == null) {
				malformed.add(entry);
			}
			else {
				attributes.put(key, value);
			}
		}
		if (!malformed.isEmpty()) {
			// Spring Boot skips these without a word; one line names them all
			logger.warn(malformed.stream()
				.map((entry) -> "'" + entry + "'")
				.collect(Collectors.joining(", ", "Skipped malformed entries of " + RESOURCE_ATTRIBUTES_VARIABLE
						+ " (expected key=value, the value percent-encoded): ", "")));
		}
		String serviceName = this.variables.apply(SERVICE_NAME_VARIABLE);
		if (StringUtils.hasText(serviceName)) {
			attributes.put("service.name", serviceName.trim());
		}
		return attributes;
	}

	private static @Nullable String decode(String value) {
		try {
			return StringUtils.uriDecode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Such as '%zz', which fails Spring Boot's own resource at startup
			return null;
		}
	}

	private static Map<String, String> kubernetesVariables() {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("k8s.pod.name", "POD_NAME");
		variables.put("k8s.namespace.name", "POD_NAMESPACE");
		variables.put("k8s.node.name", "NODE_NAME");
		return Collections.unmodifiableMap(variables);
	}

}
