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

package io.phoenix.observability.autoconfigure.correlation;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

/**
 * Tests for {@link PhoenixCorrelationAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixCorrelationAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixCorrelationAutoConfiguration.class));

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void servletDefaultsRegisterFilterAndClientCustomizers() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FilterRegistrationBean.class)
				.hasSingleBean(ProblemDetailCorrelationAdvice.class)
				.hasSingleBean(RestClientCustomizer.class)
				.hasSingleBean(RestTemplateCustomizer.class)
				.hasSingleBean(WebClientCustomizer.class)
				.doesNotHaveBean(ReactiveCorrelationFilter.class)
				.doesNotHaveBean(CodecCustomizer.class)
				.doesNotHaveBean(CorrelationTracing.class);
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(CorrelationFilter.class);
			assertThat(registration.getOrder()).isEqualTo(CorrelationFilter.ORDER);
		});
	}

	@Test
	void registeredFilterServesRequests() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.header=X-Ref").run((context) -> {
			MockHttpServletResponse response = doFilter(context.getBean(FilterRegistrationBean.class), "X-Ref",
					"ref-7");
			assertThat(response.getHeader("X-Ref")).isEqualTo("ref-7");
			assertThat(response.getHeader("X-Request-ID")).matches("[0-9a-f]{32}");
		});
	}

	@Test
	void reactiveDefaultsRegisterWebFilter() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCorrelationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(ReactiveCorrelationFilter.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(ProblemDetailCorrelationAdvice.class));
	}

	@Test
	void reactiveDefaultsPutProblemDetailWriterAheadOfServerJsonWriterOnly() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCorrelationAutoConfiguration.class))
			.run((context) -> {
				CodecCustomizer customizer = context.getBean(CodecCustomizer.class);
				ServerCodecConfigurer server = ServerCodecConfigurer.create();
				customizer.customize(server);
				ResolvableType problem = ResolvableType.forClass(ProblemDetail.class);
				HttpMessageWriter<?> first = server.getWriters()
					.stream()
					.filter((writer) -> writer.canWrite(problem, MediaType.APPLICATION_PROBLEM_JSON))
					.findFirst()
					.orElseThrow();
				assertThat(first).isInstanceOf(ProblemDetailCorrelationWriter.class);
				ClientCodecConfigurer client = ClientCodecConfigurer.create();
				customizer.customize(client);
				assertThat(client.getWriters()).noneMatch(ProblemDetailCorrelationWriter.class::isInstance);
			});
	}

	@Test
	void nonWebApplicationGetsOnlyClientCustomizers() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCorrelationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(RestClientCustomizer.class)
				.doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(ReactiveCorrelationFilter.class));
	}

	@Test
	void restClientCustomizerAddsHeaderFromMdc() {
		this.contextRunner.run((context) -> {
			RestClient.Builder builder = RestClient.builder();
			context.getBean(RestClientCustomizer.class).customize(builder);
			MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
			AtomicReference<HttpHeaders> sent = new AtomicReference<>();
			server.expect((request) -> sent.set(request.getHeaders())).andRespond(withSuccess());
			new CorrelationContext("corr-9", "req-9").putInMdc();
			builder.build().get().uri("http://downstream/x").retrieve().toBodilessEntity();
			assertThat(sent.get().getFirst("X-Correlation-ID")).isEqualTo("corr-9");
		});
	}

	@Test
	void webClientCustomizerAddsHeaderFromReactorContext() {
		this.contextRunner.run((context) -> {
			AtomicReference<ClientRequest> sent = new AtomicReference<>();
			WebClient.Builder builder = WebClient.builder().exchangeFunction((request) -> {
				sent.set(request);
				return Mono.just(ClientResponse.create(HttpStatus.OK).build());
			});
			context.getBean(WebClientCustomizer.class).customize(builder);
			builder.build()
				.get()
				.uri("http://downstream/x")
				.retrieve()
				.toBodilessEntity()
				.contextWrite(Context.of(CorrelationContext.KEY, new CorrelationContext("corr-r", "req-r")))
				.block();
			assertThat(sent.get().headers().getFirst("X-Correlation-ID")).isEqualTo("corr-r");
		});
	}

	@Test
	void tracerBeanEnablesMicrometerTracing() {
		this.contextRunner.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(context).getBean(CorrelationTracing.class)
				.isInstanceOf(MicrometerCorrelationTracing.class));
	}

	@Test
	void filterAddsTraceResponseOfCurrentSpan() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).getBean(CorrelationTracing.class).isInstanceOf(MicrometerCorrelationTracing.class);
				Tracer tracer = context.getBean(Tracer.class);
				Span span = tracer.nextSpan().name("request").start();
				try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
					MockHttpServletResponse response = doFilter(context.getBean(FilterRegistrationBean.class),
							"X-Correlation-ID", null);
					assertThat(response.getHeader("traceresponse"))
						.isEqualTo("00-" + span.context().traceId() + "-" + span.context().spanId()
								+ (Boolean.TRUE.equals(span.context().sampled()) ? "-01" : "-00"));
				}
				finally {
					span.end();
				}
			});
	}

	@Test
	void worksWithoutMicrometerTracing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CorrelationTracing.class);
			MockHttpServletResponse response = doFilter(context.getBean(FilterRegistrationBean.class),
					"X-Correlation-ID", "abc");
			assertThat(response.getHeader("X-Correlation-ID")).isEqualTo("abc");
			assertThat(response.getHeaderNames()).doesNotContain("traceresponse");
		});
	}

	@Test
	void worksWithoutRestClient() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.restclient",
					"org.springframework.boot.webclient"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(FilterRegistrationBean.class)
				.doesNotHaveBean(RestClientCustomizer.class)
				.doesNotHaveBean(WebClientCustomizer.class));
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(RestClientCustomizer.class)
				.doesNotHaveBean(CorrelationProperties.class));
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
				.doesNotHaveBean(RestClientCustomizer.class)
				.doesNotHaveBean(CorrelationProperties.class));
	}

	@Test
	void userFilterRegistrationWins() {
		this.contextRunner.withUserConfiguration(UserFilterConfiguration.class)
			.run((context) -> assertThat(context).getBean(FilterRegistrationBean.class)
				.isSameAs(context.getBean(UserFilterConfiguration.class).registration));
	}

	@Test
	void userCorrelationTracingWins() {
		CorrelationTracing user = new CorrelationTracing() {
		};
		this.contextRunner.withBean(Tracer.class, () -> Tracer.NOOP)
			.withBean(CorrelationTracing.class, () -> user)
			.run((context) -> assertThat(context).getBean(CorrelationTracing.class).isSameAs(user));
	}

	@Test
	void userReactiveFilterWins() {
		ReactiveCorrelationFilter user = new ReactiveCorrelationFilter(new CorrelationProperties(),
				CorrelationTracing.NONE);
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixCorrelationAutoConfiguration.class))
			.withBean(ReactiveCorrelationFilter.class, () -> user)
			.run((context) -> assertThat(context).getBean(ReactiveCorrelationFilter.class).isSameAs(user));
	}

	@Test
	void tooShortMaxLengthFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.max-length=5")
			.run((context) -> assertFailedOn(context, "phoenix.observability.correlation.max-length",
					"must be between 16 and 1024 characters, but was 5"));
	}

	@Test
	void emptyHeaderFails() {
		this.contextRunner.withPropertyValues("phoenix.observability.correlation.header=")
			.run((context) -> assertFailedOn(context, "phoenix.observability.correlation.header", "must not be empty"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		final FilterRegistrationBean<CorrelationFilter> registration = new FilterRegistrationBean<>(
				new CorrelationFilter(new CorrelationProperties(), CorrelationTracing.NONE));

		@Bean
		FilterRegistrationBean<CorrelationFilter> myCorrelationFilter() {
			return this.registration;
		}

	}

	private static MockHttpServletResponse doFilter(FilterRegistrationBean<?> registration, String header,
			String correlationId) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		if (correlationId != null) {
			request.addHeader(header, correlationId);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		registration.getFilter().doFilter(request, response, new MockFilterChain());
		return response;
	}

}
