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

package io.phoenix.observability.autoconfigure.pipeline;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Applies {@link PipelineRun @PipelineRun} and {@link AgentStep @AgentStep} to the
 * methods of Spring beans through Spring AOP's proxies, so that no AspectJ weaver is
 * needed (as Micrometer's {@code @Observed} needs one, and a property besides).
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class PipelineAnnotationsAdvisor extends AbstractPointcutAdvisor {

	private final Pointcut pointcut = new ComposablePointcut(
			new AnnotationMatchingPointcut(null, PipelineRun.class, true))
		.union(new AnnotationMatchingPointcut(null, AgentStep.class, true));

	private final Interceptor interceptor;

	/**
	 * Create an advisor.
	 * @param pipelines the API the advised methods call, looked up at their first call
	 */
	public PipelineAnnotationsAdvisor(ObjectProvider<Pipelines> pipelines) {
		this.interceptor = new Interceptor(pipelines);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	private static final class Interceptor implements MethodInterceptor {

		private final ObjectProvider<Pipelines> pipelines;

		private final Map<MethodClassKey, Step> steps = new ConcurrentHashMap<>();

		private Interceptor(ObjectProvider<Pipelines> pipelines) {
			this.pipelines = pipelines;
		}

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			Class<?> target = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis()) : null;
			Step step = this.steps.computeIfAbsent(new MethodClassKey(invocation.getMethod(), target),
					(key) -> step(invocation.getMethod(), target));
			Pipelines pipelines = this.pipelines.getIfAvailable();
			if (step == Step.NONE || pipelines == null) {
				return invocation.proceed();
			}
			return step.run() ? pipelines.run(step.name(), null, invocation::proceed)
					: pipelines.agent(step.name(), invocation::proceed);
		}

		private static Step step(Method invoked, Class<?> target) {
			Method method = AopUtils.getMostSpecificMethod(invoked, target);
			PipelineRun run = AnnotatedElementUtils.findMergedAnnotation(method, PipelineRun.class);
			if (run != null) {
				return new Step(true, run.value().isEmpty() ? method.getName() : run.value());
			}
			AgentStep agent = AnnotatedElementUtils.findMergedAnnotation(method, AgentStep.class);
			if (agent != null) {
				return new Step(false, agent.value().isEmpty() ? method.getName() : agent.value());
			}
			return Step.NONE;
		}

	}

	private record Step(boolean run, String name) {

		static final Step NONE = new Step(false, "");

	}

}
