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

package io.phoenix.observability.autoconfigure.observation;

import java.util.Collection;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Keeps the requests of probes and scrapers out of traces and request metrics: denies the
 * server observation of a request to an ignored path and, on servlet stacks, every
 * observation made while serving one, so that no orphaned child span is left behind.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class ProbeObservationPredicate implements ObservationPredicate {

	private static final boolean SERVLET_PRESENT = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
			ProbeObservationPredicate.class.getClassLoader());

	private final String[] prefixes;

	/**
	 * Create a new predicate.
	 * @param prefixes the ignored path prefixes, relative to the context path
	 */
	public ProbeObservationPredicate(Collection<String> prefixes) {
		this.prefixes = prefixes.stream().map(ProbeObservationPredicate::normalize).distinct().toArray(String[]::new);
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		if (context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactive) {
			return !isIgnored(reactive.getCarrier().getPath().pathWithinApplication().value());
		}
		if (SERVLET_PRESENT) {
			String path = ServletPaths.path(context);
			return path == null || !isIgnored(path);
		}
		return true;
	}

	/**
	 * Whether a request to the given path is ignored.
	 * @param path the path within the application
	 * @return whether it is ignored
	 */
	public boolean isIgnored(String path) {
		for (String prefix : this.prefixes) {
			if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
					|| prefix.endsWith("/"))) {
				return true;
			}
		}
		return false;
	}

	private static String normalize(String prefix) {
		String path = prefix.startsWith("/") ? prefix : "/" + prefix;
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * Finds the servlet request an observation belongs to, kept apart so that the servlet
	 * API is only loaded where it is present.
	 */
	private static final class ServletPaths {

		static String path(Observation.Context context) {
			HttpServletRequest request = null;
			if (context instanceof org.springframework.http.server.observation.ServerRequestObservationContext server) {
				request = server.getCarrier();
			}
			else {
				RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
				if (attributes instanceof ServletRequestAttributes servlet) {
					request = servlet.getRequest();
				}
			}
			return (request != null) ? request.getRequestURI().substring(request.getContextPath().length()) : null;
		}

	}

}
