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

package io.phoenix.observability.autoconfigure.pipeline;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * The statuses of pipeline runs and agent steps.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class PipelineStatus {

	/**
	 * The work completed.
	 */
	public static final String SUCCESS = "success";

	/**
	 * The work failed with an exception.
	 */
	public static final String ERROR = "error";

	/**
	 * The work failed with a timeout, anywhere in the exception's causes.
	 */
	public static final String TIMEOUT = "timeout";

	private PipelineStatus() {
	}

	/**
	 * Return the status of work that ended with the given error and reason.
	 * @param error the error the work failed with, or {@code null}
	 * @param reason the reason the work gave for ending, or {@code null}
	 * @return the status
	 */
	public static String of(Throwable error, String reason) {
		if (error != null) {
			return isTimeout(error) ? TIMEOUT : ERROR;
		}
		return (reason != null && !reason.isBlank()) ? reason : SUCCESS;
	}

	private static boolean isTimeout(Throwable error) {
		// Bounded: a cause chain can loop
		Throwable candidate = error;
		for (int depth = 0; candidate != null && depth < 16; depth++) {
			if (candidate instanceof TimeoutException || candidate instanceof SocketTimeoutException
					|| candidate instanceof HttpTimeoutException) {
				return true;
			}
			candidate = candidate.getCause();
		}
		return false;
	}

}
