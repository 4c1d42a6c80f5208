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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus blackbox exporter, Debian's {@code prometheus-blackbox-exporter}, on
 * loopback.
 *
 * @author Phoenix Observability
 */
public final class BlackboxExporter {

	/**
	 * The binary.
	 */
	public static final String BINARY = "prometheus-blackbox-exporter";

	private BlackboxExporter() {
	}

	/**
	 * Start the exporter with a configuration file.
	 * @param workDirectory where to write its log
	 * @param config the configuration file
	 * @return the running exporter
	 * @throws IOException if it cannot be started
	 */
	public static LoopbackServer start(Path workDirectory, Path config) throws IOException {
		int port = LoopbackServer.freePort();
		return LoopbackServer.start(workDirectory.resolve("blackbox.log"), port, "/-/healthy", List.of(BINARY,
				"--config.file=" + config, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
	}

	/**
	 * Check a configuration file with {@code --config.check}; it must be accepted.
	 * @param config the configuration file
	 * @return what the exporter printed
	 * @throws Exception if it cannot be run
	 */
	public static String checkConfig(Path config) throws Exception {
		Process process = new ProcessBuilder(BINARY, "--config.check", "--config.file=" + config)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("%s --config.check:%n%s", BINARY, output).isZero();
		return output;
	}

}
