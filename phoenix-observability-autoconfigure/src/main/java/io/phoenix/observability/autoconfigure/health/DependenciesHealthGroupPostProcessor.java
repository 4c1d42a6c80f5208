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
 * Adds the {@code dependencies} health group, unless the application configures one with
 * {@code management.endpoint.health.group.dependencies.*}.
 * <p>
 * Every contributor that checks something outside the process is a member, whether Spring
 * Boot registered it ({@code db}, {@code redis}, ...) or the application did;
 * contributors about the process itself ({@code diskSpace}, {@code livenessState},
 * {@code readinessState}, {@code ssl}, {@code refreshScope}) are not. {@code ping} is a
 * member so that the group answers {@code UP} while no dependency exists. Components are
 * shown to everyone, their details only to authenticated callers.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DependenciesHealthGroupPostProcessor implements HealthEndpointGroupsPostProcessor {

	/**
	 * Name of the group.
	 */
	public static final String GROUP = "dependencies";

	private static final Set<String> LOCAL_CONTRIBUTORS = Set.of("diskSpace", "livenessState", "readinessState", "ssl",
			"refreshScope");

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		if (groups.get(GROUP) != null) {
			return groups;
		}
		Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
		groups.getNames().forEach((name) -> all.put(name, groups.get(name)));
		all.put(GROUP, new DependenciesGroup(groups.getPrimary()));
		return HealthEndpointGroups.of(groups.getPrimary(), all);
	}

	private static final class DependenciesGroup implements HealthEndpointGroup {

		private final HealthEndpointGroup primary;

		DependenciesGroup(HealthEndpointGroup primary) {
			this.primary = primary;
		}

		@Override
		public boolean isMember(String name) {
			return !LOCAL_CONTRIBUTORS.contains(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return true;
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return securityContext.getPrincipal() != null;
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.primary.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.primary.getHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return null;
		}

	}

}
