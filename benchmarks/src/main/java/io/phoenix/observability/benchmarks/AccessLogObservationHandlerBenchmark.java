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

package io.phoenix.observability.benchmarks;

import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.LoggerFactory;

import io.phoenix.observability.autoconfigure.correlation.CorrelationContext;
import io.phoenix.observability.autoconfigure.requestlog.AccessLogObservationHandler;
import io.phoenix.observability.autoconfigure.requestlog.AccessLogProperties;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Cost of the access-log observation handler for one served request: reading the request,
 * building the event with its key-value pairs and handing it to an appender that, like
 * the asynchronous appender, only prepares it for deferred processing. Encoding is
 * measured apart, in {@code LogEncodingBenchmark}.
 *
 * @author Phoenix Observability
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessLogObservationHandlerBenchmark {

	private AccessLogObservationHandler handler;

	private MockHttpServletRequest request;

	private MockHttpServletResponse response;

	@Setup
	public void setup() {
		LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = loggerContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAndStopAllAppenders();
		root.setLevel(Level.WARN);
		Logger access = loggerContext.getLogger("phoenix.access");
		access.setLevel(Level.INFO);
		access.setAdditive(false);
		DeferringAppender appender = new DeferringAppender();
		appender.setContext(loggerContext);
		appender.start();
		access.addAppender(appender);
		this.handler = new AccessLogObservationHandler(new AccessLogProperties());
		this.request = new MockHttpServletRequest("GET", "/hello/42");
		this.request.setAttribute(CorrelationContext.KEY,
				new CorrelationContext("3f2b8c1e-4a5d-4e6f-9a7b-1c2d3e4f5a6b", "9a7b1c2d3e4f5a6b"));
		this.response = new MockHttpServletResponse();
		this.response.setStatus(200);
		this.response.setHeader("Content-Length", "17");
	}

	@Benchmark
	public ServerRequestObservationContext observe() {
		ServerRequestObservationContext context = new ServerRequestObservationContext(this.request, this.response);
		context.setPathPattern("/hello/{id}");
		this.handler.onStart(context);
		this.handler.onStop(context);
		return context;
	}

	private static final class DeferringAppender extends AppenderBase<ILoggingEvent> {

		@Override
		protected void append(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
		}

	}

}
