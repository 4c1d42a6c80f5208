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

package io.phoenix.observability.autoconfigure.background;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PhoenixBackgroundAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
@ExtendWith(OutputCaptureExtension.class)
class PhoenixBackgroundAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixBackgroundAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void tasksRunOnTheNamedThreadsOfTheSharedScheduler() {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		this.contextRunner
			.withBean("a", BackgroundTask.class,
					() -> new BackgroundTask("a", Duration.ofMillis(10), () -> threads.add(threadName())))
			.withBean("b", BackgroundTask.class,
					() -> new BackgroundTask("b", Duration.ofMillis(10), () -> threads.add(threadName())))
			.run((context) -> {
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threads).isNotEmpty());
				assertThat(threads).allMatch((name) -> name.startsWith("phoenix-background-"));
				// Bounded: never more threads than the pool holds, whatever the tasks
				assertThat(threads.size()).isLessThanOrEqualTo(2);
				// Not a TaskScheduler bean, so that the application's @Scheduled methods
				// keep Spring Boot's own scheduler
				assertThat(context).doesNotHaveBean(TaskScheduler.class);
			});
	}

	@Test
	void failuresAreCountedByTaskAndLoggedOncePerInterval(CapturedOutput output) {
		AtomicInteger runs = new AtomicInteger();
		this.contextRunner
			.withBean(BackgroundTask.class, () -> new BackgroundTask("broken", Duration.ofMillis(10), () -> {
				runs.incrementAndGet();
				throw new IllegalStateException("boom");
			}))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				// A failed run does not stop the next ones
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry.get("phoenix.background.task.failures")
						.tag("task", "broken")
						.functionCounter()
						.count()).isGreaterThanOrEqualTo(5));
				assertThat(output.getOut().lines().filter((line) -> line.contains("background task 'broken' failed")))
					.singleElement()
					.asString()
					.contains("boom");
			});
	}

	@Test
	void tasksStopWithTheContextAndNothingRunsOutsideIt() {
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		AtomicReference<BackgroundScheduler> scheduler = new AtomicReference<>();
		this.contextRunner
			.withBean(BackgroundTask.class,
					() -> new BackgroundTask("recording", Duration.ofMillis(10),
							() -> threads.add(Thread.currentThread())))
			.run((context) -> {
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threads).isNotEmpty());
				scheduler.set(context.getBean(BackgroundScheduler.class));
			});
		// Closed: stopped before the beans were destroyed, its threads gone
		assertThat(scheduler.get().isRunning()).isFalse();
		Future<?> late = scheduler.get().schedule("late", () -> threads.add(Thread.currentThread()), Duration.ZERO);
		assertThat(late).isNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream().noneMatch(Thread::isAlive));
		// Not started yet: nothing is accepted
		BackgroundScheduler notStarted = new BackgroundScheduler(1, List.of());
		Future<?> early = notStarted.schedule("early", () -> threads.add(Thread.currentThread()), Duration.ZERO);
		assertThat(early).isNull();
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BackgroundScheduler.class));
	}

	private static String threadName() {
		return Thread.currentThread().getName();
	}

}
