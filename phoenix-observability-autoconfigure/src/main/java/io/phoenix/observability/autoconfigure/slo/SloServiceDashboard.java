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

package io.phoenix.observability.autoconfigure.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.phoenix.observability.autoconfigure.alerting.PromQl;
import io.phoenix.observability.autoconfigure.alerting.ThresholdAlert;
import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboard;
import io.phoenix.observability.autoconfigure.dependency.DependencyDeclarations;

import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Resolves what the generated dashboard of a service shows from its {@link SloModel}, its
 * dependency declarations and its class path. The running service and the build-time
 * {@link SloFilesWriter} share only the environment and the class path, so that is all
 * this reads: both give the same dashboard.
 *
 * @author Phoenix Observability
 */
final class SloServiceDashboard {

	// The conditions of the auto-configurations whose meters the rows read
	private static final String HEALTH_REGISTRY = "org.springframework.boot.health.registry.HealthContributorRegistry";

	private static final String OBSERVATION_REGISTRY = "io.micrometer.observation.ObservationRegistry";

	private SloServiceDashboard() {
	}

	static ServiceDashboard resolve(SloModel model, Environment environment, ClassLoader classLoader) {
		List<ServiceDashboard.Objective> objectives = new ArrayList<>();
		List<String> windows = BurnRateAlert.WINDOWS.stream().map(PromQl::duration).toList();
		for (ServiceLevelObjective slo : model.objectives()) {
			List<ServiceDashboard.BurnRate> alerts = slo.alerts()
				.stream()
				.map((alert) -> new ServiceDashboard.BurnRate(alert.alertName(), alert.burnRate(),
						slo.runbookUrl(alert.alertName())))
				.toList();
			objectives.add(new ServiceDashboard.Objective(slo.name(), slo.description(), slo.objectiveRatio(),
					PromQl.duration(slo.window()), windows, alerts));
		}
		List<ServiceDashboard.Dependency> dependencies = new ArrayList<>();
		if (enabled(environment, "dependencies") && ClassUtils.isPresent(HEALTH_REGISTRY, classLoader)) {
			DependencyDeclarations.bind(environment)
				.getDependencies()
				.forEach((name,
						dependency) -> dependencies.add(new ServiceDashboard.Dependency(name,
								dependency.getType().name().toLowerCase(Locale.ROOT), dependency.isCritical(),
								dependency.getCircuitBreaker())));
		}
		boolean pipelines = enabled(environment, "pipelines")
				&& ClassUtils.isPresent(OBSERVATION_REGISTRY, classLoader);
		Map<String, String> runbooks = new LinkedHashMap<>();
		for (ThresholdAlert alert : model.alertPack().alerts()) {
			runbooks.putIfAbsent(alert.name(), alert.runbookUrl());
		}
		return new ServiceDashboard(model.service(), objectives, dependencies, pipelines, runbooks);
	}

	private static boolean enabled(Environment environment, String feature) {
		return environment.getProperty("phoenix.observability.enabled", Boolean.class, true)
				&& environment.getProperty("phoenix.observability." + feature + ".enabled", Boolean.class, true);
	}

}
