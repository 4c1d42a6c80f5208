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

package io.phoenix.observability.deploy;

import io.phoenix.observability.newcomer.NewcomerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The newcomer application, started for real on loopback, as the service that the
 * deployment scrapes and probes.
 *
 * @author Phoenix Observability
 */
final class NewcomerService implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private NewcomerService(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static NewcomerService start(String... properties) {
		return new NewcomerService(new SpringApplicationBuilder(NewcomerApplication.class)
			.properties("server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
					"logging.level.root=warn")
			.properties(properties)
			.run());
	}

	String address() {
		return "127.0.0.1:" + this.port;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	/**
	 * Send requests: {@code /hello} answers 200, {@code /orders/{id}} fails with 500 and
	 * an ERROR log line.
	 * @param ok number of successful requests
	 * @param failing number of failing requests
	 */
	void serve(int ok, int failing) {
		RestClient client = RestClient.builder()
			.baseUrl("http://" + address())
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		for (int i = 0; i < ok; i++) {
			client.get().uri("/hello").retrieve().toBodilessEntity();
		}
		for (int i = 0; i < failing; i++) {
			client.get().uri("/orders/{id}", i).retrieve().toBodilessEntity();
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
