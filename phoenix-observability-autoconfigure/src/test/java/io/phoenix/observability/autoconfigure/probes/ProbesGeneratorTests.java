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

package io.phoenix.observability.autoconfigure.probes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.phoenix.observability.autoconfigure.dependency.DependencyDeclarations;
import io.phoenix.observability.autoconfigure.dependency.DependencyProperties;
import io.phoenix.observability.autoconfigure.dependency.DependencyType;
import io.phoenix.observability.testing.BlackboxExporter;
import io.phoenix.observability.testing.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProbesGenerator} and {@link ProbeFilesWriter}: the real blackbox
 * exporter accepts the modules, {@code promtool} the rules and their tests.
 *
 * @author Phoenix Observability
 */
class ProbesGeneratorTests {

	@TempDir
	private Path directory;

	@Test
	void probesTheReadinessEndpointAndEveryHttpDependency() {
		Map<String, Object> groups = targets(generator(Duration.ofSeconds(2)));
		assertThat(groups).containsOnlyKeys("http://orders.internal:8080/health/readiness",
				"https://inventory.example/health", "https://pricing.example/ping");
		assertThat(groups.get("http://orders.internal:8080/health/readiness")).isEqualTo(
				Map.of("__param_module", ProbesGenerator.READINESS_MODULE, "service", "orders", "probe", "readiness"));
		assertThat(groups.get("https://inventory.example/health"))
			.isEqualTo(Map.of("__param_module", ProbesGenerator.DEPENDENCY_MODULE, "service", "orders", "probe",
					"dependency", "dependency", "inventory", "critical", "true"));
		assertThat(groups.get("https://pricing.example/ping"))
			.isEqualTo(Map.of("__param_module", ProbesGenerator.DEPENDENCY_MODULE, "service", "orders", "probe",
					"dependency", "dependency", "pricing", "critical", "false"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void dependencyModuleWaitsAsLongAsTheSlowestDeclaredCheck() {
		Map<String, Object> modules = (Map<String, Object>) new Yaml()
			.<Map<String, Object>>load(generator(Duration.ofSeconds(7)).blackboxYaml())
			.get("modules");
		assertThat(((Map<String, Object>) modules.get(ProbesGenerator.DEPENDENCY_MODULE)).get("timeout"))
			.isEqualTo("7s");
		assertThat(((Map<String, Object>) modules.get(ProbesGenerator.READINESS_MODULE)).get("timeout"))
			.isEqualTo("5s");
	}

	@Test
	void blackboxExporterAcceptsTheModules() throws Exception {
		LoopbackServer.assumeInstalled(BlackboxExporter.BINARY);
		ProbeFilesWriter.write(generator(Duration.ofSeconds(2)), this.directory);
		BlackboxExporter.checkConfig(this.directory.resolve("blackbox.yml"));
	}

	@Test
	void alertsOnFailedProbesPassTheirPromtoolTests() throws Exception {
		LoopbackServer.assumeInstalled("promtool");
		ProbeFilesWriter.write(generator(Duration.ofSeconds(2)), this.directory);
		assertThat(this.directory.resolve("orders-probes.yml")).exists();
		run("promtool", "check", "rules", "orders-probe-rules.yml");
		String output = run("promtool", "test", "rules", "orders-probe-rules-tests.yml");
		assertThat(output).contains("SUCCESS");
	}

	@Test
	void badServiceUrlFailsWithItsName() {
		new ApplicationContextRunner().withUserConfiguration(Properties.class)
			.withPropertyValues("phoenix.observability.probes.service-url=orders:8080")
			.run((context) -> assertFailedOn(context, "phoenix.observability.probes.service-url",
					"must be an absolute http or https URL"));
	}

	private ProbesGenerator generator(Duration inventoryTimeout) {
		ProbeProperties properties = new ProbeProperties();
		properties.setServiceUrl(java.net.URI.create("http://orders.internal:8080/"));
		DependencyProperties inventory = dependency(DependencyType.HTTP, "https://inventory.example/health");
		inventory.setCritical(true);
		inventory.setTimeout(inventoryTimeout);
		DependencyProperties database = new DependencyProperties();
		database.setType(DependencyType.TCP);
		database.setHost("db");
		database.setPort(5432);
		return new ProbesGenerator("orders", properties, new DependencyDeclarations(Map.of("inventory", inventory,
				"pricing", dependency(DependencyType.HTTP, "https://pricing.example/ping"), "database", database)));
	}

	private static DependencyProperties dependency(DependencyType type, String url) {
		DependencyProperties dependency = new DependencyProperties();
		dependency.setType(type);
		dependency.setUrl(java.net.URI.create(url));
		return dependency;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> targets(ProbesGenerator generator) {
		List<Map<String, Object>> groups = new Yaml().load(generator.targetsYaml());
		Map<String, Object> byTarget = new java.util.LinkedHashMap<>();
		for (Map<String, Object> group : groups) {
			for (String target : (List<String>) group.get("targets")) {
				byTarget.put(target, group.get("labels"));
			}
		}
		return byTarget;
	}

	private String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue())
			.as("%s:%n%s%n%s", String.join(" ", command), output,
					Files.readString(this.directory.resolve(command[command.length - 1])))
			.isZero();
		return output;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ProbeProperties.class)
	static class Properties {

	}

}
