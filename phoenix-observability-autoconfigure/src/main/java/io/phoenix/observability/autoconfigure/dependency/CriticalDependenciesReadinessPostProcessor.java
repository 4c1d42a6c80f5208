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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * Adds the critical dependencies to the {@code readiness} group, keeping everything else
 * about the group (its other members, additional path, details and status mapping) as
 * Spring Boot or the application configured it.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CriticalDependenciesReadinessPostProcessor implements HealthEndpointGroupsPostProcessor {

	/**
	 * Name of the group.
	 */
	public static final String GROUP = "readiness";

	private final Set<String> critical;

	/**
	 * Create a post-processor that adds the given contributors to readiness.
	 * @param critical the names of the critical dependencies
	 */
	public CriticalDependenciesReadinessPostProcessor(Set<String> critical) {
		this.critical = Set.copyOf(critical);
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(GROUP);
		if (readiness == null || this.critical.isEmpty()) {
			return groups;
		}
		Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
		groups.getNames().forEach((name) -> all.put(name, groups.get(name)));
		all.put(GROUP, new WithCriticalDependencies(readiness, this.critical));
		return HealthEndpointGroups.of(groups.getPrimary(), all);
	}

	private record WithCriticalDependencies(HealthEndpointGroup delegate,
			Set<String> critical) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return this.critical.contains(name) || this.delegate.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.delegate.getHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return this.delegate.getAdditionalPath();
		}

	}

}
