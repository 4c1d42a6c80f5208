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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentityProperties;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentityPropertySource;
import io.phoenix.observability.autoconfigure.logging.JsonLoggingApplicationListener;
import io.phoenix.observability.autoconfigure.logging.Log4j2JsonLogging;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets Phoenix's defaults for Spring Boot's own properties, in a property source of the
 * lowest precedence: any value the application sets, anywhere, wins.
 * <p>
 * The defaults expose the Prometheus endpoint, tag every metric and every span with the
 * service identity, choose the sampling probability and the latency buckets for the
 * service type, and switch off the OTLP metrics push unless a URL is configured, so that
 * nothing tries to reach a collector that nobody configured.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ObservabilityDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source that holds the defaults.
	 */
	public static final String PROPERTY_SOURCE_NAME = "phoenixObservabilityDefaults";

	@Override
	public int getOrder() {
		// After config data, so that application.yml and profiles are known
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ServiceIdentityProperties.isEnabled(environment)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		// Resolved once here, so that logging, metrics and tracing all read the same
		// identity
		ServiceIdentity identity = ServiceIdentityPropertySource.addTo(environment);
		Map<String, Object> defaults = new LinkedHashMap<>();
		endpoints(defaults);
		tracing(defaults, identity, environment);
		metrics(defaults, identity, environment);
		logging(defaults, environment);
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	private void logging(Map<String, Object> defaults, ConfigurableEnvironment environment) {
		defaults.put("logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-},%X{correlation_id:-}] ");
		boolean log4j2 = Log4j2JsonLogging.appliesTo(environment);
		if (log4j2) {
			// Spring Boot's structured logging writes the JSON lines of Log4j2
			// applications
			Log4j2JsonLogging.addDefaults(defaults, environment);
		}
		if (log4j2 || JsonLoggingApplicationListener.appliesTo(environment)) {
			// Standard output holds JSON lines only
			defaults.put("spring.main.banner-mode", "off");
		}
		if (environment.containsProperty("management.opentelemetry.logging.export.otlp.endpoint")) {
			// Failed log exports are reported by Phoenix, once per interval, not once
			// per batch
			defaults.put("logging.level.io.opentelemetry.exporter.internal", "off");
		}
	}

	private void endpoints(Map<String, Object> defaults) {
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,slo");
	}

	private void tracing(Map<String, Object> defaults, ServiceIdentity identity, ConfigurableEnvironment environment) {
		defaults.put("management.tracing.sampling.probability", String.valueOf(identity.defaultSamplingProbability()));
		// The identity's resource attributes are set by PhoenixResourceAutoConfiguration,
		// not here: as management.opentelemetry.resource-attributes they would win over
		// OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
		// Restores trace and correlation ids in the MDC of every Reactor operator;
		// without
		// it, log lines written in WebFlux pipelines carry neither
		defaults.put("spring.reactor.context-propagation", "auto");
		// Spring Boot's task executors (@Async and the application task executor) carry
		// the trace and the correlation id to their threads
		defaults.put("spring.task.execution.propagate-context", "true");
		if (environment.getProperty("phoenix.observability.tracing.enabled", Boolean.class, true)) {
			// Failed exports are reported by Phoenix, once per interval, not once per
			// batch
			defaults.put("logging.level.io.opentelemetry.exporter.internal", "off");
			// Spans dropped because the export queue is full are counted and reported
			// by Phoenix, once per interval, not once per export cycle
			defaults.put("logging.level.io.opentelemetry.sdk.trace.export.BatchSpanProcessor", "error");
		}
	}

	private void metrics(Map<String, Object> defaults, ServiceIdentity identity, ConfigurableEnvironment environment) {
		defaults.put("management.metrics.tags.service", identity.name());
		defaults.put("management.metrics.tags.environment", identity.environment());
		// The community dashboards of Spring Boot users (JVM Micrometer, Spring Boot
		// Statistics, Spring Boot Observability) select on this tag; it has the value of
		// service, so it adds no series
		defaults.put("management.metrics.tags.application", identity.name());
		String buckets = identity.type()
			.getLatencyBuckets()
			.stream()
			.map(Duration::toMillis)
			.map((millis) -> millis + "ms")
			.collect(Collectors.joining(","));
		defaults.put("management.metrics.distribution.slo.http.server.requests", buckets);
		defaults.put("management.metrics.distribution.slo.http.client.requests", buckets);
		// Boot 4 pushes OTLP metrics to localhost:4318 by default; only push when asked
		// to
		if (!environment.containsProperty("management.otlp.metrics.export.url")) {
			defaults.put("management.otlp.metrics.export.enabled", "false");
		}
		// Exemplars on histogram buckets only: Prometheus before 2.43 rejects a whole
		// scrape
		// whose _count line carries one
		defaults.put(
				"management.prometheus.metrics.export.properties[io.prometheus.exporter.exemplarsOnAllMetricTypes]",
				"false");
		// Phoenix's own guard maps excess values instead of dropping meters; keep Boot's
		// as
		// a backstop well above it
		defaults.put("management.metrics.web.server.max-uri-tags", "1000");
		defaults.put("management.metrics.web.client.max-uri-tags", "1000");
		// Boot binds tomcat_threads_* (busy, current, config max) only from Tomcat's
		// MBeans; without them the thread panels of the JVM (Micrometer) dashboard stay
		// empty. Servers other than Tomcat ignore the property
		defaults.put("server.tomcat.mbeanregistry.enabled", "true");
	}

}
