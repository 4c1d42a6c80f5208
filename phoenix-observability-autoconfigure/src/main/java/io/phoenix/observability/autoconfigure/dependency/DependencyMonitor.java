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
package io.phoenix.observability.autoconfigure.dependency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.phoenix.observability.autoconfigure.background.BackgroundScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * Checks the declared dependencies in the background, each on its own interval and
 * bounded by its own timeout, in parallel on a small pool of daemon threads, and keeps
 * the last result of each. Readers (health, metrics) never wait on a dependency.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DependencyMonitor implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DependencyMonitor.class);

	private static final int MAX_WORKERS = 4;

	private static final String TASK = "dependency-checks";

	private static final String TIMEOUT_TASK = "dependency-check-timeouts";

	private final Map<String, Monitored> dependencies = new LinkedHashMap<>();

	private final List<DependencyStatusOverride> overrides;

	private final List<DependencyCheckListener> listeners = new CopyOnWriteArrayList<>();

	private final Clock clock;

	private final BackgroundScheduler scheduler;

	private volatile ExecutorService workers;

	/**
	 * Create a monitor.
	 * @param declarations the declared dependencies
	 * @param checks the check of each declared dependency, by name
	 * @param overrides what may override a checked state
	 * @param listeners what is told about each check
	 * @param clock the clock that times the checks
	 * @param scheduler the scheduler that starts the checks and ends those that take too
	 * long; the checks themselves run on threads of this monitor
	 */
	public DependencyMonitor(DependencyDeclarations declarations, Map<String, DependencyCheck> checks,
			List<DependencyStatusOverride> overrides, List<DependencyCheckListener> listeners, Clock clock,
			BackgroundScheduler scheduler) {
		declarations.getDependencies()
			.forEach((name, properties) -> this.dependencies.put(name,
					new Monitored(name, properties, Objects.requireNonNull(checks.get(name), name))));
		this.overrides = List.copyOf(overrides);
		this.listeners.addAll(listeners);
		this.clock = clock;
		this.scheduler = scheduler;
	}

	/**
	 * Return the names of the monitored dependencies.
	 * @return the names
	 */
	public Set<String> getNames() {
		return this.dependencies.keySet();
	}

	/**
	 * Return the declaration of a dependency.
	 * @param name the name of the dependency
	 * @return its declaration, or {@code null} if there is none
	 */
	public @Nullable DependencyProperties getProperties(String name) {
		Monitored monitored = this.dependencies.get(name);
		return (monitored != null) ? monitored.properties : null;
	}

	/**
	 * Return the names of the critical dependencies, those that take part in readiness.
	 * @return the names
	 */
	public Set<String> getCriticalNames() {
		return this.dependencies.values()
			.stream()
			.filter((monitored) -> monitored.properties.isCritical())
			.map((monitored) -> monitored.name)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Return the state of a dependency as last checked, with any override applied. Never
	 * blocks.
	 * @param name the name of the dependency
	 * @return its state
	 * @throws IllegalArgumentException if no dependency has that name
	 */
	public DependencyState getState(String name) {
		Monitored monitored = this.dependencies.get(name);
		if (monitored == null) {
			throw new IllegalArgumentException("No dependency named '" + name + "'");
		}
		DependencyState state = monitored.state;
		for (DependencyStatusOverride override : this.overrides) {
			state = override.override(name, monitored.properties, state);
		}
		return state;
	}

	/**
	 * Tell the given listener about every check from now on.
	 * @param listener the listener
	 */
	public void addListener(DependencyCheckListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void start() {
		if (this.workers != null || this.dependencies.isEmpty()) {
			return;
		}
		int workers = Math.min(MAX_WORKERS, this.dependencies.size());
		// At most one check per dependency is ever queued or running, so the queue is
		// bounded by the number of dependencies
		this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				daemonThreads("phoenix-dependency-check"));
		this.dependencies.values().forEach((monitored) -> schedule(monitored, Duration.ZERO));
	}

	@Override
	public void stop() {
		ExecutorService workers = this.workers;
		this.workers = null;
		if (workers != null) {
			workers.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.workers != null;
	}

	@Override
	public int getPhase() {
		// Starts after the scheduler and stops before it
		return BackgroundScheduler.PHASE + 1;
	}

	private void schedule(Monitored monitored, Duration delay) {
		if (this.workers != null) {
			this.scheduler.schedule(TASK, () -> run(monitored), delay);
		}
	}

	private void run(Monitored monitored) {
		ExecutorService workers = this.workers;
		if (workers == null) {
			return;
		}
		Future<?> previous = monitored.running;
		Instant start = this.clock.instant();
		if (previous != null && !previous.isDone()) {
			// The last check ignored its interruption: report it, start no second one
			complete(monitored, new AtomicBoolean(), start, new TimeoutException("Previous check still running"));
			return;
		}
		AtomicBoolean done = new AtomicBoolean();
		Future<?> running;
		try {
			running = workers.submit(() -> {
				Exception failure = null;
				try {
					monitored.check.check(monitored.properties.getTimeout());
				}
				catch (Exception ex) {
					failure = ex;
				}
				complete(monitored, done, start, failure);
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopped meanwhile
			return;
		}
		monitored.running = running;
		this.scheduler.schedule(TIMEOUT_TASK, () -> {
			if (!running.isDone()) {
				running.cancel(true);
				complete(monitored, done, start, new TimeoutException(
						"No answer within " + monitored.properties.getTimeout().toMillis() + "ms"));
			}
		}, monitored.properties.getTimeout());
	}

	private void complete(Monitored monitored, AtomicBoolean done, Instant start, Exception failure) {
		if (!done.compareAndSet(false, true)) {
			return;
		}
		try {
			record(monitored, start, failure);
		}
		catch (RuntimeException ex) {
			logger.warn("Recording the check of dependency '{}' failed", monitored.name, ex);
		}
		finally {
			schedule(monitored, monitored.properties.getInterval());
		}
	}

	private void record(Monitored monitored, Instant start, Exception failure) {
		Instant end = this.clock.instant();
		Duration latency = Duration.between(start, end);
		Status status = (failure != null) ? Status.DOWN : Status.UP;
		DependencyState previous = monitored.state;
		Instant changedAt = status.equals(previous.status()) ? previous.changedAt() : end;
		String error = (failure != null) ? failure.getClass().getSimpleName() : null;
		DependencyState state = new DependencyState(status, latency, end, changedAt, error, null);
		monitored.state = state;
		if (!status.equals(previous.status())) {
			logger.atInfo()
				.addKeyValue("dependency", monitored.name)
				.addKeyValue("from", previous.status().getCode())
				.addKeyValue("to", status.getCode())
				.addKeyValue("error", error)
				.log("Dependency '{}' is {}", monitored.name, status.getCode());
		}
		for (DependencyCheckListener listener : this.listeners) {
			listener.checked(monitored.name, monitored.properties, state);
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static final class Monitored {

		private final String name;

		private final DependencyProperties properties;

		private final DependencyCheck check;

		private volatile DependencyState state = DependencyState.UNKNOWN;

		private volatile Future<?> running;

		Monitored(String name, DependencyProperties properties, DependencyCheck check) {
			this.name = name;
			this.properties = properties;
			this.check = check;
		}

	}

}
