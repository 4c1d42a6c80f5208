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
 * The loggers whose events the OpenTelemetry appender leaves out: those that write about
 * the export itself. A warning that the export fails, queued for that same export, would
 * fail again and be written again, for as long as the collector is down.
 *
 * @author Phoenix Observability
 */
final class ExportLoggers {

	private static final String OPENTELEMETRY = "io.opentelemetry.";

	private static final String MONITOR = LogExportMonitor.class.getName();

	private ExportLoggers() {
	}

	/**
	 * Whether events of a logger are about the export of log records.
	 * @param loggerName the name of the logger
	 * @return whether the appender leaves the events out
	 */
	static boolean isExportLogger(String loggerName) {
		return loggerName != null && (loggerName.startsWith(OPENTELEMETRY) || loggerName.equals(MONITOR));
	}

}
