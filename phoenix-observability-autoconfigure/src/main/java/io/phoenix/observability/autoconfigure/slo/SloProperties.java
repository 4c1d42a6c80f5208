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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Service level objectives: {@code phoenix.slo.*}. Each property is checked as it is
 * bound; the rules that span several properties are checked when {@link SloModel}
 * resolves them. The default alert rules and the Alertmanager receivers are bound by
 * {@code AlertRulesProperties} and {@code AlertmanagerProperties}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties(SloProperties.PREFIX)
public class SloProperties {

	/**
	 * Prefix of the SLO properties.
	 */
	public static final String PREFIX = "phoenix.slo";

	/**
	 * Service level objectives of this service.
	 */
	private List<Objective> objectives = new ArrayList<>();

	/**
	 * How often the live error budgets sample the meters.
	 */
	private Duration sampleInterval = Duration.ofSeconds(10);

	private final Alerting alerting = new Alerting();

	public List<Objective> getObjectives() {
		return this.objectives;
	}

	public void setObjectives(List<Objective> objectives) {
		this.objectives = objectives;
	}

	public Duration getSampleInterval() {
		return this.sampleInterval;
	}

	public void setSampleInterval(Duration sampleInterval) {
		Assert.isTrue(sampleInterval != null && sampleInterval.compareTo(Duration.ofMillis(100)) >= 0,
				() -> "must be at least 100ms, but was " + sampleInterval);
		this.sampleInterval = sampleInterval;
	}

	public Alerting getAlerting() {
		return this.alerting;
	}

	/**
	 * One service level objective.
	 */
	public static class Objective {

		/**
		 * Name of the SLO, such as 'pipeline-success': the 'slo' label of its rules and
		 * metrics.
		 */
		private String name;

		/**
		 * What the SLO promises, in a sentence.
		 */
		private String description;

		/**
		 * Target percentage of good events, above 0 and below 100, such as 99.5.
		 */
		private BigDecimal objective;

		/**
		 * Rolling window of the SLO, such as 30d.
		 */
		private Duration window = Duration.ofDays(30);

		/**
		 * Whether to page on fast burns of this SLO's error budget. Defaults to
		 * 'phoenix.slo.alerting.page'.
		 */
		private Boolean page;

		/**
		 * Whether to open tickets on slow burns of this SLO's error budget. Defaults to
		 * 'phoenix.slo.alerting.ticket'.
		 */
		private Boolean ticket;

		/**
		 * Runbook of this SLO's alerts. Defaults to 'phoenix.slo.alerting.runbook-url'
		 * with the alert's anchor.
		 */
		private String runbookUrl;

		private final SliProperties sli = new SliProperties();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			Assert.isTrue(name != null && name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*"),
					() -> "must be letters, digits, '-', '_' or '.', but was '" + name + "'");
			this.name = name;
		}

		public String getDescription() {
			return this.description;
		}

		public void setDescription(String description) {
			this.description = description;
		}

		public BigDecimal getObjective() {
			return this.objective;
		}

		public void setObjective(BigDecimal objective) {
			Assert.isTrue(
					objective != null && objective.signum() > 0 && objective.compareTo(BigDecimal.valueOf(100)) < 0,
					() -> "must be a percentage above 0 and below 100, such as 99.5, but was " + objective);
			this.objective = objective;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			Assert.isTrue(
					window != null && window.compareTo(Duration.ofMinutes(5)) >= 0
							&& window.compareTo(Duration.ofDays(90)) <= 0,
					() -> "must be between 5m and 90d, such as 30d, but was " + window);
			this.window = window;
		}

		public Boolean getPage() {
			return this.page;
		}

		public void setPage(Boolean page) {
			this.page = page;
		}

		public Boolean getTicket() {
			return this.ticket;
		}

		public void setTicket(Boolean ticket) {
			this.ticket = ticket;
		}

		public String getRunbookUrl() {
			return this.runbookUrl;
		}

		public void setRunbookUrl(String runbookUrl) {
			this.runbookUrl = runbookUrl;
		}

		public SliProperties getSli() {
			return this.sli;
		}

	}

	/**
	 * Defaults for the alerts of every SLO.
	 */
	public static class Alerting {

		/**
		 * Whether to page on fast burns (14.4x over 1h and 5m, 6x over 6h and 30m).
		 */
		private boolean page = true;

		/**
		 * Whether to open tickets on slow burns (3x over 1d and 2h, 1x over 3d and 6h).
		 */
		private boolean ticket = true;

		/**
		 * Runbook of the alerts; each alert links to it with its own anchor, such as
		 * '#sloburnratepage1h'.
		 */
		private String runbookUrl = "https://github.com/phoenix-observability/phoenix-observability/blob/main/docs/slo.md";

		public boolean isPage() {
			return this.page;
		}

		public void setPage(boolean page) {
			this.page = page;
		}

		public boolean isTicket() {
			return this.ticket;
		}

		public void setTicket(boolean ticket) {
			this.ticket = ticket;
		}

		public String getRunbookUrl() {
			return this.runbookUrl;
		}

		public void setRunbookUrl(String runbookUrl) {
			Assert.hasText(runbookUrl, "must not be empty, such as https://runbooks.example.com/slo");
			this.runbookUrl = runbookUrl;
		}

	}

}
