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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.phoenix.observability.autoconfigure.throttle.ThrottledLog;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The one scheduler of Phoenix's background work (dependency checks, health status
 * gauges, SLO sampling): a small, bounded pool of daemon threads named
 * {@code phoenix-background-N}, running between the start of the application context and
 * its close, so that no task runs before the beans it reads are ready or after they are
 * destroyed. A task that fails is counted by name and reported at most once per minute;
 * its next runs still happen.
 * <p>
 * It is neither a {@code TaskScheduler} nor an {@code Executor} bean, so that the
 * application's own {@code @Scheduled} methods and executors are untouched.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class BackgroundScheduler implements SmartLifecycle {

	/**
	 * Prefix of the names of the scheduler's threads.
	 */
	public static final String THREAD_NAME_PREFIX = "phoenix-background-";

	/**
	 * Phase of the scheduler: before the beans that schedule work on it start, after they
	 * stop.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

	private final int poolSize;

	private final List<BackgroundTask> tasks;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final List<Consumer<String>> taskListeners = new CopyOnWriteArrayList<>();

	private final List<ScheduledFuture<?>> repeating = new ArrayList<>();

	private volatile @Nullable ThreadPoolTaskScheduler scheduler;

	/**
	 * Create a scheduler.
	 * @param poolSize the number of threads
	 * @param tasks the tasks to repeat while the scheduler runs
	 */
	public BackgroundScheduler(int poolSize, List<BackgroundTask> tasks) {
		this.poolSize = poolSize;
		this.tasks = List.copyOf(tasks);
		this.tasks.forEach((task) -> failures(task.name()));
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(this.poolSize);
		scheduler.setThreadNamePrefix(THREAD_NAME_PREFIX);
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.setWaitForTasksToCompleteOnShutdown(false);
		scheduler.initialize();
		this.scheduler = scheduler;
		for (BackgroundTask task : this.tasks) {
			this.repeating.add(scheduler.scheduleWithFixedDelay(guarded(task.name(), task.action()), task.interval()));
		}
	}

	@Override
	public synchronized void stop() {
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		this.scheduler = null;
		this.repeating.forEach((future) -> future.cancel(true));
		this.repeating.clear();
		if (scheduler != null) {
			scheduler.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Run an action once, after a delay, unless the scheduler has stopped by then.
	 * @param task the name of the task, the {@code task} tag of its failures
	 * @param action what to run
	 * @param delay the time to wait before running it
	 * @return the scheduled run, or {@code null} when the scheduler is not running
	 */
	public @Nullable ScheduledFuture<?> schedule(String task, Runnable action, Duration delay) {
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		if (scheduler == null) {
			return null;
		}
		try {
			return scheduler.schedule(guarded(task, action), scheduler.getClock().instant().plus(delay));
		}
		catch (TaskRejectedException ex) {
			// Stopped meanwhile
			return null;
		}
	}

	/**
	 * Return the names of the tasks seen so far.
	 * @return the names
	 */
	public Set<String> getTaskNames() {
		return Set.copyOf(this.failures.keySet());
	}

	/**
	 * Return how many runs of a task have failed.
	 * @param task the name of the task
	 * @return the number of failed runs
	 */
	public long getFailures(String task) {
		Failures failures = this.failures.get(task);
		return (failures != null) ? failures.count.sum() : 0;
	}

	/**
	 * Tell a listener the name of every task seen from now on, such as a meter binder
	 * that counts the failures of each.
	 * @param listener the listener
	 */
	public void onNewTask(Consumer<String> listener) {
		this.taskListeners.add(listener);
	}

	private Runnable guarded(String task, Runnable action) {
		Failures failures = failures(task);
		return () -> {
			if (this.scheduler == null) {
				return;
			}
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				failures.count.increment();
				failures.log.warn(() -> "Phoenix background task '" + task + "' failed: " + ex);
			}
		};
	}

	private Failures failures(String task) {
		Failures existing = this.failures.get(task);
		if (existing != null) {
			return existing;
		}
		Failures created = new Failures();
		Failures previous = this.failures.putIfAbsent(task, created);
		if (previous != null) {
			return previous;
		}
		this.taskListeners.forEach((listener) -> listener.accept(task));
		return created;
	}

	private static final class Failures {

		private final LongAdder count = new LongAdder();

		private final ThrottledLog log = new ThrottledLog(LogFactory.getLog(BackgroundScheduler.class),
				FAILURE_LOG_INTERVAL);

	}

}
