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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Checks a dependency by opening a TCP connection to it.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class TcpDependencyCheck implements DependencyCheck {

	private final String host;

	private final int port;

	/**
	 * Create a check of the given address.
	 * @param host the host
	 * @param port the port
	 */
	public TcpDependencyCheck(String host, int port) {
		this.host = host;
		this.port = port;
	}

	@Override
	public void check(Duration timeout) throws IOException {
		try (Socket socket = new Socket()) {
			// Resolved on every check, so that a changed DNS entry is followed
			socket.connect(new InetSocketAddress(this.host, this.port), (int) Math.max(1, timeout.toMillis()));
		}
	}

}
