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

package io.phoenix.observability.autoconfigure.executor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.task.TaskExecutorMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixExecutorAutoConfiguration}: tasks of every kind of executor
 * bean see the submitting thread's correlation id and observation, and every bean stays
 * injectable as what it was declared.
 *
 * @author Phoenix Observability
 */
class PhoenixExecutorAutoConfigurationTests {

	private static final ObservationRegistry observations = ObservationRegistry.create();

	static {
		observations.observationConfig().observationHandler((context) -> true);
	}

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixExecutorAutoConfiguration.class));

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void executorServiceIsWrappedAndKeepsItsDeclaredType() {
		this.contextRunner.withUserConfiguration(ExecutorServiceConfiguration.class).run((context) -> {
			ExecutorService pool = context.getBean(ExecutorService.class);
			assertThat(pool).isInstanceOf(ContextExecutorService.class);
			assertPropagates(pool);
			assertSubmissionPropagates((task) -> pool.submit(task));
		});
	}

	@Test
	void wrappedPoolIsShutDownWithTheContext() {
		ExecutorService pool = Executors.newFixedThreadPool(1);
		this.contextRunner.withBean("pool", ExecutorService.class, () -> pool)
			.run((context) -> assertThat(context.getBean(ExecutorService.class)).isNotSameAs(pool));
		assertThat(pool.isShutdown()).isTrue();
	}

	@Test
	void completableFutureStagesOnTheExecutorCarryTheContext() {
		this.contextRunner.withUserConfiguration(ExecutorServiceConfiguration.class).run((context) -> {
			ExecutorService pool = context.getBean(ExecutorService.class);
			assertSubmissionPropagates((task) -> CompletableFuture.supplyAsync(() -> "first", pool)
				.thenApplyAsync((value) -> value + " second", pool)
				.thenAcceptAsync((value) -> task.run(), pool));
		});
	}

	@Test
	void scheduledExecutorServicesAreWrappedAndStillSchedule() {
		this.contextRunner.withUserConfiguration(ScheduledConfiguration.class).run((context) -> {
			ScheduledExecutorService pool = context.getBean("scheduledPool", ScheduledExecutorService.class);
			ScheduledExecutorService single = context.getBean("singleScheduler", ScheduledExecutorService.class);
			assertSubmissionPropagates((task) -> pool.schedule(task, 10, TimeUnit.MILLISECONDS));
			assertSubmissionPropagates((task) -> single.schedule(task, 10, TimeUnit.MILLISECONDS));
			assertPropagates(single);
		});
	}

	@Test
	void plainExecutorIsWrapped() {
		this.contextRunner.withBean("plain", Executor.class, () -> (command) -> new Thread(command).start())
			.run((context) -> assertPropagates(context.getBean(Executor.class)));
	}

	@Test
	void threadPoolTaskExecutorKeepsItsTypeSettingsAndDecorator() {
		this.contextRunner.withUserConfiguration(TaskExecutorConfiguration.class).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean(ThreadPoolTaskExecutor.class);
			assertThat(executor).isSameAs(context.getBean(TaskExecutorConfiguration.class).executor);
			assertThat(executor.getCorePoolSize()).isEqualTo(3);
			assertThat(executor.getThreadNamePrefix()).isEqualTo("app-");
			Seen seen = submitFromRequest(executor);
			assertThat(seen.thread()).startsWith("app-");
			assertThat(seen.decorated()).as("the application's decorator ran, with the ids").isTrue();
			assertSeesRequest(seen);
		});
	}

	@Test
	void threadPoolTaskSchedulerIsDecorated() {
		this.contextRunner.withBean("scheduler", ThreadPoolTaskScheduler.class, ThreadPoolTaskScheduler::new)
			.run((context) -> {
				ThreadPoolTaskScheduler scheduler = context.getBean(ThreadPoolTaskScheduler.class);
				assertPropagates(scheduler);
				assertSubmissionPropagates((task) -> scheduler.schedule(task, java.time.Instant.now().plusMillis(10)));
			});
	}

	@Test
	void simpleAsyncTaskExecutorIsDecorated() {
		this.contextRunner.withBean("simple", SimpleAsyncTaskExecutor.class, SimpleAsyncTaskExecutor::new)
			.run((context) -> assertPropagates(context.getBean(SimpleAsyncTaskExecutor.class)));
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsCarryTheContext() {
		this.contextRunner.withBean("virtual", SimpleAsyncTaskExecutor.class, () -> {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor();
			executor.setVirtualThreads(true);
			return executor;
		}).withBean("virtualPool", ExecutorService.class, () -> {
			try {
				return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}).run((context) -> {
			assertPropagates(context.getBean(SimpleAsyncTaskExecutor.class));
			assertPropagates(context.getBean(ExecutorService.class));
		});
	}

	@Test
	void threadPoolExecutorInjectedByItsClassStillStartsAndIsNamedInAWarning() {
		// Read from the logger itself: the console that an earlier test's logging set up
		// need not be the one this test's output capture sees
		Logger logger = (Logger) LoggerFactory.getLogger(ExecutorContextPostProcessor.class);
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		logger.addAppender(events);
		try {
			this.contextRunner.withUserConfiguration(ConcretePoolConfiguration.class).run((context) -> {
				assertThat(context).hasNotFailed();
				ThreadPoolExecutor pool = context.getBean(PoolUser.class).pool;
				assertThat(pool).isSameAs(context.getBean("concretePool"));
				assertThat(pool.getCorePoolSize()).isEqualTo(2);
				assertThat(events.list).singleElement().satisfies((event) -> {
					assertThat(event.getLevel()).isEqualTo(Level.WARN);
					assertThat(event.getFormattedMessage()).contains(
							"executor bean 'concretePool' (java.util.concurrent.ThreadPoolExecutor)",
							"declare the @Bean method's return type as ExecutorService",
							"phoenix.observability.executors.excluded-beans");
				});
			});
		}
		finally {
			logger.detachAppender(events);
		}
	}

	@Test
	void asyncMethodsFallingBackToSpringsOwnExecutorCarryTheContext() {
		// An ExecutorService bean is no TaskExecutor: Spring runs @Async on a new
		// SimpleAsyncTaskExecutor that is no bean
		this.contextRunner.withUserConfiguration(ExecutorServiceConfiguration.class, AsyncConfiguration.class)
			.run((context) -> {
				AsyncWorker worker = context.getBean(AsyncWorker.class);
				Seen seen = fromRequest(() -> worker.work().get(10, TimeUnit.SECONDS));
				assertThat(seen.thread()).startsWith("SimpleAsyncTaskExecutor-");
				assertSeesRequest(seen);
			});
	}

	@Test
	void asyncMethodsOnAnAsyncConfigurersOwnExecutorCarryTheContext() {
		this.contextRunner.withUserConfiguration(AsyncConfiguration.class, OwnAsyncConfigurer.class).run((context) -> {
			AsyncWorker worker = context.getBean(AsyncWorker.class);
			Seen seen = fromRequest(() -> worker.work().get(10, TimeUnit.SECONDS));
			assertThat(seen.thread()).startsWith("configurer-");
			assertSeesRequest(seen);
			// And the thread is clean for the next task
			assertThat(worker.work().get(10, TimeUnit.SECONDS).correlationId()).isNull();
		});
	}

	@Test
	void pooledThreadIsCleanAfterATask() {
		this.contextRunner.withBean("single", ExecutorService.class, Executors::newSingleThreadExecutor)
			.run((context) -> {
				ExecutorService pool = context.getBean(ExecutorService.class);
				assertPropagates(pool);
				Seen next = pool.submit(Seen::now).get(10, TimeUnit.SECONDS);
				assertThat(next.correlationId()).isNull();
				assertThat(next.observation()).isNull();
				assertThat(next.mdc()).isNullOrEmpty();
			});
	}

	@Test
	void taskThatRunsAfterItsRequestEndedCarriesThatRequestsIds() {
		this.contextRunner.withBean("single", ExecutorService.class, Executors::newSingleThreadExecutor)
			.run((context) -> {
				ExecutorService pool = context.getBean(ExecutorService.class);
				CountDownLatch release = new CountDownLatch(1);
				CompletableFuture<Seen> late = new CompletableFuture<>();
				Observation first = Observation.start("first", observations);
				try (Observation.Scope scope = first.openScope()) {
					new CorrelationContext("corr-1", "req-1").putInMdc();
					pool.execute(() -> {
						await(release);
						late.complete(Seen.now());
					});
				}
				finally {
					CorrelationContext.clearMdc();
					first.stop();
				}
				// The next request is being served when the first one's task runs
				Observation second = Observation.start("second", observations);
				try (Observation.Scope scope = second.openScope()) {
					new CorrelationContext("corr-2", "req-2").putInMdc();
					release.countDown();
					Seen seen = late.get(10, TimeUnit.SECONDS);
					assertThat(seen.correlationId()).isEqualTo("corr-1");
					assertThat(seen.observation()).isSameAs(first);
				}
				finally {
					second.stop();
				}
			});
	}

	@Test
	void excludedBeansAreLeftAsTheyAre() {
		this.contextRunner.withUserConfiguration(ExecutorServiceConfiguration.class)
			.withBean("other", ExecutorService.class, Executors::newSingleThreadExecutor)
			.withPropertyValues("phoenix.observability.executors.excluded-beans=pool")
			.run((context) -> {
				assertThat(context.getBean("pool")).isInstanceOf(ThreadPoolExecutor.class);
				assertThat(context.getBean("other")).isInstanceOf(ContextExecutorService.class);
				assertThat(submitFromRequest(context.getBean("pool", ExecutorService.class)).correlationId()).isNull();
			});
	}

	@Test
	void disabledLeavesExecutorsAlone() {
		this.contextRunner.withUserConfiguration(ExecutorServiceConfiguration.class)
			.withPropertyValues("phoenix.observability.executors.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ExecutorContextPostProcessor.class);
				assertThat(context.getBean("pool")).isInstanceOf(ThreadPoolExecutor.class);
				assertThat(submitFromRequest(context.getBean(ExecutorService.class)).correlationId()).isNull();
			});
	}

	@Test
	void invalidSwitchFailsWithThePropertysName() {
		this.contextRunner.withPropertyValues("phoenix.observability.executors.enabled=maybe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(
						"Invalid value 'maybe' for property 'phoenix.observability.executors.enabled'"));
	}

	@Test
	void backsOffWithoutContextPropagation() {
		this.contextRunner.withUserConfiguration(ExecutorServiceConfiguration.class)
			.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ExecutorContextPostProcessor.class);
				assertThat(context.getBean("pool")).isInstanceOf(ThreadPoolExecutor.class);
			});
	}

	@Test
	void threadPoolsGetExecutorMetricsUnderTheirBeanName() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, TaskExecutorMetricsAutoConfiguration.class))
			.withUserConfiguration(ExecutorServiceConfiguration.class, ConcretePoolConfiguration.class,
					TaskExecutorConfiguration.class)
			.withBean("forkJoin", ExecutorService.class, () -> new ForkJoinPool(2))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("executor.pool.core").tag("name", "pool").gauge().value()).isEqualTo(4);
				assertThat(registry.find("executor.pool.core").tag("name", "concretePool").gauge().value())
					.isEqualTo(2);
				assertThat(registry.find("executor.parallelism").tag("name", "forkJoin").gauge().value()).isEqualTo(2);
				// Spring Boot binds the ThreadPoolTaskExecutor itself, once
				assertThat(registry.find("executor.pool.core").tag("name", "appExecutor").gauges()).hasSize(1);
			});
	}

	private static void assertPropagates(Executor executor) throws Exception {
		assertSeesRequest(submitFromRequest(executor));
	}

	private static void assertSubmissionPropagates(Submitter submitter) throws Exception {
		CompletableFuture<Seen> seen = new CompletableFuture<>();
		Observation observation = Observation.start("request", observations);
		try (Observation.Scope scope = observation.openScope()) {
			new CorrelationContext("corr-1", "req-1").putInMdc();
			submitter.submit(() -> seen.complete(Seen.now()));
		}
		finally {
			CorrelationContext.clearMdc();
			observation.stop();
		}
		Seen result = seen.get(10, TimeUnit.SECONDS);
		assertThat(result.correlationId()).isEqualTo("corr-1");
		assertThat(result.observation()).isSameAs(observation);
	}

	private static Seen submitFromRequest(Executor executor) throws Exception {
		CompletableFuture<Seen> seen = new CompletableFuture<>();
		return fromRequest(() -> {
			executor.execute(() -> seen.complete(Seen.now()));
			return seen.get(10, TimeUnit.SECONDS);
		});
	}

	private static Seen fromRequest(java.util.concurrent.Callable<Seen> action) throws Exception {
		Observation observation = Observation.start("request", observations);
		try (Observation.Scope scope = observation.openScope()) {
			new CorrelationContext("corr-1", "req-1").putInMdc();
			Seen seen = action.call();
			assertThat(seen.observation()).as("observation").isIn(observation, null);
			return seen;
		}
		finally {
			CorrelationContext.clearMdc();
			observation.stop();
		}
	}

	private static void assertSeesRequest(Seen seen) {
		assertThat(seen.correlationId()).isEqualTo("corr-1");
		assertThat(seen.requestId()).isEqualTo("req-1");
		assertThat(seen.observation()).isNotNull();
		assertThat(seen.observation().getContext().getName()).isEqualTo("request");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@FunctionalInterface
	interface Submitter {

		void submit(Runnable task) throws Exception;

	}

	record Seen(String correlationId, String requestId, Observation observation, String thread, boolean decorated,
			java.util.Map<String, String> mdc) {

		static final ThreadLocal<Boolean> DECORATED = new ThreadLocal<>();

		static Seen now() {
			return new Seen(MDC.get(CorrelationContext.CORRELATION_ID), MDC.get(CorrelationContext.REQUEST_ID),
					observations.getCurrentObservation(), Thread.currentThread().getName(),
					Boolean.TRUE.equals(DECORATED.get()), MDC.getCopyOfContextMap());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ExecutorServiceConfiguration {

		@Bean
		ExecutorService pool() {
			return Executors.newFixedThreadPool(4);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScheduledConfiguration {

		@Bean
		ScheduledExecutorService scheduledPool() {
			return Executors.newScheduledThreadPool(2);
		}

		@Bean
		ScheduledExecutorService singleScheduler() {
			return Executors.newSingleThreadScheduledExecutor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskExecutorConfiguration {

		final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

		@Bean
		ThreadPoolTaskExecutor appExecutor() {
			this.executor.setCorePoolSize(3);
			this.executor.setThreadNamePrefix("app-");
			this.executor.setTaskDecorator(new FlagDecorator());
			return this.executor;
		}

	}

	static class FlagDecorator implements TaskDecorator {

		@Override
		public Runnable decorate(Runnable runnable) {
			return () -> {
				// Runs inside the propagating decorator: the ids are already there
				Seen.DECORATED.set(MDC.get(CorrelationContext.CORRELATION_ID) != null);
				try {
					runnable.run();
				}
				finally {
					Seen.DECORATED.remove();
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConcretePoolConfiguration {

		@Bean
		ThreadPoolExecutor concretePool() {
			return new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

		@Bean
		PoolUser poolUser(ThreadPoolExecutor concretePool) {
			return new PoolUser(concretePool);
		}

	}

	static class PoolUser {

		final ThreadPoolExecutor pool;

		PoolUser(ThreadPoolExecutor pool) {
			this.pool = pool;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		AsyncWorker asyncWorker() {
			return new AsyncWorker();
		}

	}

	static class AsyncWorker {

		@Async
		public CompletableFuture<Seen> work() {
			return CompletableFuture.completedFuture(Seen.now());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAsyncConfigurer implements AsyncConfigurer {

		@Override
		public Executor getAsyncExecutor() {
			// Not a bean: only the @Async advice can reach it
			return Executors.newSingleThreadExecutor((task) -> new Thread(task, "configurer-1"));
		}

	}

}
