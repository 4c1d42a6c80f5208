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

package io.phoenix.observability.ownlogging;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An application with a logging configuration of its own, outside the newcomer's package
 * so that the newcomer's tests do not find it.
 *
 * @author Phoenix Observability
 */
@SpringBootApplication
@RestController
public class OwnLoggingApplication {

	private final RestClient client;

	OwnLoggingApplication(ObservationRegistry registry) {
		// Boot's RestClient.Builder is not on the newcomer's class path: an observed
		// client
		this.client = RestClient.builder().observationRegistry(registry).build();
	}

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@GetMapping("/call")
	String call(HttpServletRequest request) {
		return this.client.get()
			.uri("http://127.0.0.1:" + request.getLocalPort() + "/hello")
			.retrieve()
			.body(String.class);
	}

	@GetMapping("/fail")
	String fail() {
		throw new IllegalStateException("own logging failure");
	}

}
