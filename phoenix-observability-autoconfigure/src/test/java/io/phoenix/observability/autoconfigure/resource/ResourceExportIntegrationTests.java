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

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opentelemetry.instrumentation.resources.ContainerResource;
import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.OtlpCollector;
import io.phoenix.observability.testing.OtlpCollector.ExportedSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource of the spans an application exports, as a collector decodes it: the
 * identity, host, process and runtime, the pod from the variables the Kubernetes manifest
 * of docs/deploy sets, and the {@code OTEL_*} variables, a malformed entry of which is
 * named in one warning and skipped.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class ResourceExportIntegrationTests {

	private static final Path DEPLOYMENT = Path.of("../docs/deploy/kubernetes/deployment.yml");

	// What the Downward API gives for each field the manifest asks for, and the
	// attribute it is to become
	private static final Map<String, String> POD = Map.of("metadata.name", "orders-7d9f8-x2v4q", "metadata.namespace",
			"shop", "spec.nodeName", "node-3");

	private final OtlpCollector collector = OtlpCollector.start();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		this.collector.close();
	}

	@Test
	void exportedSpansCarryTheWholeResource(CapturedOutput output) throws Exception {
		List<String> arguments = new ArrayList<>();
		downwardApiVariables().forEach((variable, field) -> arguments.add("--" + variable + "=" + POD.get(field)));
		arguments.add("--OTEL_RESOURCE_ATTRIBUTES=team=payments,broken,=x,cloud.region=eu-west-1");
		arguments.add("--spring.application.group=shop-services");
		Map<String, String> resource = exportSpanAndReadResource(arguments);
		assertThat(resource).containsEntry("service.name", "orders")
			.containsEntry("service.namespace", "shop-services")
			.containsEntry("service.version", "unknown")
			.containsEntry("deployment.environment.name", "local")
			.containsEntry("host.name", InetAddress.getLocalHost().getHostName())
			.containsEntry("process.pid", Long.toString(ProcessHandle.current().pid()))
			.containsEntry("process.runtime.name", System.getProperty("java.runtime.name"))
			.containsEntry("process.runtime.version", System.getProperty("java.runtime.version"))
			.containsKey("process.runtime.description")
			.containsEntry("telemetry.sdk.name", "opentelemetry")
			.containsEntry("telemetry.sdk.language", "java")
			.containsKey("telemetry.sdk.version")
			.containsEntry("k8s.pod.name", "orders-7d9f8-x2v4q")
			.containsEntry("k8s.namespace.name", "shop")
			.containsEntry("k8s.node.name", "node-3")
			.containsEntry("team", "payments")
			.containsEntry("cloud.region", "eu-west-1")
			.doesNotContainKeys("broken", "");
		assertThat(UUID.fromString(resource.get("service.instance.id"))).isNotNull();
		ContainerResource.get()
			.getAttributes()
			.forEach((key, value) -> assertThat(resource).containsEntry(key.getKey(), String.valueOf(value)));
		List<Map<String, Object>> warnings = JsonLogLines.parse(output.getOut())
			.stream()
			.filter((line) -> PhoenixResource.class.getName().equals(line.get("logger")))
			.toList();
		assertThat(warnings).singleElement().satisfies((line) -> {
			assertThat(line).containsEntry("level", "WARN");
			assertThat((String) line.get("message")).contains("OTEL_RESOURCE_ATTRIBUTES", "'broken', '=x'")
				.doesNotContain("team=payments");
		});
	}

	@Test
	void whatTheUserSetsWinsOverPhoenixsDefaults() throws Exception {
		Map<String, String> resource = exportSpanAndReadResource(List.of("--OTEL_SERVICE_NAME=orders-api",
				"--OTEL_RESOURCE_ATTRIBUTES=deployment.environment.name=staging,team=payments,host.name=node-3",
				"--management.opentelemetry.resource-attributes[team]=checkout"));
		assertThat(resource).containsEntry("service.name", "orders-api")
			.containsEntry("deployment.environment.name", "staging")
			.containsEntry("host.name", "node-3")
			.containsEntry("team", "checkout");
	}

	private Map<String, String> exportSpanAndReadResource(List<String> arguments) throws Exception {
		this.context = new SpringApplicationBuilder(ResourceApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=orders",
					"phoenix.observability.tracing.sampling.mode=head", "management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.otlp.endpoint=" + this.collector.tracesEndpoint(),
					"management.opentelemetry.tracing.export.schedule-delay=100ms",
					"management.otlp.metrics.export.enabled=false")
			.run(arguments.toArray(String[]::new));
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<ExportedSpan> spans = this.collector.awaitSpans((received) -> !received.isEmpty());
		return spans.get(0).resource();
	}

	// The variables the manifest sets from the Downward API, and the field of each
	@SuppressWarnings("unchecked")
	private static Map<String, String> downwardApiVariables() throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		try (InputStream input = Files.newInputStream(DEPLOYMENT)) {
			for (Object document : new Yaml().loadAll(input)) {
				Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) document).get("spec");
				Map<String, Object> template = (spec != null) ? (Map<String, Object>) spec.get("template") : null;
				if (template == null) {
					continue;
				}
				Map<String, Object> podSpec = (Map<String, Object>) template.get("spec");
				for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
					for (Map<String, Object> env : (List<Map<String, Object>>) container.get("env")) {
						Map<String, Object> valueFrom = (Map<String, Object>) env.get("valueFrom");
						if (valueFrom != null && valueFrom.get("fieldRef") != null) {
							Map<String, Object> fieldRef = (Map<String, Object>) valueFrom.get("fieldRef");
							variables.put((String) env.get("name"), (String) fieldRef.get("fieldPath"));
						}
					}
				}
			}
		}
		assertThat(variables.values()).as("Downward API fields of %s", DEPLOYMENT)
			.containsExactlyInAnyOrderElementsOf(POD.keySet());
		return variables;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ResourceApplication {

		@Bean
		OrdersController ordersController() {
			return new OrdersController();
		}

	}

	@RestController
	static class OrdersController {

		@GetMapping("/orders")
		String orders() {
			return "orders";
		}

	}

}
