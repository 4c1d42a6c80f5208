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

package io.phoenix.observability.autoconfigure.correlation;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CorrelationThreadLocalAccessor}.
 *
 * @author Phoenix Observability
 */
class CorrelationThreadLocalAccessorTests {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	@AfterEach
	void shutdown() throws InterruptedException {
		MDC.clear();
		this.executor.shutdownNow();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void isRegisteredThroughServiceLoader() {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.anySatisfy((accessor) -> assertThat(accessor).isInstanceOf(CorrelationThreadLocalAccessor.class));
	}

	@Test
	void carriesIdsToAnotherThreadAndClearsThemAfterScope() throws Exception {
		new CorrelationContext("corr-1", "req-1").putInMdc();
		ContextSnapshot snapshot = this.snapshots.captureAll();
		MDC.clear();
		Map<String, String> during = this.executor.submit(() -> {
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				return Map.of("correlation", String.valueOf(MDC.get(CorrelationContext.CORRELATION_ID)), "request",
						String.valueOf(MDC.get(CorrelationContext.REQUEST_ID)));
			}
		}).get(5, TimeUnit.SECONDS);
		assertThat(during).containsEntry("correlation", "corr-1").containsEntry("request", "req-1");
		assertThat(this.executor.submit(() -> MDC.get(CorrelationContext.CORRELATION_ID)).get(5, TimeUnit.SECONDS))
			.isNull();
		assertThat(this.executor.submit(() -> MDC.get(CorrelationContext.REQUEST_ID)).get(5, TimeUnit.SECONDS))
			.isNull();
	}

	@Test
	void wrappedTaskSeesIds() throws Exception {
		new CorrelationContext("corr-2", "req-2").putInMdc();
		Runnable wrapped = this.snapshots.captureAll().wrap(() -> MDC.put("seen", MDC.get("correlation_id")));
		String seen = this.executor.submit(() -> {
			wrapped.run();
			return MDC.get("seen");
		}).get(5, TimeUnit.SECONDS);
		assertThat(seen).isEqualTo("corr-2");
	}

	@Test
	void restoresPreviousIdsAfterScope() throws Exception {
		new CorrelationContext("corr-new", "req-new").putInMdc();
		ContextSnapshot snapshot = this.snapshots.captureAll();
		String after = this.executor.submit(() -> {
			new CorrelationContext("corr-old", "req-old").putInMdc();
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				assertThat(MDC.get(CorrelationContext.CORRELATION_ID)).isEqualTo("corr-new");
			}
			return MDC.get(CorrelationContext.CORRELATION_ID) + "/" + MDC.get(CorrelationContext.REQUEST_ID);
		}).get(5, TimeUnit.SECONDS);
		assertThat(after).isEqualTo("corr-old/req-old");
	}

	@Test
	void emptyMdcCapturesNothing() {
		assertThat(new CorrelationThreadLocalAccessor().getValue()).isNull();
		new CorrelationContext("corr-3", "req-3").putInMdc();
		assertThat(new CorrelationThreadLocalAccessor().getValue())
			.isEqualTo(new CorrelationContext("corr-3", "req-3"));
	}

}
