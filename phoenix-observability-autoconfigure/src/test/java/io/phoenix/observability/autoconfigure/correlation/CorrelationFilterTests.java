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

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CorrelationFilter}.
 *
 * @author Phoenix Observability
 */
class CorrelationFilterTests {

	private final CorrelationProperties properties = new CorrelationProperties();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final Map<String, String> mdcInChain = new HashMap<>();

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void echoesIncomingCorrelationId() throws Exception {
		this.request.addHeader("X-Correlation-ID", "abc-123");
		filter(CorrelationTracing.NONE).doFilter(this.request, this.response, recordingChain());
		assertThat(this.response.getHeader("X-Correlation-ID")).isEqualTo("abc-123");
		assertThat(this.mdcInChain).containsEntry(CorrelationContext.CORRELATION_ID, "abc-123");
	}

	@Test
	void headersCopiedFromADownstreamResponseDoNotReplaceThisHopsIds() throws Exception {
		this.request.addHeader("X-Correlation-ID", "abc-123");
		MockFilterChain proxying = new MockFilterChain() {

			@Override
			public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
				HttpServletResponse http = (HttpServletResponse) response;
				http.setHeader("x-correlation-id", "downstream");
				http.addHeader("X-Request-ID", "downstream");
				http.setHeader("X-Downstream", "kept");
			}

		};
		filter(CorrelationTracing.NONE).doFilter(this.request, this.response, proxying);
		assertThat(this.response.getHeaders("X-Correlation-ID")).containsExactly("abc-123");
		assertThat(this.response.getHeaders("X-Request-ID")).singleElement().isNotEqualTo("downstream");
		assertThat(this.response.getHeader("X-Downstream")).isEqualTo("kept");
	}

	@Test
	void setsRequestIdHeaderAndMdcDuringChain() throws Exception {
		filter(CorrelationTracing.NONE).doFilter(this.request, this.response, recordingChain());
		String correlationId = this.response.getHeader("X-Correlation-ID");
		String requestId = this.response.getHeader("X-Request-ID");
		assertThat(correlationId).matches("[0-9a-f]{32}");
		assertThat(requestId).matches("[0-9a-f]{32}").isNotEqualTo(correlationId);
		assertThat(this.mdcInChain).containsEntry(CorrelationContext.CORRELATION_ID, correlationId)
			.containsEntry(CorrelationContext.REQUEST_ID, requestId);
		assertThat(this.request.getAttribute(CorrelationContext.KEY))
			.isEqualTo(new CorrelationContext(correlationId, requestId));
	}

	@Test
	void mdcIsCleanAfterChain() throws Exception {
		filter(CorrelationTracing.NONE).doFilter(this.request, this.response, recordingChain());
		assertThat(this.mdcInChain).isNotEmpty();
		assertThat(MDC.get(CorrelationContext.CORRELATION_ID)).isNull();
		assertThat(MDC.get(CorrelationContext.REQUEST_ID)).isNull();
	}

	@Test
	void mdcIsCleanWhenChainThrows() {
		AtomicBoolean called = new AtomicBoolean();
		MockFilterChain failing = new MockFilterChain() {

			@Override
			public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
					throws IOException, ServletException {
				called.set(MDC.get(CorrelationContext.CORRELATION_ID) != null);
				throw new ServletException("boom");
			}

		};
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> filter(CorrelationTracing.NONE).doFilter(this.request, this.response, failing))
			.withMessage("boom");
		assertThat(called).isTrue();
		assertThat(MDC.get(CorrelationContext.CORRELATION_ID)).isNull();
		assertThat(MDC.get(CorrelationContext.REQUEST_ID)).isNull();
	}

	@Test
	void leavesOtherMdcEntriesAlone() throws Exception {
		MDC.put("user", "alice");
		filter(CorrelationTracing.NONE).doFilter(this.request, this.response, recordingChain());
		assertThat(MDC.get("user")).isEqualTo("alice");
	}

	@Test
	void replacesHostileHeader() throws Exception {
		this.request.addHeader("X-Correlation-ID", "<script>alert(1)</script>");
		filter(CorrelationTracing.NONE).doFilter(this.request, this.response, recordingChain());
		assertThat(this.response.getHeader("X-Correlation-ID")).matches("[0-9a-f]{32}");
		assertThat(this.mdcInChain.get(CorrelationContext.CORRELATION_ID)).matches("[0-9a-f]{32}");
	}

	@Test
	void usesConfiguredHeaders() throws Exception {
		this.properties.setHeader("X-Trace-Ref");
		this.properties.setRequestIdHeader("X-Hop");
		this.request.addHeader("X-Trace-Ref", "ref-1");
		filter(CorrelationTracing.NONE).doFilter(this.request, this.response, recordingChain());
		assertThat(this.response.getHeader("X-Trace-Ref")).isEqualTo("ref-1");
		assertThat(this.response.getHeader("X-Hop")).matches("[0-9a-f]{32}");
		assertThat(this.response.containsHeader("X-Correlation-ID")).isFalse();
	}

	@Test
	void usesTracingForBaggageAndTraceResponse() throws Exception {
		AtomicBoolean baggageClosed = new AtomicBoolean();
		Map<String, String> baggage = new HashMap<>();
		CorrelationTracing tracing = new CorrelationTracing() {

			@Override
			public String incomingCorrelationId() {
				return "from-baggage";
			}

			@Override
			public TraceScope enterCurrentTrace(String correlationId) {
				baggage.put("correlation_id", correlationId);
				return new TraceScope() {

					@Override
					public String traceResponse() {
						return "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
					}

					@Override
					public void close() {
						baggageClosed.set(true);
					}

				};
			}

		};
		this.request.addHeader("baggage", "correlation_id=from-baggage");
		filter(tracing).doFilter(this.request, this.response, recordingChain());
		assertThat(this.response.getHeader("X-Correlation-ID")).isEqualTo("from-baggage");
		assertThat(baggage).containsEntry("correlation_id", "from-baggage");
		assertThat(baggageClosed).isTrue();
		assertThat(this.response.getHeader("traceresponse"))
			.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		assertThat(this.request.getAttribute(CorrelationContext.TRACE_RESPONSE))
			.isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
	}

	@Test
	void requestWithoutBaggageIsNotLookedUpInBaggage() throws Exception {
		AtomicBoolean lookedUp = new AtomicBoolean();
		CorrelationTracing tracing = new CorrelationTracing() {

			@Override
			public String incomingCorrelationId() {
				lookedUp.set(true);
				return "from-baggage";
			}

		};
		filter(tracing).doFilter(this.request, this.response, recordingChain());
		assertThat(lookedUp).isFalse();
		assertThat(this.response.getHeader("X-Correlation-ID")).isNotEqualTo("from-baggage").hasSize(32);
	}

	@Test
	void correlationIdInItsOwnRemoteFieldHeaderIsLookedUpInBaggage() throws Exception {
		CorrelationTracing tracing = new CorrelationTracing() {

			@Override
			public String incomingCorrelationId() {
				return "from-remote-field";
			}

		};
		this.request.addHeader("correlation_id", "from-remote-field");
		filter(tracing).doFilter(this.request, this.response, recordingChain());
		assertThat(this.response.getHeader("X-Correlation-ID")).isEqualTo("from-remote-field");
	}

	@Test
	void headerWinsOverBaggage() throws Exception {
		this.request.addHeader("X-Correlation-ID", "from-header");
		CorrelationTracing tracing = new CorrelationTracing() {

			@Override
			public String incomingCorrelationId() {
				return "from-baggage";
			}

		};
		filter(tracing).doFilter(this.request, this.response, recordingChain());
		assertThat(this.response.getHeader("X-Correlation-ID")).isEqualTo("from-header");
	}

	@Test
	void emptyTraceResponseHeaderLeavesItOut() throws Exception {
		this.properties.setTraceResponseHeader("");
		CorrelationTracing tracing = new CorrelationTracing() {

			@Override
			public TraceScope enterCurrentTrace(String correlationId) {
				return () -> "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
			}

		};
		filter(tracing).doFilter(this.request, this.response, recordingChain());
		assertThat(this.response.getHeaderNames()).doesNotContain("traceresponse");
	}

	private CorrelationFilter filter(CorrelationTracing tracing) {
		return new CorrelationFilter(this.properties, tracing);
	}

	private MockFilterChain recordingChain() {
		return new MockFilterChain() {

			@Override
			public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
					throws IOException, ServletException {
				Map<String, String> mdc = MDC.getCopyOfContextMap();
				if (mdc != null) {
					CorrelationFilterTests.this.mdcInChain.putAll(mdc);
				}
				super.doFilter(request, response);
				((HttpServletResponse) response).setStatus(200);
			}

		};
	}

}
