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

package io.phoenix.observability.autoconfigure.health;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HealthPathMapper}.
 *
 * @author Phoenix Observability
 */
class HealthPathMapperTests {

	@Test
	void mapsStandardPathsOntoActuator() {
		HealthPathMapper mapper = HealthPathMapper.of(new HealthPathsProperties(), new WebEndpointProperties());
		assertThat(mapper.map("/health/liveness")).isEqualTo("/actuator/health/liveness");
		assertThat(mapper.map("/health/readiness")).isEqualTo("/actuator/health/readiness");
		assertThat(mapper.map("/health/dependencies")).isEqualTo("/actuator/health/dependencies");
		assertThat(mapper.map("/health/metrics")).isEqualTo("/actuator/prometheus");
		assertThat(mapper.map("/health")).isEqualTo("/actuator/health");
	}

	@Test
	void leavesOtherPathsAlone() {
		HealthPathMapper mapper = HealthPathMapper.of(new HealthPathsProperties(), new WebEndpointProperties());
		assertThat(mapper.map("/healthz")).isNull();
		assertThat(mapper.map("/api")).isNull();
		assertThat(mapper.map("/")).isNull();
		assertThat(mapper.map("/actuator/health")).isNull();
	}

	@Test
	void rootBasePathIsAlreadyServed() {
		WebEndpointProperties endpoints = new WebEndpointProperties();
		endpoints.setBasePath("/");
		HealthPathMapper mapper = HealthPathMapper.of(new HealthPathsProperties(), endpoints);
		assertThat(mapper.map("/health/x")).isNull();
		assertThat(mapper.map("/health/liveness")).isNull();
		assertThat(mapper.map("/health")).isNull();
		assertThat(mapper.map("/health/metrics")).isEqualTo("/prometheus");
	}

	@Test
	void followsEndpointPathMappingAndCustomPath() {
		WebEndpointProperties endpoints = new WebEndpointProperties();
		endpoints.setBasePath("/manage");
		endpoints.getPathMapping().put("health", "status");
		endpoints.getPathMapping().put("prometheus", "scrape");
		HealthPathsProperties properties = new HealthPathsProperties();
		properties.setPath("/probe");
		HealthPathMapper mapper = HealthPathMapper.of(properties, endpoints);
		assertThat(mapper.map("/probe/liveness")).isEqualTo("/manage/status/liveness");
		assertThat(mapper.map("/probe/metrics")).isEqualTo("/manage/scrape");
		assertThat(mapper.map("/health/liveness")).isNull();
	}

}
