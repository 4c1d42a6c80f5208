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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LineIds}.
 *
 * @author Phoenix Observability
 */
class LineIdsTests {

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void putsTheIdsTheMdcLacksAndRemovesThemOnly() {
		MDC.put(CorrelationContext.CORRELATION_ID, "from-request");
		int added = LineIds.put("from-line", "request-1", "trace-1", null);
		assertThat(MDC.getCopyOfContextMap()).containsEntry(CorrelationContext.CORRELATION_ID, "from-request")
			.containsEntry(CorrelationContext.REQUEST_ID, "request-1")
			.containsEntry(LineIds.TRACE_ID, "trace-1")
			.doesNotContainKey(LineIds.SPAN_ID);
		LineIds.remove(added);
		assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys(CorrelationContext.CORRELATION_ID)
			.containsEntry(CorrelationContext.CORRELATION_ID, "from-request");
	}

	@Test
	void nothingToPutLeavesTheMdcAlone() {
		int added = LineIds.put(null, null, null, null);
		assertThat(added).isZero();
		LineIds.remove(added);
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

}
