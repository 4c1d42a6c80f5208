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

package io.phoenix.observability.autoconfigure.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.phoenix.observability.testing.JsonLogLines;
import io.phoenix.observability.testing.LogbackHiddenClassLoader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link JsonLoggingApplicationListener}, through real Spring applications and
 * what they write to standard output and to a log file.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLoggingApplicationListenerTests {

	@TempDir
	private Path directory;

	@Test
	@SuppressWarnings("unchecked")
	void doesNothingWithoutLogback() throws Exception {
		// An application on Log4j2: Phoenix's classes see neither Logback nor
		// logstash-logback-encoder
		Class<?> type = new LogbackHiddenClassLoader(getClass().getClassLoader())
			.loadClass(JsonLoggingApplicationListener.class.getName());
		ApplicationListener<ApplicationEvent> listener = (ApplicationListener<ApplicationEvent>) type
			.getDeclaredConstructor()
			.newInstance();
		StandardEnvironment environment = new StandardEnvironment();
		ApplicationEnvironmentPreparedEvent event = new ApplicationEnvironmentPreparedEvent(
				new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment);
		assertThatNoException().isThrownBy(() -> listener.onApplicationEvent(event));
		assertThat(type.getMethod("appliesTo", ConfigurableEnvironment.class).invoke(null, environment))
			.isEqualTo(false);
	}

	@Test
	void writesJsonLinesToStandardOutputAndToBootsLogFile(CapturedOutput output) {
		Path file = this.directory.resolve("app.log");
		try (ConfigurableApplicationContext context = run("logging.file.name=" + file)) {
			LoggerFactory.getLogger("file.test").atInfo().addKeyValue("order", 7).log("Wrote to the file");
		}
		Map<String, Object> fileLine = JsonLogLines.await(() -> read(file), JsonLogLines.message("Wrote to the file"));
		assertThat(fileLine).containsEntry("service", "json-test")
			.containsEntry("order", 7)
			.containsEntry("logger", "file.test");
		assertThat(JsonLogLines.parse(output.getOut())).anyMatch(JsonLogLines.message("Wrote to the file"));
	}

	@Test
	void burstOfLinesFromManyThreadsArrivesWholeAndComplete(CapturedOutput output) throws Exception {
		int threads = 4;
		int linesPerThread = 500;
		try (ConfigurableApplicationContext context = run()) {
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				for (int t = 0; t < threads; t++) {
					int thread = t;
					executor.submit(() -> {
						for (int i = 0; i < linesPerThread; i++) {
							LoggerFactory.getLogger("burst.test")
								.atInfo()
								.addKeyValue("n", thread * 10_000 + i)
								.log("Burst");
						}
					});
				}
			}
			finally {
				executor.shutdown();
				assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
			}
			// Written in batches, flushed when the queue drains: every line, each one
			// whole
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(JsonLogLines.parse(output.getOut())
					.stream()
					.filter(JsonLogLines.message("Burst"))
					.map((line) -> line.get("n"))
					.distinct()).hasSize(threads * linesPerThread));
		}
	}

	@Test
	void badPollIntervalFailsStartupWithItsName() {
		assertThatException().isThrownBy(() -> run("phoenix.observability.logging.async.poll-interval=2s"))
			.havingRootCause()
			.withMessageContaining("must be between 0 (wake on every line) and 1s");
		assertThatException().isThrownBy(() -> run("phoenix.observability.logging.async.poll-interval=2s"))
			.isInstanceOfSatisfying(BindException.class, (failure) -> assertThat(failure.getProperty().getName())
				.hasToString("phoenix.observability.logging.async.poll-interval"));
	}

	@Test
	void textFormatLeavesSpringBootsPatternWithCorrelationIds(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("phoenix.observability.logging.format=text")) {
			MDC.put("correlation_id", "text-corr");
			try {
				LoggerFactory.getLogger("text.test").info("Plain line");
			}
			finally {
				MDC.remove("correlation_id");
			}
		}
		String line = output.getOut().lines().filter((l) -> l.contains("Plain line")).findFirst().orElseThrow();
		// Boot's pattern, with Phoenix's default correlation part:
		// [trace,span,correlation]
		assertThat(line).doesNotStartWith("{").contains("text.test").contains("[,,text-corr]");
	}

	@Test
	void disabledLoggingLeavesSpringBootsConsole(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("phoenix.observability.logging.enabled=false")) {
			LoggerFactory.getLogger("off.test").info("Untouched line");
		}
		assertThat(output.getOut().lines().filter((l) -> l.contains("Untouched line"))).singleElement()
			.satisfies((line) -> assertThat(line).doesNotStartWith("{"));
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(EmptyConfiguration.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=json-test")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
