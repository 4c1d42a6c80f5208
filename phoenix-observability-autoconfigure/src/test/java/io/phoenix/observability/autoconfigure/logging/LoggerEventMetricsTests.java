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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoggerEventMetrics}.
 *
 * @author Phoenix Observability
 */
class LoggerEventMetricsTests {

	private final LoggerContext context = new LoggerContext();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LoggerEventMetrics metrics = new LoggerEventMetrics(this.context, 2);

	@AfterEach
	void close() {
		this.metrics.close();
		this.context.stop();
	}

	@Test
	void countsWarnAndErrorEventsPerLogger() {
		this.metrics.bindTo(this.registry);
		Logger orders = this.context.getLogger("com.example.Orders");
		orders.error("failed {}", 1);
		orders.error("failed again");
		orders.warn("slow");
		orders.info("fine");
		orders.debug("detail");
		assertThat(count("com.example.Orders", "error")).isEqualTo(2);
		assertThat(count("com.example.Orders", "warn")).isEqualTo(1);
		assertThat(this.registry.find(LoggerEventMetrics.METER_NAME).tag("level", "info").counter()).isNull();
	}

	@Test
	void levelChecksAndDisabledEventsAreNotCounted() {
		this.metrics.bindTo(this.registry);
		Logger quiet = this.context.getLogger("com.example.Quiet");
		quiet.setLevel(Level.ERROR);
		assertThat(quiet.isWarnEnabled()).isFalse();
		assertThat(quiet.isErrorEnabled()).isTrue();
		quiet.warn("not written");
		assertThat(this.registry.find(LoggerEventMetrics.METER_NAME).counters()).isEmpty();
	}

	@Test
	void loggersBeyondTheLimitAreFoldedIntoOther() {
		this.metrics.bindTo(this.registry);
		this.context.getLogger("a").error("1");
		this.context.getLogger("b").error("2");
		this.context.getLogger("c").error("3");
		this.context.getLogger("d").warn("4");
		this.context.getLogger("a").error("5");
		assertThat(count("a", "error")).isEqualTo(2);
		assertThat(count("b", "error")).isEqualTo(1);
		assertThat(count(LoggerEventMetrics.OTHER, "error")).isEqualTo(1);
		assertThat(count(LoggerEventMetrics.OTHER, "warn")).isEqualTo(1);
		assertThat(this.registry.find(LoggerEventMetrics.METER_NAME)
			.counters()
			.stream()
			.map((counter) -> counter.getId().getTag("logger"))
			.distinct()).containsExactlyInAnyOrder("a", "b", LoggerEventMetrics.OTHER);
	}

	@Test
	void keepsCountingAfterLogbackIsReconfigured() {
		this.metrics.bindTo(this.registry);
		this.context.reset();
		this.context.getLogger("after.reset").error("still counted");
		assertThat(count("after.reset", "error")).isEqualTo(1);
	}

	@Test
	void closeStopsCounting() {
		this.metrics.bindTo(this.registry);
		this.metrics.close();
		this.context.getLogger("after.close").error("not counted");
		assertThat(this.registry.find(LoggerEventMetrics.METER_NAME).counters()).isEmpty();
	}

	private double count(String logger, String level) {
		Counter counter = this.registry.find(LoggerEventMetrics.METER_NAME)
			.tag("logger", logger)
			.tag("level", level)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
