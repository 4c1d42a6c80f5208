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

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.instrumentation.resources.ContainerResource;
import io.opentelemetry.sdk.resources.Resource;
import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixResourceAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class PhoenixResourceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixIdentityAutoConfiguration.class,
				PhoenixResourceAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class))
		.withPropertyValues("spring.application.name=orders");

	@Test
	void defaultsCarryIdentityHostProcessRuntimeAndSdk() throws Exception {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Resource.class);
			Map<String, Object> attributes = attributes(context);
			assertThat(attributes).containsEntry("service.name", "orders")
				.containsEntry("service.version", "unknown")
				.containsEntry("deployment.environment.name", "local")
				.containsEntry("host.name", InetAddress.getLocalHost().getHostName())
				.containsEntry("process.runtime.name", System.getProperty("java.runtime.name"))
				.containsEntry("process.runtime.version", System.getProperty("java.runtime.version"))
				.containsKey("process.runtime.description")
				.containsEntry("process.pid", ProcessHandle.current().pid())
				.containsEntry("telemetry.sdk.name", "opentelemetry")
				.containsEntry("telemetry.sdk.language", "java")
				.containsKey("telemetry.sdk.version")
				.doesNotContainKeys("service.namespace", "process.command_line", "process.command_args");
			// Absent outside a pod, whose variables the build may run in
			PhoenixResource.KUBERNETES_VARIABLES.forEach(
					(attribute, variable) -> assertThat(attributes.get(attribute)).isEqualTo(System.getenv(variable)));
			assertThat(UUID.fromString((String) attributes.get("service.instance.id")).version()).isEqualTo(4);
			// In a container, the container.id the library reads from /proc/self
			assertThat(attributes).containsAllEntriesOf(ContainerResource.get()
				.getAttributes()
				.asMap()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((e) -> e.getKey().getKey(), Map.Entry::getValue)));
		});
	}

	@Test
	void instanceIdIsTheSameForEveryContextOfTheProcess() {
		AtomicReference<Object> first = new AtomicReference<>();
		this.contextRunner.run((context) -> first.set(attributes(context).get("service.instance.id")));
		this.contextRunner
			.run((context) -> assertThat(attributes(context)).containsEntry("service.instance.id", first.get()));
	}

	@Test
	void kubernetesAttributesComeFromTheDownwardApiVariables() {
		this.contextRunner.withPropertyValues("POD_NAME=orders-7d9f8-x2v4q", "POD_NAMESPACE=shop", "NODE_NAME=node-3")
			.run((context) -> assertThat(attributes(context)).containsEntry("k8s.pod.name", "orders-7d9f8-x2v4q")
				.containsEntry("k8s.namespace.name", "shop")
				.containsEntry("k8s.node.name", "node-3"));
	}

	@Test
	void namespaceIsTheApplicationGroup() {
		this.contextRunner.withPropertyValues("spring.application.group=shop")
			.run((context) -> assertThat(attributes(context)).containsEntry("service.namespace", "shop"));
	}

	@Test
	void variablesWinOverIdentityAndDetectedAttributes() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.version=1.2.3", "POD_NAME=orders-1",
					"OTEL_RESOURCE_ATTRIBUTES=service.name=ignored, service.version=2.0.0,k8s.pod.name=from-otel,"
							+ "host.name=h%2C1",
					"OTEL_SERVICE_NAME=orders-api")
			.run((context) -> assertThat(attributes(context)).containsEntry("service.name", "orders-api")
				.containsEntry("service.version", "2.0.0")
				.containsEntry("k8s.pod.name", "from-otel")
				.containsEntry("host.name", "h,1"));
	}

	@Test
	void propertiesWinOverVariables() {
		this.contextRunner
			.withPropertyValues("OTEL_SERVICE_NAME=orders-api", "OTEL_RESOURCE_ATTRIBUTES=team=payments",
					"management.opentelemetry.resource-attributes[service.name]=orders-eu",
					"management.opentelemetry.resource-attributes[team]=checkout")
			.run((context) -> assertThat(attributes(context)).containsEntry("service.name", "orders-eu")
				.containsEntry("team", "checkout"));
	}

	@Test
	void malformedEntriesAreSkippedAndNamedInOneWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("OTEL_RESOURCE_ATTRIBUTES=a=1,broken,=x,b=%zz,c=").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(attributes(context)).containsEntry("a", "1")
				.containsEntry("c", "")
				.doesNotContainKeys("broken", "", "b");
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("OTEL_RESOURCE_ATTRIBUTES"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN", "'broken', '=x', 'b=%zz'").doesNotContain("'a=1'"));
	}

	@Test
	void detectorBeansFillIn() {
		this.contextRunner
			.withBean("cloudDetector", ResourceDetector.class,
					() -> () -> Resource.builder().put("cloud.region", "eu-west-1").put("service.name", "x").build())
			.run((context) -> assertThat(attributes(context)).containsEntry("cloud.region", "eu-west-1")
				.containsEntry("service.name", "orders"));
	}

	@Test
	void usersResourceWins() {
		Resource resource = Resource.builder().put("service.name", "mine").build();
		this.contextRunner.withBean(Resource.class, () -> resource)
			.run((context) -> assertThat(context.getBean(Resource.class)).isSameAs(resource));
	}

	@Test
	void disabledLeavesSpringBootsResource() {
		this.contextRunner.withPropertyValues("phoenix.observability.resource.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ResourceDetector.class);
			assertThat(attributes(context)).containsEntry("service.name", "orders")
				.doesNotContainKeys("host.name", "service.instance.id", "deployment.environment.name");
		});
	}

	@Test
	void withoutTheInstrumentationLibraryOnlyItsAttributesAreMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContainerResource.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(ResourceDetector.class);
			assertThat(attributes(context)).containsEntry("service.name", "orders")
				.containsKeys("service.instance.id", "process.pid")
				.doesNotContainKeys("host.name", "process.runtime.name", "container.id");
		});
	}

	@Test
	void backsOffWithoutTheSdk() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixIdentityAutoConfiguration.class,
					PhoenixResourceAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(Resource.class))
			.run((context) -> assertThat(context).doesNotHaveBean(Resource.class)
				.doesNotHaveBean(ResourceDetector.class));
	}

	private static Map<String, Object> attributes(AssertableApplicationContext context) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		context.getBean(Resource.class)
			.getAttributes()
			.forEach((key, value) -> attributes.put(((AttributeKey<?>) key).getKey(), value));
		return attributes;
	}

}
