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

package io.phoenix.observability.autoconfigure.health;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet filter that forwards a request for a standard health path to the actuator
 * endpoint that serves it.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class HealthPathFilter extends OncePerRequestFilter implements Ordered {

	/**
	 * Order of the health path filters, servlet and reactive: after the correlation
	 * filters, so that probe responses carry their ids too.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final HealthPathMapper mapper;

	private volatile @Nullable String alreadyFilteredAttributeName;

	/**
	 * Create a new filter.
	 * @param mapper the path mapper
	 */
	public HealthPathFilter(HealthPathMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected void initFilterBean() {
		// OncePerRequestFilter builds this name with a concatenation on every request
		// (about 90 bytes); it only changes when the filter is initialized
		this.alreadyFilteredAttributeName = super.getAlreadyFilteredAttributeName();
	}

	@Override
	protected String getAlreadyFilteredAttributeName() {
		String name = this.alreadyFilteredAttributeName;
		return (name != null) ? name : super.getAlreadyFilteredAttributeName();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String target = this.mapper.map(request.getRequestURI().substring(request.getContextPath().length()));
		if (target == null) {
			chain.doFilter(request, response);
			return;
		}
		request.getRequestDispatcher(target).forward(request, response);
	}

}
