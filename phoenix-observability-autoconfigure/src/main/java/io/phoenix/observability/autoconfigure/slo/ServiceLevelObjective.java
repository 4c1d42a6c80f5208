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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.phoenix.observability.autoconfigure.alerting.PromQl.duration;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.number;

/**
 * A service level objective of one service, resolved from {@link SloProperties}: a part
 * of the {@link SloModel}.
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
 * @param sli how events are counted
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ServiceLevelObjective(String service, String name, String description, BigDecimal objectivePercent,
		Duration window, boolean page, boolean ticket, String runbookUrl, boolean runbookAnchored,
		ServiceLevelIndicator sli) {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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
		return this.runbookAnchored ? this.runbookUrl + "#" + alert.toLowerCase(Locale.ROOT) : this.runbookUrl;
	}

	/**
	 * Return the burn-rate alerts of this SLO: the page alerts if it pages, the ticket
	 * alerts if it opens tickets.
	 * @return the alerts, fastest first
	 */
	public List<BurnRateAlert> alerts() {
		return Arrays.stream(BurnRateAlert.values()).filter(this::alerts).toList();
	}

	boolean alerts(BurnRateAlert alert) {
		return "page".equals(alert.severity()) ? this.page : this.ticket;
	}

	/**
	 * Return the labels of one of the burn-rate alerts of this SLO.
	 * @param alert the alert
	 * @return the labels
	 */
	public Map<String, String> alertLabels(BurnRateAlert alert) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("severity", alert.severity());
		labels.put("slo", this.name);
		labels.put("service", this.service);
		return labels;
	}

	/**
	 * Return the annotations of one of the burn-rate alerts of this SLO.
	 * @param alert the alert
	 * @return the summary, description and runbook URL
	 */
	public Map<String, String> alertAnnotations(BurnRateAlert alert) {
		BigDecimal ratio = alert.burnRate().multiply(errorBudget()).multiply(HUNDRED);
		Duration exhaustion = Duration.ofSeconds((long) (this.window.toSeconds() / alert.burnRate().doubleValue()));
		Map<String, String> annotations = new LinkedHashMap<>();
		annotations.put("summary", "%s is burning the error budget of SLO %s %sx too fast".formatted(this.service,
				this.name, number(alert.burnRate())));
		annotations.put("description",
				("%s. The error ratio is above %s%% (%sx the %s%% budget) over both the last "
						+ "%s and the last %s: at this rate the %s budget is gone in %s.")
					.formatted(this.description, number(ratio), number(alert.burnRate()),
							number(errorBudget().multiply(HUNDRED)), duration(alert.longWindow()),
							duration(alert.shortWindow()), duration(this.window), human(exhaustion)));
		annotations.put("runbook_url", runbookUrl(alert.alertName()));
		return annotations;
	}

	private static String human(Duration duration) {
		long hours = duration.toHours();
		return (hours >= 48) ? (hours / 24) + " days" : hours + " hours";
	}

}
