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

package io.phoenix.observability.autoconfigure.defaults;

import java.util.LinkedHashMap;
import java.util.Map;

import io.phoenix.observability.testing.LogbackHiddenClassLoader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ObservabilityDefaultsEnvironmentPostProcessor}.
 *
 * @author Phoenix Observability
 */
class ObservabilityDefaultsEnvironmentPostProcessorTests {

	private final ObservabilityDefaultsEnvironmentPostProcessor postProcessor = new ObservabilityDefaultsEnvironmentPostProcessor();

	@Test
	void localEnvironmentGetsDefaults() {
		StandardEnvironment environment = environment("spring.application.name", "x");
		postProcess(environment);
		assertThat(environment.getPropertySources()
			.contains(ObservabilityDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isTrue();
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
		assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("management.metrics.tags.service")).isEqualTo("x");
		assertThat(environment.getProperty("management.metrics.tags.environment")).isEqualTo("local");
		assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("x");
		// Set as a property, the identity would win over OTEL_SERVICE_NAME; the resource
		// auto-configuration ranks it below
		assertThat(environment.getProperty("management.opentelemetry.resource-attributes[service.name]")).isNull();
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus,slo");
		// Phoenix keeps correlation_id in the MDC itself; Boot's baggage correlation
		// would
		// remove it whenever a trace scope closes on a thread that restored it
		assertThat(environment.getProperty("management.tracing.baggage.correlation.fields")).isNull();
		assertThat(environment.getProperty("phoenix.observability.service-name")).isEqualTo("x");
		// JSON is the default format: nothing but JSON on standard output
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
		assertThat(environment.getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("true");
	}

	@Test
	void latencyBucketsFollowServiceType() {
		StandardEnvironment environment = environment("spring.application.name", "x",
				"phoenix.observability.service-type", "gateway");
		postProcess(environment);
		assertThat(environment.getProperty("management.metrics.distribution.slo.http.server.requests"))
			.isEqualTo("25ms,50ms,100ms,250ms,500ms,1000ms,2000ms,5000ms");
	}

	@Test
	void gatewayInProductionSamplesATenth() {
		StandardEnvironment environment = environment("spring.application.name", "x",
				"phoenix.observability.environment", "production", "phoenix.observability.service-type", "gateway");
		postProcess(environment);
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
		assertThat(environment.getProperty("management.metrics.tags.environment")).isEqualTo("production");
	}

	@Test
	void workerInProductionSamplesEverything() {
		StandardEnvironment environment = environment("spring.application.name", "x",
				"phoenix.observability.environment", "production", "phoenix.observability.service-type", "worker");
		postProcess(environment);
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("1.0");
	}

	@Test
	void exporterErrorsAreLeftToPhoenixWhenOnlyLogsAreExported() {
		StandardEnvironment environment = environment("spring.application.name", "x",
				"phoenix.observability.tracing.enabled", "false");
		postProcess(environment);
		assertThat(environment.getProperty("logging.level.io.opentelemetry.exporter.internal")).isNull();
		environment = environment("spring.application.name", "x", "phoenix.observability.tracing.enabled", "false",
				"management.opentelemetry.logging.export.otlp.endpoint", "http://collector:4318/v1/logs");
		postProcess(environment);
		assertThat(environment.getProperty("logging.level.io.opentelemetry.exporter.internal")).isEqualTo("off");
	}

	@Test
	void otlpMetricsStayEnabledWhenUrlIsSet() {
		StandardEnvironment environment = environment("spring.application.name", "x",
				"management.otlp.metrics.export.url", "http://collector:4318/v1/metrics");
		postProcess(environment);
		assertThat(environment.containsProperty("management.otlp.metrics.export.enabled")).isFalse();
	}

	@Test
	void userValuesWin() {
		StandardEnvironment environment = environment("spring.application.name", "x",
				"management.tracing.sampling.probability", "0.5", "management.endpoints.web.exposure.include", "*",
				"phoenix.observability.logging.format", "text", "server.tomcat.mbeanregistry.enabled", "false");
		postProcess(environment);
		assertThat(environment.getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.5");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("*");
		assertThat(environment.containsProperty("spring.main.banner-mode")).isFalse();
	}

	@Test
	void disabledAddsNothing() {
		StandardEnvironment environment = environment("spring.application.name", "x", "phoenix.observability.enabled",
				"false");
		int before = environment.getPropertySources().size();
		postProcess(environment);
		assertThat(environment.getPropertySources()).hasSize(before);
		assertThat(environment.containsProperty("management.tracing.sampling.probability")).isFalse();
		assertThat(environment.containsProperty("management.otlp.metrics.export.enabled")).isFalse();
	}

	@Test
	void runningTwiceAddsOneSource() {
		StandardEnvironment environment = environment("spring.application.name", "x");
		postProcess(environment);
		int after = environment.getPropertySources().size();
		postProcess(environment);
		assertThat(environment.getPropertySources()).hasSize(after);
	}

	@Test
	void logbackApplicationGetsNoStructuredLoggingDefaults() {
		StandardEnvironment environment = environment("spring.application.name", "x");
		postProcess(environment);
		assertThat(environment.containsProperty("logging.structured.format.console")).isFalse();
		assertThat(environment.containsProperty("logging.structured.json.customizer")).isFalse();
	}

	@Test
	void log4j2ApplicationGetsStructuredLoggingWithPhoenixFields() {
		StandardEnvironment environment = environment("spring.application.name", "x",
				"phoenix.observability.logging.stack-trace.max-depth", "12");
		onLog4j2(() -> postProcess(environment));
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
		assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("logstash");
		assertThat(environment.getProperty("logging.structured.json.rename[traceId]")).isEqualTo("trace_id");
		assertThat(environment.getProperty("logging.structured.json.rename[logger_name]")).isEqualTo("logger");
		assertThat(environment.getProperty("logging.structured.json.customizer"))
			.isEqualTo("io.phoenix.observability.autoconfigure.logging.Log4j2JsonMembersCustomizer");
		assertThat(environment.getProperty("logging.structured.json.stacktrace.root")).isEqualTo("first");
		assertThat(environment.getProperty("logging.structured.json.stacktrace.max-throwable-depth")).isEqualTo("12");
		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
	}

	@Test
	void log4j2ApplicationWithItsOwnChoicesGetsNoStructuredLoggingDefaults() {
		for (String[] choice : new String[][] { { "logging.config", "classpath:my-log4j2.xml" },
				{ "logging.structured.format.console", "ecs" }, { "phoenix.observability.logging.format", "text" },
				{ "phoenix.observability.logging.enabled", "false" } }) {
			StandardEnvironment environment = environment("spring.application.name", "x", choice[0], choice[1]);
			onLog4j2(() -> postProcess(environment));
			assertThat(environment.containsProperty("logging.structured.json.customizer")).as(choice[0]).isFalse();
			assertThat(environment.getProperty("logging.structured.format.console")).as(choice[0]).isIn(null, "ecs");
		}
	}

	@Test
	void postProcessesWithoutLogback() throws Exception {
		EnvironmentPostProcessor postProcessor = (EnvironmentPostProcessor) new LogbackHiddenClassLoader(
				getClass().getClassLoader())
			.loadClass(ObservabilityDefaultsEnvironmentPostProcessor.class.getName())
			.getDeclaredConstructor()
			.newInstance();
		StandardEnvironment environment = environment("spring.application.name", "x");
		assertThatNoException()
			.isThrownBy(() -> postProcessor.postProcessEnvironment(environment, new SpringApplication()));
		assertThat(environment.getProperty("management.metrics.tags.service")).isEqualTo("x");
		// Neither Logback nor Log4j2: no JSON lines, so the banner stays
		assertThat(environment.containsProperty("spring.main.banner-mode")).isFalse();
	}

	private static void onLog4j2(Runnable action) {
		// Spring Boot's own way to choose the logging system, read before class presence
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY,
				"org.springframework.boot.logging.log4j2.Log4J2LoggingSystem");
		try {
			action.run();
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	private void postProcess(StandardEnvironment environment) {
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
	}

	private static StandardEnvironment environment(String... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", map));
		return environment;
	}

}
