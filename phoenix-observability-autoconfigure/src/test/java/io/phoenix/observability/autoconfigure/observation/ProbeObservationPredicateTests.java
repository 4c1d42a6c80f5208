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

package io.phoenix.observability.autoconfigure.observation;

import java.util.HashMap;
import java.util.List;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProbeObservationPredicate}.
 *
 * @author Phoenix Observability
 */
class ProbeObservationPredicateTests {

	private final ProbeObservationPredicate predicate = new ProbeObservationPredicate(
			List.of("/actuator", "/health", "internal/"));

	@AfterEach
	void resetRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void deniesServletProbeRequests() {
		assertThat(this.predicate.test("http.server.requests", servlet("", "/actuator/health"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", servlet("", "/actuator"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", servlet("", "/health/liveness"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", servlet("", "/health"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", servlet("", "/internal/x"))).isFalse();
	}

	@Test
	void allowsApplicationRequests() {
		assertThat(this.predicate.test("http.server.requests", servlet("", "/api/x"))).isTrue();
		assertThat(this.predicate.test("http.server.requests", servlet("", "/healthy"))).isTrue();
		assertThat(this.predicate.test("http.server.requests", servlet("", "/actuators"))).isTrue();
		assertThat(this.predicate.test("http.server.requests", servlet("", "/"))).isTrue();
	}

	@Test
	void pathsAreRelativeToContextPath() {
		assertThat(this.predicate.test("http.server.requests", servlet("/shop", "/shop/health/readiness"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", servlet("/health", "/health/api/x"))).isTrue();
	}

	@Test
	void deniesReactiveProbeRequests() {
		assertThat(this.predicate.test("http.server.requests", reactive("/actuator/prometheus"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", reactive("/health/readiness"))).isFalse();
		assertThat(this.predicate.test("http.server.requests", reactive("/healthy"))).isTrue();
		assertThat(this.predicate.test("http.server.requests", reactive("/api/x"))).isTrue();
	}

	@Test
	void deniesChildObservationsOfProbeRequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request("", "/actuator/health")));
		assertThat(this.predicate.test("jdbc.query", new Observation.Context())).isFalse();
	}

	@Test
	void allowsChildObservationsOfApplicationRequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request("", "/api/orders")));
		assertThat(this.predicate.test("jdbc.query", new Observation.Context())).isTrue();
	}

	@Test
	void allowsObservationsOutsideRequests() {
		assertThat(this.predicate.test("task.execution", new Observation.Context())).isTrue();
	}

	@Test
	void isIgnoredMatchesWholeSegments() {
		assertThat(this.predicate.isIgnored("/health")).isTrue();
		assertThat(this.predicate.isIgnored("/health/")).isTrue();
		assertThat(this.predicate.isIgnored("/healthz")).isFalse();
		assertThat(this.predicate.isIgnored("/internal")).isTrue();
		assertThat(this.predicate.isIgnored("/internals")).isFalse();
	}

	private static ServerRequestObservationContext servlet(String contextPath, String uri) {
		return new ServerRequestObservationContext(request(contextPath, uri), new MockHttpServletResponse());
	}

	private static MockHttpServletRequest request(String contextPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		return request;
	}

	private static org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactive(
			String path) {
		return new org.springframework.http.server.reactive.observation.ServerRequestObservationContext(
				MockServerHttpRequest.get(path).build(), new MockServerHttpResponse(), new HashMap<>());
	}

}
