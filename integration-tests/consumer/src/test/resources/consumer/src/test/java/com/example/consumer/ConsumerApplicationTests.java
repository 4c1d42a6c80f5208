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

package com.example.consumer;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The released starter configures the application: correlation ids on responses, the
 * health groups and the Prometheus metrics tagged with the service.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsumerApplicationTests {

	@LocalServerPort
	private int port;

	@Test
	void phoenixObservesTheApplication() {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		ResponseEntity<String> hello = client.get().uri("/hello").retrieve().toEntity(String.class);
		assertThat(hello.getBody()).isEqualTo("hello");
		assertThat(hello.getHeaders().getFirst("X-Correlation-ID")).isNotBlank();
		assertThat(client.get().uri("/health/readiness").retrieve().toEntity(String.class).getBody())
			.contains("\"UP\"");
		assertThat(client.get().uri("/health/metrics").retrieve().body(String.class))
			.contains("http_server_requests_seconds_count{")
			.contains("service=\"consumer\"");
	}

}
