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

package io.phoenix.observability.autoconfigure.slo;

import org.jspecify.annotations.Nullable;

/**
 * A fixed-size ring of cumulative event counts, one sample per step: the memory of the
 * live error budgets. The error ratio over a window is the difference between the newest
 * sample and the one a window earlier.
 *
 * @author Phoenix Observability
 */
final class SampleRing {

	private final long stepMillis;

	private final long coverageMillis;

	private final long[] times;

	private final double[] bad;

	private final double[] total;

	private int next;

	private int size;

	/**
	 * Create a ring.
	 * @param stepMillis the minimum time between two kept samples; 0 keeps every sample
	 * @param coverageMillis how far back the ring reaches when full
	 * @param capacity the number of samples kept
	 */
	SampleRing(long stepMillis, long coverageMillis, int capacity) {
		this.stepMillis = stepMillis;
		this.coverageMillis = coverageMillis;
		this.times = new long[capacity];
		this.bad = new double[capacity];
		this.total = new double[capacity];
	}

	long coverageMillis() {
		return this.coverageMillis;
	}

	int capacity() {
		return this.times.length;
	}

	/**
	 * Keep a sample, unless the newest one is less than a step old.
	 * @param time the time of the sample, in milliseconds
	 * @param badCount the cumulative count of bad events
	 * @param totalCount the cumulative count of all events
	 */
	synchronized void offer(long time, double badCount, double totalCount) {
		if (this.size > 0 && time - this.times[index(0)] < this.stepMillis) {
			return;
		}
		this.times[this.next] = time;
		this.bad[this.next] = badCount;
		this.total[this.next] = totalCount;
		this.next = (this.next + 1) % this.times.length;
		this.size = Math.min(this.size + 1, this.times.length);
	}

	/**
	 * Return the counts between the newest sample and the newest one at least a window
	 * older (or the oldest kept, when the ring does not reach that far back).
	 * @param newest the newest sample, which may come from a finer ring
	 * @param windowMillis the window
	 * @return bad and total events in the window, or {@code null} without samples
	 */
	synchronized double @Nullable [] delta(double[] newest, long windowMillis) {
		if (this.size == 0 || newest == null) {
			return null;
		}
		long target = (long) newest[0] - windowMillis;
		int found = this.size - 1;
		for (int age = 0; age < this.size; age++) {
			if (this.times[index(age)] <= target) {
				found = age;
				break;
			}
		}
		int i = index(found);
		return new double[] { Math.max(0, newest[1] - this.bad[i]), Math.max(0, newest[2] - this.total[i]) };
	}

	/**
	 * Return the newest sample: time, bad and total.
	 * @return the sample, or {@code null} without samples
	 */
	synchronized double @Nullable [] newest() {
		if (this.size == 0) {
			return null;
		}
		int i = index(0);
		return new double[] { this.times[i], this.bad[i], this.total[i] };
	}

	private int index(int age) {
		return Math.floorMod(this.next - 1 - age, this.times.length);
	}

}
