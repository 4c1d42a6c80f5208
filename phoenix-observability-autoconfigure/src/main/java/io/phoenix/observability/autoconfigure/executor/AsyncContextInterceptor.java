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

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Carries the context of an {@code @Async} method's caller to the thread that runs it.
 * One instance sits before Spring's asynchronous execution interceptor and captures the
 * context into the invocation; the other sits after it, on the executor's thread, and
 * restores it around the method.
 *
 * @author Phoenix Observability
 */
final class AsyncContextInterceptor implements MethodInterceptor {

	private static final String SNAPSHOT = AsyncContextInterceptor.class.getName() + ".snapshot";

	private final ContextSnapshotFactory snapshots;

	private AsyncContextInterceptor(ContextSnapshotFactory snapshots) {
		this.snapshots = snapshots;
	}

	static AsyncContextInterceptor capturing(ContextSnapshotFactory snapshots) {
		return new AsyncContextInterceptor(snapshots);
	}

	static AsyncContextInterceptor restoring() {
		return new AsyncContextInterceptor(null);
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (!(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		if (this.snapshots != null) {
			proxyInvocation.setUserAttribute(SNAPSHOT, this.snapshots.captureAll());
			return invocation.proceed();
		}
		if (proxyInvocation.getUserAttribute(SNAPSHOT) instanceof ContextSnapshot snapshot) {
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				return invocation.proceed();
			}
		}
		return invocation.proceed();
	}

}
