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

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CorrelationClientHttpRequestInterceptor}, against a real HTTP server.
 *
 * @author Phoenix Observability
 */
class CorrelationClientHttpRequestInterceptorTests {

	private static final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private RestClient client;

	@BeforeAll
	static void start() {
		server.start();
		server.stubFor(get(anyUrl()).willReturn(ok("done")));
	}

	@AfterAll
	static void stop() {
		server.stop();
	}

	@BeforeEach
	void createClient() {
		server.resetRequests();
		this.client = RestClient.builder()
			.baseUrl(server.baseUrl())
			.requestInterceptor(new CorrelationClientHttpRequestInterceptor("X-Correlation-ID"))
			.build();
	}

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void addsCorrelationIdFromMdc() {
		new CorrelationContext("corr-42", "req-1").putInMdc();
		assertThat(this.client.get().uri("/downstream").retrieve().body(String.class)).isEqualTo("done");
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("X-Correlation-ID")).isEqualTo("corr-42");
		// The request id belongs to this hop: it is not sent downstream
		assertThat(request.containsHeader("X-Request-ID")).isFalse();
	}

	@Test
	void doesNotOverwriteHeaderSetByCaller() {
		new CorrelationContext("corr-42", "req-1").putInMdc();
		this.client.get().uri("/downstream").header("X-Correlation-ID", "callers-own").retrieve().toBodilessEntity();
		assertThat(onlyRequest().getHeader("X-Correlation-ID")).isEqualTo("callers-own");
	}

	@Test
	void addsNothingWithoutCorrelationId() {
		this.client.get().uri("/downstream").retrieve().toBodilessEntity();
		assertThat(onlyRequest().containsHeader("X-Correlation-ID")).isFalse();
	}

	private LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

}
