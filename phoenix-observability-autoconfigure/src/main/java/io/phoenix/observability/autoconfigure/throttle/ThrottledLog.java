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

package io.phoenix.observability.autoconfigure.throttle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;

/**
 * Writes a warning at most once per interval and says in the next one how many were held
 * back, so that a flood of bad input or a collector that is down cannot flood the log.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class ThrottledLog {

	private final Log log;

	private final long intervalNanos;

	private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

	private final LongAdder suppressed = new LongAdder();

	/**
	 * Create a new instance.
	 * @param log the log to write to
	 * @param interval the minimum time between two lines
	 */
	public ThrottledLog(Log log, Duration interval) {
		this.log = log;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Write a warning unless one was written less than an interval ago.
	 * @param message supplies the message; called only when the line is written
	 * @return whether the line was written
	 */
	public boolean warn(Supplier<String> message) {
		long now = System.nanoTime();
		long next = this.nextAllowed.get();
		if ((next != Long.MIN_VALUE && now - next < 0)
				|| !this.nextAllowed.compareAndSet(next, now + this.intervalNanos)) {
			this.suppressed.increment();
			return false;
		}
		long held = this.suppressed.sumThenReset();
		this.log.warn((held > 0) ? message.get() + " (" + held + " similar warnings suppressed)" : message.get());
		return true;
	}

}
