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

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextScheduledExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.annotation.AsyncAnnotationAdvisor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.ReflectionUtils;

/**
 * Makes the tasks of the application's executor beans, and its {@code @Async} methods,
 * run with the context of the thread that submitted them: the current observation (and
 * with it the trace and span ids in the MDC) and the correlation and request ids.
 * <p>
 * Spring's own executors ({@link ThreadPoolTaskExecutor},
 * {@link ThreadPoolTaskScheduler}, {@link SimpleAsyncTaskExecutor}) keep their type and
 * settings and get a task decorator, composed with the one the application set. JDK
 * executors are wrapped with {@link ContextExecutorService} or
 * {@link ContextScheduledExecutorService} when the bean is declared as an interface that
 * the wrapper implements; a bean declared as a concrete class (such as
 * {@code ThreadPoolExecutor}) is left as it is, with one warning, so that injection by
 * that class keeps working.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ExecutorContextPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(ExecutorContextPostProcessor.class);

	private static final String PHOENIX_PACKAGE = "io.phoenix.observability.";

	private final ObjectProvider<ExecutorProperties> properties;

	private final ContextSnapshotFactory snapshots;

	private final Map<String, ExecutorService> threadPools = new ConcurrentHashMap<>();

	private volatile Set<String> excludedBeans;

	private ConfigurableListableBeanFactory beanFactory;

	/**
	 * Create a post-processor.
	 * @param properties the properties, looked up when the first executor bean is seen
	 */
	public ExecutorContextPostProcessor(ObjectProvider<ExecutorProperties> properties) {
		this.properties = properties;
		this.snapshots = snapshotFactory();
	}

	/**
	 * Return a factory of snapshots of the context that tasks carry: the current
	 * observation and what Phoenix's own thread-local accessors hold (such as the
	 * correlation context and the pipeline run), and no other thread local, so that what
	 * a library keeps per thread stays on its thread.
	 * @return the snapshot factory
	 */
	static ContextSnapshotFactory snapshotFactory() {
		ContextRegistry registry = ContextRegistry.getInstance();
		Set<Object> keys = new HashSet<>();
		keys.add(ObservationThreadLocalAccessor.KEY);
		for (ThreadLocalAccessor<?> accessor : registry.getThreadLocalAccessors()) {
			if (accessor.getClass().getName().startsWith(PHOENIX_PACKAGE)) {
				keys.add(accessor.key());
			}
		}
		Set<Object> propagated = Set.copyOf(keys);
		return ContextSnapshotFactory.builder()
			.contextRegistry(registry)
			.captureKeyPredicate(propagated::contains)
			.build();
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		// Before initialization: ThreadPoolTaskExecutor reads its decorator when it
		// creates its pool
		if ((bean instanceof ThreadPoolTaskExecutor || bean instanceof ThreadPoolTaskScheduler
				|| bean instanceof SimpleAsyncTaskExecutor) && !isExcluded(beanName)) {
			decorate(bean, beanName);
		}
		return bean;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof Advised advised && !isExcluded(beanName)) {
			addAsyncContext(advised);
		}
		if (!(bean instanceof Executor executor) || bean instanceof ContextExecutorService
				|| bean instanceof ContextExecutor || isExcluded(beanName)) {
			return bean;
		}
		if (bean instanceof TaskExecutor) {
			if (!(bean instanceof ThreadPoolTaskExecutor || bean instanceof ThreadPoolTaskScheduler
					|| bean instanceof SimpleAsyncTaskExecutor || bean instanceof SyncTaskExecutor)) {
				warn(beanName, bean.getClass(),
						"use a ThreadPoolTaskExecutor or a SimpleAsyncTaskExecutor (setVirtualThreads for virtual threads)");
			}
			return bean;
		}
		if (bean instanceof ThreadPoolExecutor || bean instanceof ForkJoinPool) {
			this.threadPools.put(beanName, (ExecutorService) bean);
		}
		Class<?> declared = declaredType(beanName, bean);
		if (bean instanceof ScheduledExecutorService scheduled
				&& declared.isAssignableFrom(ScheduledExecutorService.class)) {
			return ContextScheduledExecutorService.wrap(scheduled, this.snapshots);
		}
		if (bean instanceof ExecutorService service && declared.isAssignableFrom(ExecutorService.class)) {
			return ContextExecutorService.wrap(service, this.snapshots);
		}
		if (!(bean instanceof ExecutorService) && declared.isAssignableFrom(Executor.class)) {
			return new ContextExecutor(executor, this.snapshots);
		}
		warn(beanName, declared, "declare the @Bean method's return type as "
				+ ((bean instanceof ScheduledExecutorService) ? "ScheduledExecutorService" : "ExecutorService"));
		return bean;
	}

	/**
	 * Return the thread pools among the executor beans, by bean name, for their metrics.
	 * @return the thread pools
	 */
	Map<String, ExecutorService> threadPools() {
		return this.threadPools;
	}

	private void decorate(Object bean, String beanName) {
		// Spring offers no getter for the decorator: read its field, once per bean at
		// startup, so that the application's decorator is composed, never replaced
		Field field = ReflectionUtils.findField(bean.getClass(), "taskDecorator", TaskDecorator.class);
		if (field == null) {
			// Without reading it, a decorator that the application set would be lost
			warn(beanName, bean.getClass(), "set a ContextPropagatingTaskDecorator on it");
			return;
		}
		ReflectionUtils.makeAccessible(field);
		TaskDecorator existing = (TaskDecorator) ReflectionUtils.getField(field, bean);
		if (existing instanceof ContextPropagatingTaskDecorator) {
			// Boot's builders with spring.task.execution.propagate-context, or the app's
			return;
		}
		TaskDecorator propagating = new ContextPropagatingTaskDecorator(this.snapshots);
		// Ours is applied last, so that it runs first and the app's decorator sees the
		// ids
		TaskDecorator decorator = (existing != null) ? new CompositeTaskDecorator(List.of(existing, propagating))
				: propagating;
		if (bean instanceof ThreadPoolTaskExecutor executor) {
			executor.setTaskDecorator(decorator);
		}
		else if (bean instanceof ThreadPoolTaskScheduler scheduler) {
			scheduler.setTaskDecorator(decorator);
		}
		else if (bean instanceof SimpleAsyncTaskExecutor executor) {
			executor.setTaskDecorator(decorator);
		}
	}

	private void addAsyncContext(Advised advised) {
		if (advised.isFrozen()) {
			return;
		}
		Advisor[] advisors = advised.getAdvisors();
		for (Advisor advisor : advisors) {
			if (advisor.getAdvice() instanceof AsyncContextInterceptor) {
				return;
			}
		}
		for (int i = 0; i < advisors.length; i++) {
			if (advisors[i] instanceof AsyncAnnotationAdvisor async) {
				// Captured before the method is handed to its executor, restored after,
				// on
				// whichever executor Spring picked: an AsyncConfigurer's, or the
				// SimpleAsyncTaskExecutor it creates when it finds no TaskExecutor bean
				advised.addAdvisor(i + 1,
						new DefaultPointcutAdvisor(async.getPointcut(), AsyncContextInterceptor.restoring()));
				advised.addAdvisor(i, new DefaultPointcutAdvisor(async.getPointcut(),
						AsyncContextInterceptor.capturing(this.snapshots)));
				return;
			}
		}
	}

	// What the application declared (a @Bean method's return type), which is what it
	// may inject, rather than the class of the instance
	private Class<?> declaredType(String beanName, Object bean) {
		if (this.beanFactory != null && this.beanFactory.containsBeanDefinition(beanName)) {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
			if (definition instanceof RootBeanDefinition root) {
				Class<?> type = root.getResolvableType().resolve();
				if (type != null) {
					return type;
				}
			}
		}
		// Unknown: keep the type it has
		return bean.getClass();
	}

	private boolean isExcluded(String beanName) {
		Set<String> excluded = this.excludedBeans;
		if (excluded == null) {
			excluded = Set.copyOf(this.properties.getIfAvailable(ExecutorProperties::new).getExcludedBeans());
			this.excludedBeans = excluded;
		}
		return excluded.contains(beanName);
	}

	private static void warn(String beanName, Class<?> type, String fix) {
		logger.warn(("Tasks of executor bean '%s' (%s) run without the trace and correlation ids: %s, or list it "
				+ "in phoenix.observability.executors.excluded-beans to leave it as it is")
			.formatted(beanName, type.getName(), fix));
	}

}
