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

package io.phoenix.observability.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real single-node VictoriaMetrics, Debian's {@code victoria-metrics}, on loopback: it
 * accepts Prometheus {@code remote_write} at {@code /api/v1/write} and answers PromQL at
 * {@code /api/v1/query}.
 *
 * @author Phoenix Observability
 */
public final class VictoriaMetricsServer {

	/**
	 * The binary.
	 */
	public static final String BINARY = "victoria-metrics";

	private VictoriaMetricsServer() {
	}

	/**
	 * Start VictoriaMetrics with its data in a work directory. Queries see samples one
	 * second old (the default waits 30 seconds for late samples).
	 * @param workDirectory where to keep its data and log
	 * @return the running server
	 * @throws IOException if it cannot be started
	 */
	public static LoopbackServer start(Path workDirectory) throws IOException {
		int port = LoopbackServer.freePort();
		return LoopbackServer.start(workDirectory.resolve("victoria-metrics.log"), port, "/health",
				List.of(BINARY, "-httpListenAddr=127.0.0.1:" + port,
						"-storageDataPath=" + workDirectory.resolve("victoria-metrics-data"), "-retentionPeriod=1d",
						"-search.latencyOffset=1s", "-loggerLevel=WARN"));
	}

}
