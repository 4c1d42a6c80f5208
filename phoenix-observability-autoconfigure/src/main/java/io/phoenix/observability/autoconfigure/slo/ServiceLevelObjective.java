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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

import io.phoenix.observability.autoconfigure.slo.SloProperties.Objective;
import io.phoenix.observability.autoconfigure.slo.SloProperties.Sli;
import io.phoenix.observability.autoconfigure.slo.SloProperties.SliKind;

/**
 * A service level objective of one service, resolved from {@link SloProperties}.
 *
 * @param service the name of the service
 * @param name the name of the SLO
 * @param description what the SLO promises
 * @param objectivePercent the target percentage of good events
 * @param window the rolling window of the SLO
 * @param page whether fast burns page
 * @param ticket whether slow burns open tickets
 * @param runbookUrl the runbook of the alerts, without an anchor, or a full URL set for
 * this SLO
 * @param runbookAnchored whether each alert appends its own anchor to the runbook URL
 * @param sli how good and bad events are counted
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ServiceLevelObjective(String service, String name, String description, BigDecimal objectivePercent,
		Duration window, boolean page, boolean ticket, String runbookUrl, boolean runbookAnchored, Sli sli) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/**
	 * Resolve the SLOs declared in the properties.
	 * @param service the name of the service
	 * @param properties the properties
	 * @return the SLOs, in declaration order
	 */
	public static List<ServiceLevelObjective> of(String service, SloProperties properties) {
		return properties.getObjectives().stream().map((objective) -> of(service, objective, properties)).toList();
	}

	private static ServiceLevelObjective of(String service, Objective objective, SloProperties properties) {
		boolean page = (objective.getPage() != null) ? objective.getPage() : properties.getAlerting().isPage();
		boolean ticket = (objective.getTicket() != null) ? objective.getTicket() : properties.getAlerting().isTicket();
		boolean anchored = objective.getRunbookUrl() == null;
		String runbook = anchored ? properties.getAlerting().getRunbookUrl() : objective.getRunbookUrl();
		String description = (objective.getDescription() != null) ? objective.getDescription() : objective.getName();
		return new ServiceLevelObjective(service, objective.getName(), description, objective.getObjective(),
				objective.getWindow(), page, ticket, runbook, anchored, objective.getSli());
	}

	/**
	 * Return the kind of the indicator.
	 * @return the kind
	 */
	public SliKind kind() {
		return this.sli.kind();
	}

	/**
	 * Return the objective as a ratio, such as 0.995.
	 * @return the objective ratio
	 */
	public BigDecimal objectiveRatio() {
		return this.objectivePercent.divide(HUNDRED, 12, RoundingMode.HALF_EVEN).stripTrailingZeros();
	}

	/**
	 * Return the error budget as a ratio, such as 0.005.
	 * @return the error budget ratio
	 */
	public BigDecimal errorBudget() {
		return BigDecimal.ONE.subtract(objectiveRatio()).stripTrailingZeros();
	}

	/**
	 * Return the id of the SLO, unique across services: {@code <service>-<name>}.
	 * @return the id
	 */
	public String id() {
		return this.service + "-" + this.name;
	}

	/**
	 * Return the runbook URL of one alert.
	 * @param alert the alert name
	 * @return the URL
	 */
	public String runbookUrl(String alert) {
		return this.runbookAnchored ? this.runbookUrl + "#" + alert.toLowerCase(java.util.Locale.ROOT)
				: this.runbookUrl;
	}

}
