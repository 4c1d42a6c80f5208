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

package io.phoenix.observability.autoconfigure.logging.otlp;

/**
 * Names of the meters about the export of log records over OTLP.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class LogExportMeters {

	/**
	 * Log records dropped because the export queue was full.
	 */
	public static final String DROPPED_RECORDS = "phoenix.logging.export.dropped.records";

	/**
	 * Exports of log records that failed.
	 */
	public static final String FAILURES = "phoenix.logging.export.failures";

	/**
	 * Log records whose export failed.
	 */
	public static final String FAILED_RECORDS = "phoenix.logging.export.failed.records";

	/**
	 * Log records waiting in the export queue.
	 */
	public static final String QUEUE_SIZE = "phoenix.logging.export.queue.size";

	/**
	 * Capacity of the export queue.
	 */
	public static final String QUEUE_CAPACITY = "phoenix.logging.export.queue.capacity";

	private LogExportMeters() {
	}

}
