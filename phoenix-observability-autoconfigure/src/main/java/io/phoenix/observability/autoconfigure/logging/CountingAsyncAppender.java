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

package io.phoenix.observability.autoconfigure.logging;

import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import net.logstash.logback.appender.listener.AppenderListener;

/**
 * Asynchronous appender that never blocks the logging thread: when its queue is full the
 * event is dropped at once and counted.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CountingAsyncAppender extends LoggingEventAsyncDisruptorAppender {

	/**
	 * Name under which the appender is attached to the root logger.
	 */
	public static final String NAME = "PHOENIX_ASYNC";

	private final LongAdder dropped = new LongAdder();

	public CountingAsyncAppender() {
		setName(NAME);
		// Appending waits for no free slot: a full queue drops and counts the event
		setAppendTimeout(ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
		addListener(new AppenderListener<>() {

			@Override
			public void eventAppendFailed(Appender<ILoggingEvent> appender, ILoggingEvent event, Throwable reason) {
				CountingAsyncAppender.this.dropped.increment();
			}

		});
	}

	/**
	 * Return the number of events dropped because the queue was full or the appender was
	 * stopping.
	 * @return the number of dropped events
	 */
	public long getDroppedEvents() {
		return this.dropped.sum();
	}

}
