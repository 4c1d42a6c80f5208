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
package io.phoenix.observability.autoconfigure.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import io.phoenix.observability.testing.OtlpCollector;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics over OTLP, the option of an application that adds
 * {@code micrometer-registry-otlp} and sets {@code management.otlp.metrics.export.url}:
 * the same meter names as the Prometheus scrape, which keeps working beside it.
 *
 * @author Phoenix Observability
 */
class OtlpMetricsIntegrationTests {

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
	void sameMeterNamesOverOtlpAndInTheScrape() throws Exception {
		this.context = new SpringApplicationBuilder(HelloApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=otlp-metrics",
					"management.otlp.metrics.export.url=" + this.collector.metricsEndpoint(),
					"management.otlp.metrics.export.step=1s")
			.run();
		assertThat(get("/hello").statusCode()).isEqualTo(200);

		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.collector.metricNames().get("otlp-metrics")).isNotNull()
				.contains("http.server.requests", "jvm.memory.used", "phoenix.health.status"));
		Set<String> overOtlp = this.collector.metricNames().get("otlp-metrics");
		String scrape = get("/health/metrics").body();
		assertThat(scrape).contains("http_server_requests_seconds_count{", "jvm_memory_used_bytes{",
				"phoenix_health_status{");
		// Each metric over OTLP has its series in the scrape, named as Prometheus names
		// it
		assertThat(overOtlp).filteredOn((name) -> name.startsWith("phoenix."))
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(scrape).contains(name.replace('.', '_')));
	}

	private HttpResponse<String> get(String path) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HelloApplication {

		@org.springframework.context.annotation.Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
