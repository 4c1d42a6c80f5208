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

package io.phoenix.observability.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.phoenix.observability.autoconfigure.dependency.DependencyDeclarations;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.probes.ProbeFilesWriter;
import io.phoenix.observability.autoconfigure.probes.ProbeProperties;
import io.phoenix.observability.autoconfigure.probes.ProbesGenerator;
import io.phoenix.observability.testing.BlackboxExporter;
import io.phoenix.observability.testing.LoopbackServer;
import io.phoenix.observability.testing.PrometheusServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic probes, for real: the probes generated from the running newcomer service's
 * declarations, a real blackbox exporter with the generated modules, and the local
 * Prometheus's probe job of {@code prometheus/local.yml} reading the generated targets.
 *
 * @author Phoenix Observability
 */
class BlackboxProbeTests {

	@TempDir
	private Path work;

	@BeforeEach
	void serversAreInstalled() {
		LoopbackServer.assumeInstalled("prometheus", BlackboxExporter.BINARY);
	}

	@Test
	void probeSucceedsWhileTheServiceRunsAndFailsOnceItStops() throws Exception {
		int port = LoopbackServer.freePort();
		String base = "http://127.0.0.1:" + port;
		NewcomerService service = NewcomerService.start("server.port=" + port,
				"phoenix.observability.probes.service-url=" + base,
				"phoenix.observability.dependencies.greeting.type=http",
				"phoenix.observability.dependencies.greeting.url=" + base + "/hello");
		try {
			Path localDirectory = Files.createDirectories(this.work.resolve("local"));
			Path probes = localDirectory.resolve("prometheus/probes");
			Environment environment = service.context().getEnvironment();
			ProbeFilesWriter.write(new ProbesGenerator(service.context().getBean(ServiceIdentity.class).name(),
					Binder.get(environment).bindOrCreate(ProbeProperties.PREFIX, ProbeProperties.class),
					DependencyDeclarations.bind(environment)), probes);
			try (LoopbackServer exporter = BlackboxExporter.start(this.work, probes.resolve("blackbox.yml"))) {
				DeployFile.copy("prometheus/rules/phoenix-recording.yml", localDirectory);
				Path config = DeployFile.of("prometheus/local.yml")
					.fastIntervals()
					.replace("'127.0.0.1:8080', '127.0.0.1:8081'", "'" + service.address() + "'")
					.replace("127.0.0.1:9115", exporter.address())
					.writeTo(localDirectory);
				try (LoopbackServer prometheus = PrometheusServer.start(localDirectory, config)) {
					String readiness = "probe_success{job=\"phoenix-probes\",service=\"newcomer\",probe=\"readiness\"}";
					List<JsonNode> ready = prometheus.awaitQuery(readiness,
							(result) -> !result.isEmpty() && PrometheusServer.value(result.get(0)) == 1);
					assertThat(PrometheusServer.labels(ready.get(0))).containsEntry("instance",
							base + "/health/readiness");
					List<JsonNode> dependency = prometheus.awaitQuery(
							"probe_success{job=\"phoenix-probes\",probe=\"dependency\",dependency=\"greeting\"}",
							(result) -> !result.isEmpty() && PrometheusServer.value(result.get(0)) == 1);
					assertThat(PrometheusServer.labels(dependency.get(0))).containsEntry("critical", "false");
					service.close();
					prometheus.awaitQuery(readiness,
							(result) -> !result.isEmpty() && PrometheusServer.value(result.get(0)) == 0);
				}
			}
		}
		finally {
			service.close();
		}
	}

}
