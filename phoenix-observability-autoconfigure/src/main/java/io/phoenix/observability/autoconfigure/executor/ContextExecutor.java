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

import java.util.concurrent.Executor;

import io.micrometer.context.ContextSnapshotFactory;

/**
 * An {@link Executor} whose tasks run with the context of the thread that submitted them.
 * The counterpart, for a bean declared as a plain {@code Executor}, of
 * {@link io.micrometer.context.ContextExecutorService}.
 *
 * @author Phoenix Observability
 */
final class ContextExecutor implements Executor {

	private final Executor delegate;

	private final ContextSnapshotFactory snapshots;

	ContextExecutor(Executor delegate, ContextSnapshotFactory snapshots) {
		this.delegate = delegate;
		this.snapshots = snapshots;
	}

	@Override
	public void execute(Runnable command) {
		this.delegate.execute(this.snapshots.captureAll().wrap(command));
	}

	@Override
	public String toString() {
		return "ContextExecutor[" + this.delegate + "]";
	}

}
