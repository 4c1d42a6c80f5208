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

package io.phoenix.observability.autoconfigure.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the generated dashboard of one service shows: its SLOs, its declared dependencies
 * and whether it runs pipelines. The SLO auto-configuration resolves it from the SLO
 * model and the dependency declarations; {@link ServiceDashboardGenerator} turns it into
 * Grafana's JSON.
 *
 * @param service the name of the service
 * @param objectives the SLOs, in declaration order
 * @param dependencies the declared dependencies, by name
 * @param pipelines whether the pipeline API is there, which adds the pipelines row
 * @param runbooks the runbook URL of each alert of the service, by alert name
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ServiceDashboard(String service, List<Objective> objectives, List<Dependency> dependencies,
		boolean pipelines, Map<String, String> runbooks) {

	/**
	 * Create a new instance.
	 * @param service the name of the service
	 * @param objectives the SLOs
	 * @param dependencies the dependencies
	 * @param pipelines whether the service runs pipelines
	 * @param runbooks the runbook URLs, by alert name
	 */
	public ServiceDashboard {
		objectives = List.copyOf(objectives);
		dependencies = List.copyOf(dependencies);
		runbooks = Map.copyOf(runbooks);
	}

	/**
	 * One SLO, as its recording rules name it.
	 *
	 * @param name the name of the SLO, the {@code sloth_slo} label
	 * @param description what it promises
	 * @param objective the target ratio of good events, such as 0.995
	 * @param window the SLO window as the recording rules write it, such as {@code 30d}
	 * @param windows the other windows of the {@code slo:sli_error:ratio_rate<window>}
	 * recordings, shortest first
	 * @param alerts the burn-rate alerts of the SLO, fastest first
	 */
	public record Objective(String name, String description, BigDecimal objective, String window, List<String> windows,
			List<BurnRate> alerts) {

		/**
		 * Create a new instance.
		 * @param name the name
		 * @param description what it promises
		 * @param objective the target ratio
		 * @param window the SLO window
		 * @param windows the recording windows
		 * @param alerts the burn-rate alerts
		 */
		public Objective {
			windows = List.copyOf(windows);
			alerts = List.copyOf(alerts);
		}

	}

	/**
	 * One burn-rate alert of an SLO.
	 *
	 * @param alert the alert name
	 * @param burnRate the burn rate above which it fires
	 * @param runbookUrl its runbook
	 */
	public record BurnRate(String alert, BigDecimal burnRate, String runbookUrl) {
	}

	/**
	 * One declared dependency.
	 *
	 * @param name the name, the {@code dependency} tag
	 * @param type the type, the {@code type} tag, such as {@code http}
	 * @param critical whether readiness fails while it is down
	 * @param circuitBreaker the Resilience4j circuit breaker in front of it, if any
	 */
	public record Dependency(String name, String type, boolean critical, @Nullable String circuitBreaker) {
	}

}
