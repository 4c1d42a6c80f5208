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

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LlmLatencyBucketsMeterFilter}: Spring AI's timer of LLM calls,
 * {@code gen_ai.client.operation}, is scraped with histogram buckets, Spring Boot's
 * {@code management.metrics.distribution.*} properties still choose them, and its long
 * task timer keeps its count.
 *
 * @author Phoenix Observability
 */
class LlmLatencyHistogramTests {

	private static final Pattern BUCKET = Pattern.compile("gen_ai_client_operation_seconds_bucket\\{.*le=\"([^\"]+)\"");

	@Test
	void llmCallsArePublishedWithTheBucketsOfTheGenAiConventions() {
		String scrape = scrapeAfterOneCall();
		assertThat(buckets(scrape)).as(scrape)
			.containsExactly("0.01", "0.02", "0.04", "0.08", "0.16", "0.32", "0.64", "1.28", "2.56", "5.12", "10.24",
					"20.48", "40.96", "81.92", "+Inf");
		assertThat(scrape).containsPattern("gen_ai_client_operation_seconds_bucket\\{.*le=\"0.64\"} 0")
			.containsPattern("gen_ai_client_operation_seconds_bucket\\{.*le=\"1.28\"} 1");
	}

	@Test
	void callsInProgressKeepTheirCount() {
		// What the LLM providers dashboard charts as calls in progress
		assertThat(scrapeAfterOneCall()).contains("gen_ai_client_operation_active_seconds_count{")
			.doesNotContain("gen_ai_client_operation_active_seconds_bucket");
	}

	@Test
	void timerWithItsOwnBucketsKeepsThem() {
		assertThat(buckets(scrapeAfterOneCall(Duration.ofSeconds(3)))).containsExactly("3.0", "+Inf");
	}

	@Test
	void bootsDistributionPropertiesChooseOtherBuckets() {
		assertThat(buckets(scrapeAfterOneCall("--management.metrics.distribution.slo[gen_ai.client.operation]=1s,5s")))
			.containsExactly("1.0", "5.0", "+Inf");
		assertThat(buckets(scrapeAfterOneCall("--management.metrics.distribution.slo.gen_ai.client.operation=2s")))
			.containsExactly("2.0", "+Inf");
	}

	private static String scrapeAfterOneCall(String... args) {
		return scrapeAfterOneCall(null, args);
	}

	private static String scrapeAfterOneCall(Duration ownBucket, String... args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Metrics.class)
			.web(WebApplicationType.NONE)
			.properties("spring.application.name=llm-client")
			.run(args)) {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer.Builder timer = Timer.builder("gen_ai.client.operation").tag("gen_ai.system", "openai");
			if (ownBucket != null) {
				timer.serviceLevelObjectives(ownBucket);
			}
			timer.register(registry).record(Duration.ofMillis(700));
			LongTaskTimer.builder("gen_ai.client.operation.active").tag("gen_ai.system", "openai").register(registry);
			return context.getBean(PrometheusMeterRegistry.class).scrape();
		}
	}

	private static List<String> buckets(String scrape) {
		return scrape.lines().map(BUCKET::matcher).filter(Matcher::find).map((matcher) -> matcher.group(1)).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PhoenixMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class })
	static class Metrics {

	}

}
