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
package io.phoenix.observability.autoconfigure.javaagent;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnOpenTelemetryJavaAgent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration beside the OpenTelemetry Java agent. Spring Boot's tracing uses the
 * agent's {@link OpenTelemetry} (its sampler, its exporter, its resource), so that
 * Phoenix's spans (pipelines, agents, LLM calls) land in the agent's traces, and the
 * requests and calls the agent instruments get its span only: one server span per
 * request, one client span per call. The access line, correlation ids, health, SLOs and
 * Phoenix's meters work as without the agent; log lines carry the agent's trace ids.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass(
		name = { "io.opentelemetry.api.GlobalOpenTelemetry", "io.micrometer.tracing.otel.bridge.OtelTracer" })
@ConditionalOnPhoenixFeature("tracing")
@ConditionalOnOpenTelemetryJavaAgent
public final class PhoenixJavaAgentAutoConfiguration {

	private static final Log logger = LogFactory.getLog(PhoenixJavaAgentAutoConfiguration.class);

	// Spring Boot's SDK backs off for it
	@Bean
	@ConditionalOnMissingBean
	OpenTelemetry openTelemetry() {
		logger.info("The OpenTelemetry Java agent is attached: its spans are the requests' and calls', "
				+ "and Phoenix's spans are exported with them through the agent");
		return GlobalOpenTelemetry.get();
	}

	// First of the tracing handlers, which stop at the first that supports an
	// observation
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	AgentSpansTracingObservationHandler agentSpansTracingObservationHandler() {
		return new AgentSpansTracingObservationHandler();
	}

}
