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
package io.phoenix.observability.autoconfigure.semconv;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.phoenix.observability.autoconfigure.condition.ConditionalOnPhoenixFeature;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration that writes the spans of HTTP requests and calls (servlet, reactive,
 * {@code RestClient}, {@code RestTemplate}, {@code WebClient}, OkHttp) and of gRPC calls
 * in OpenTelemetry's semantic conventions, and the JDBC queries that
 * datasource-micrometer observes in its database conventions, in place of Micrometer's
 * names. Meters keep Micrometer's names and tags; the observation's other key values, the
 * user's own among them, are written as before. Replaces Spring Boot's propagating
 * tracing handlers, which back off for these beans; a user's own handler bean wins over
 * both.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		before = MicrometerTracingAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.tracing.otel.bridge.OtelSpan")
@ConditionalOnPhoenixFeature("tracing")
@ConditionalOnBooleanProperty(name = "phoenix.observability.tracing.semantic-conventions.enabled",
		matchIfMissing = true)
@ConditionalOnBean({ Tracer.class, Propagator.class })
public final class PhoenixSemanticConventionsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Order(MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER)
	PropagatingReceiverTracingObservationHandler<?> propagatingReceiverTracingObservationHandler(Tracer tracer,
			Propagator propagator) {
		return new SemanticConventionReceiverTracingObservationHandler(tracer, propagator, spanConventions());
	}

	// datasource-micrometer's handlers are sender handlers too, for their own
	// observations only
	@Bean
	@ConditionalOnMissingBean(ignoredType = "net.ttddyy.observation.tracing.DataSourceBaseObservationHandler")
	@Order(MicrometerTracingAutoConfiguration.SENDER_TRACING_OBSERVATION_HANDLER_ORDER)
	PropagatingSenderTracingObservationHandler<?> propagatingSenderTracingObservationHandler(Tracer tracer,
			Propagator propagator) {
		return new SemanticConventionSenderTracingObservationHandler(tracer, propagator, spanConventions());
	}

	/**
	 * The conventions of the libraries on the class path.
	 */
	static SpanConventions spanConventions() {
		ClassLoader classLoader = PhoenixSemanticConventionsAutoConfiguration.class.getClassLoader();
		List<SpanConvention<?>> conventions = new ArrayList<>();
		if (ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", classLoader)) {
			conventions.add(new ServletServerSpanConvention());
		}
		if (ClassUtils.isPresent("reactor.core.publisher.Flux", classLoader)) {
			conventions.add(new ReactiveServerSpanConvention());
		}
		conventions.add(new ClientSpanConvention());
		if (ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient", classLoader)) {
			conventions.add(new WebClientSpanConvention());
		}
		if (ClassUtils.isPresent("okhttp3.OkHttpClient", classLoader)) {
			conventions.add(new OkHttpSpanConvention());
		}
		if (ClassUtils.isPresent("net.ttddyy.observation.tracing.QueryContext", classLoader)) {
			conventions.add(new JdbcSpanConvention());
		}
		if (ClassUtils.isPresent("io.grpc.Status", classLoader)) {
			conventions.add(new GrpcSpanConvention());
		}
		return new SpanConventions(conventions);
	}

}
