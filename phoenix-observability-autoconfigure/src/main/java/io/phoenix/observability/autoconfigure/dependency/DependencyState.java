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
package io.phoenix.observability.autoconfigure.dependency;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Status;

/**
 * What is known about a dependency: the result of its last check, possibly overridden (by
 * an open circuit breaker, for example).
 *
 * @param status the status: {@code UNKNOWN} until the first check has answered
 * @param latency how long the last check took, or {@code null} before the first
 * @param checkedAt when the last check ended, or {@code null} before the first
 * @param changedAt when the status last changed, or {@code null} before the first check
 * @param error the type of the last check's error, or {@code null} if it succeeded
 * @param reason why the checked status was overridden, or {@code null}
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record DependencyState(Status status, @Nullable Duration latency, @Nullable Instant checkedAt,
		@Nullable Instant changedAt, @Nullable String error, @Nullable String reason) {

	/**
	 * The state of a dependency that has not answered yet.
	 */
	public static final DependencyState UNKNOWN = new DependencyState(Status.UNKNOWN, null, null, null, null, null);

	/**
	 * Return this state with its status overridden.
	 * @param status the status
	 * @param reason why
	 * @return the overridden state
	 */
	public DependencyState overriddenBy(Status status, String reason) {
		return new DependencyState(status, this.latency, this.checkedAt, this.changedAt, this.error, reason);
	}

}
