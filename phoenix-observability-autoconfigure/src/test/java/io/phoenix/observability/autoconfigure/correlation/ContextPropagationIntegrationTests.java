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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.phoenix.observability.testing.JsonLogLines;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace and correlation ids on other threads than the request's: {@code @Async} methods
 * and {@code CompletableFuture} chains on Spring Boot's task executor, checked in the
 * JSON lines of many interleaved requests, each of which must carry exactly its own ids.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class ContextPropagationIntegrationTests {

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void interleavedRequestsKeepTheirOwnIdsOnAsyncAndExecutorThreads(CapturedOutput output) throws Exception {
		this.context = new SpringApplicationBuilder(PropagationApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=propagation",
					"spring.task.execution.pool.core-size=4")
			.run();
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpClient client = HttpClient.newHttpClient();
		Map<String, String> traceIdByCorrelationId = new ConcurrentHashMap<>();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		List<Future<?>> calls = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			String correlationId = "req-" + i;
			String path = (i % 2 == 0) ? "/async/" : "/chain/";
			calls.add(callers.submit(() -> {
				HttpResponse<String> response = client
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + correlationId))
						.header("X-Correlation-ID", correlationId)
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
				String traceResponse = response.headers().firstValue("traceresponse").orElseThrow();
				traceIdByCorrelationId.put(correlationId, traceResponse.substring(3, 35));
				return null;
			}));
		}
		for (Future<?> call : calls) {
			call.get(60, TimeUnit.SECONDS);
		}
		callers.shutdown();
		// Lines are written asynchronously: wait until all 80 have arrived
		List<Map<String, Object>> workLines = Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> JsonLogLines.parse(output.getOut())
				.stream()
				.filter((line) -> line.containsKey("work"))
				.toList(), (lines) -> lines.size() >= 80);
		assertThat(workLines).hasSize(80);
		assertThat(workLines).allSatisfy((line) -> {
			String expected = (String) line.get("work");
			assertThat(line.get("thread")).as("ran on another thread").isNotEqualTo(line.get("request_thread"));
			assertThat(line).containsEntry("correlation_id", expected)
				.containsEntry("trace_id", traceIdByCorrelationId.get(expected));
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	static class PropagationApplication {

		@Bean
		Worker worker() {
			return new Worker();
		}

		@Bean
		PropagationController propagationController(Worker worker, ThreadPoolTaskExecutor executor) {
			return new PropagationController(worker, executor);
		}

	}

	static class Worker {

		private static final Logger logger = LoggerFactory.getLogger(Worker.class);

		@Async
		public CompletableFuture<String> work(String id, String requestThread) {
			logger.atInfo().addKeyValue("work", id).addKeyValue("request_thread", requestThread).log("Async work");
			return CompletableFuture.completedFuture(id);
		}

	}

	@RestController
	static class PropagationController {

		private static final Logger logger = LoggerFactory.getLogger(PropagationController.class);

		private final Worker worker;

		private final ThreadPoolTaskExecutor executor;

		PropagationController(Worker worker, ThreadPoolTaskExecutor executor) {
			this.worker = worker;
			this.executor = executor;
		}

		@GetMapping("/async/{id}")
		String async(@PathVariable String id) throws Exception {
			return this.worker.work(id, Thread.currentThread().getName()).get();
		}

		@GetMapping("/chain/{id}")
		String chain(@PathVariable String id) throws Exception {
			String requestThread = Thread.currentThread().getName();
			return CompletableFuture.supplyAsync(() -> id, this.executor).thenApplyAsync((value) -> {
				logger.atInfo()
					.addKeyValue("work", value)
					.addKeyValue("request_thread", requestThread)
					.log("Chained work");
				return value;
			}, this.executor).get();
		}

	}

}
