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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Checks a dependency with an HTTP {@code GET}: a 2xx answer means up.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class HttpDependencyCheck implements DependencyCheck {

	private final URI url;

	private final HttpClient client;

	/**
	 * Create a check of the given URL.
	 * @param url the URL
	 * @param timeout the connect timeout
	 */
	public HttpDependencyCheck(URI url, Duration timeout) {
		this.url = url;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	@Override
	public void check(Duration timeout) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.url).timeout(timeout).GET().build();
		HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() / 100 != 2) {
			throw new UnexpectedStatusException(response.statusCode());
		}
	}

	/**
	 * Thrown when the dependency answers with a status other than 2xx.
	 */
	public static class UnexpectedStatusException extends IOException {

		private final int status;

		UnexpectedStatusException(int status) {
			super("HTTP " + status);
			this.status = status;
		}

		/**
		 * Return the HTTP status of the answer.
		 * @return the status
		 */
		public int getStatus() {
			return this.status;
		}

	}

}
