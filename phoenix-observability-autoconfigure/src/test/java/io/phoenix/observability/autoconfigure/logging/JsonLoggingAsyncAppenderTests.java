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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;
import io.phoenix.observability.autoconfigure.identity.ServiceType;
import io.phoenix.observability.testing.JsonLogLines;
import net.logstash.logback.encoder.com.lmax.disruptor.BlockingWaitStrategy;
import net.logstash.logback.encoder.com.lmax.disruptor.SleepingWaitStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the asynchronous appender that {@link JsonLogging} puts in front of Boot's
 * file appender: how its thread waits, and that what is logged is written or counted as
 * dropped, at shutdown too.
 *
 * @author Phoenix Observability
 */
class JsonLoggingAsyncAppenderTests {

	private final LoggerContext context = new LoggerContext();

	@TempDir
	private Path directory;

	private Path file;

	@AfterEach
	void stopContext() {
		this.context.stop();
	}

	@Test
	void sleepsTenMillisecondsWithoutBeingSignalledByDefault() {
		CountingAsyncAppender async = install(new LoggingProperties());
		assertThat(async.getWaitStrategy()).isInstanceOf(SleepingWaitStrategy.class)
			.hasFieldOrPropertyWithValue("sleepTimeNs", 10_000_000L)
			.hasFieldOrPropertyWithValue("retries", 0);
	}

	@Test
	void sleepsForTheConfiguredPollInterval() {
		LoggingProperties properties = new LoggingProperties();
		properties.getAsync().setPollInterval(Duration.ofMillis(250));
		assertThat(install(properties).getWaitStrategy()).isInstanceOf(SleepingWaitStrategy.class)
			.hasFieldOrPropertyWithValue("sleepTimeNs", 250_000_000L);
	}

	@Test
	void zeroPollIntervalWakesTheThreadForEveryLine() {
		LoggingProperties properties = new LoggingProperties();
		properties.getAsync().setPollInterval(Duration.ZERO);
		assertThat(install(properties).getWaitStrategy()).isInstanceOf(BlockingWaitStrategy.class);
	}

	@Test
	void aSingleLineIsWrittenWhileTheApplicationRuns() {
		install(new LoggingProperties());
		logger().info("Alone in the queue");
		// No further line and no stop wakes the thread: it finds the line on its own
		Map<String, Object> line = JsonLogLines.await(this::read, JsonLogLines.message("Alone in the queue"));
		assertThat(line).containsEntry("service", "svc").containsEntry("logger", "async.test");
	}

	@Test
	void stoppingWritesEveryLineStillQueued() {
		int logged = 2000;
		CountingAsyncAppender async = install(new LoggingProperties());
		Logger logger = logger();
		for (int i = 0; i < logged; i++) {
			logger.atInfo().addKeyValue("n", i).log("Before stop");
		}
		this.context.stop();
		List<Map<String, Object>> lines = JsonLogLines.parse(read());
		assertThat(lines).filteredOn(JsonLogLines.message("Before stop"))
			.extracting((line) -> line.get("n"))
			.doesNotHaveDuplicates()
			.hasSize(logged);
		assertThat(async.getDroppedEvents()).isZero();
	}

	@Test
	void linesWrittenAndLinesDroppedAddUpToLinesLogged() {
		int logged = 5000;
		LoggingProperties properties = new LoggingProperties();
		// A queue that a burst overflows while the thread sleeps
		properties.getAsync().setQueueSize(64);
		CountingAsyncAppender async = install(properties);
		Logger logger = logger();
		for (int i = 0; i < logged; i++) {
			logger.atInfo().addKeyValue("n", i).log("Burst");
		}
		this.context.stop();
		long written = JsonLogLines.parse(read()).stream().filter(JsonLogLines.message("Burst")).count();
		assertThat(written).isPositive();
		assertThat(written + async.getDroppedEvents()).isEqualTo(logged);
	}

	private CountingAsyncAppender install(LoggingProperties properties) {
		// What SLF4J's provider gives the context it creates
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.file = this.directory.resolve("app.log");
		// Boot's file appender as its logback configuration declares it
		PatternLayoutEncoder pattern = new PatternLayoutEncoder();
		pattern.setContext(this.context);
		pattern.setPattern("%msg%n");
		pattern.start();
		FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
		fileAppender.setName("FILE");
		fileAppender.setContext(this.context);
		fileAppender.setFile(this.file.toString());
		fileAppender.setEncoder(pattern);
		fileAppender.start();
		Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(fileAppender);
		new JsonLogging(new ServiceIdentity("svc", "test", "1.0.0", ServiceType.BACKEND), properties)
			.install(this.context);
		return (CountingAsyncAppender) root.getAppender(CountingAsyncAppender.NAME);
	}

	private Logger logger() {
		return this.context.getLogger("async.test");
	}

	private String read() {
		try {
			return Files.exists(this.file) ? Files.readString(this.file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
