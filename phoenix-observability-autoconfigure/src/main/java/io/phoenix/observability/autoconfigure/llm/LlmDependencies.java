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

package io.phoenix.observability.autoconfigure.llm;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.phoenix.observability.autoconfigure.dependency.DependencyDeclarations;
import io.phoenix.observability.autoconfigure.dependency.DependencyProperties;
import io.phoenix.observability.autoconfigure.dependency.DependencyType;

import org.springframework.core.env.Environment;

/**
 * Finds the declared dependency that an LLM provider's calls go to: the {@code http}
 * dependency under {@code phoenix.observability.dependencies} whose URL has the host and
 * port of the provider's base URL, as Spring AI's properties give it
 * ({@code spring.ai.<provider>.chat.base-url}, else
 * {@code spring.ai.<provider>.base-url}). Resolved once per provider.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class LlmDependencies {

	private static final Dependency NONE = new Dependency("", null);

	private final Environment environment;

	private final DependencyDeclarations declarations;

	// Bounded by the providers the application has: a handful
	private final Map<String, Dependency> byProvider = new ConcurrentHashMap<>();

	/**
	 * Create an instance.
	 * @param environment the environment that holds Spring AI's base URLs
	 * @param declarations the declared dependencies
	 */
	public LlmDependencies(Environment environment, DependencyDeclarations declarations) {
		this.environment = environment;
		this.declarations = declarations;
	}

	/**
	 * Return the declared dependency of the given provider.
	 * @param provider the provider, such as {@code openai}
	 * @return the dependency, or {@code null} when none is declared at its base URL
	 */
	public Dependency forProvider(String provider) {
		if (provider == null) {
			return null;
		}
		Dependency dependency = this.byProvider.computeIfAbsent(provider, this::resolve);
		return (dependency != NONE) ? dependency : null;
	}

	private Dependency resolve(String provider) {
		URI baseUrl = baseUrl(provider);
		if (baseUrl == null || baseUrl.getHost() == null) {
			return NONE;
		}
		for (Map.Entry<String, DependencyProperties> entry : this.declarations.getDependencies().entrySet()) {
			DependencyProperties properties = entry.getValue();
			URI url = properties.getUrl();
			if (properties.getType() == DependencyType.HTTP && url != null && sameServer(baseUrl, url)) {
				return new Dependency(entry.getKey(), properties.getCircuitBreaker());
			}
		}
		return NONE;
	}

	private URI baseUrl(String provider) {
		String value = this.environment.getProperty("spring.ai." + provider + ".chat.base-url");
		if (value == null || value.isBlank()) {
			value = this.environment.getProperty("spring.ai." + provider + ".base-url");
		}
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return URI.create(value.trim());
		}
		catch (IllegalArgumentException ex) {
			// Spring AI reports its own bad URL; the line then names no dependency
			return null;
		}
	}

	private static boolean sameServer(URI a, URI b) {
		return a.getHost().equalsIgnoreCase(Objects.toString(b.getHost(), "")) && port(a) == port(b);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/**
	 * A declared dependency.
	 *
	 * @param name the name of the dependency
	 * @param circuitBreaker the name of its circuit breaker, or {@code null}
	 */
	public record Dependency(String name, String circuitBreaker) {

	}

}
