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

package io.phoenix.observability.autoconfigure.correlation;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Response that keeps this hop's correlation, request and trace headers: a handler that
 * copies a downstream response's headers, as a proxy does, cannot replace them.
 *
 * @author Phoenix Observability
 */
final class CorrelationHeadersResponse extends HttpServletResponseWrapper {

	private final String[] protectedHeaders;

	CorrelationHeadersResponse(HttpServletResponse response, String... protectedHeaders) {
		super(response);
		this.protectedHeaders = protectedHeaders;
	}

	@Override
	public void setHeader(String name, String value) {
		if (!isProtected(name)) {
			super.setHeader(name, value);
		}
	}

	@Override
	public void addHeader(String name, String value) {
		if (!isProtected(name)) {
			super.addHeader(name, value);
		}
	}

	private boolean isProtected(String name) {
		for (String header : this.protectedHeaders) {
			if (header != null && header.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

}
