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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.phoenix.observability.autoconfigure.alerting.PromQl;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * The {@code slo} endpoint: at {@code /actuator/slo}, each SLO with its live SLIs, burn
 * rates and error budget, as JSON; at {@code /actuator/slo/rules},
 * {@code /actuator/slo/rules-tests} and {@code /actuator/slo/alertmanager}, the generated
 * Prometheus rules, their {@code promtool} unit tests and the Alertmanager configuration,
 * as YAML; at {@code /actuator/slo/dashboard}, the service's Grafana dashboard, as JSON.
 * The receiver URLs of the Alertmanager configuration, which can hold a token, are
 * redacted unless {@code phoenix.slo.endpoint.show-values} says otherwise.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@WebEndpoint(id = "slo")
public class SloEndpoint {

	/**
	 * Media type of the generated files.
	 */
	public static final String YAML = "application/yaml";

	/**
	 * Media type of the generated dashboard.
	 */
	public static final String JSON = "application/json";

	private final SloModel model;

	private final SloFiles files;

	private final SloFiles redactedFiles;

	private final Show showValues;

	private final Set<String> roles;

	private final SloTracker tracker;

	/**
	 * Create a new instance.
	 * @param model the objectives and alerts
	 * @param files the generated files
	 * @param tracker the live tracker, or {@code null} without a meter registry
	 */
	public SloEndpoint(SloModel model, SloFiles files, @Nullable SloTracker tracker) {
		this(model, files, tracker, Show.NEVER, Set.of());
	}

	/**
	 * Create a new instance.
	 * @param model the objectives and alerts
	 * @param files the generated files
	 * @param tracker the live tracker, or {@code null} without a meter registry
	 * @param showValues when to serve the receiver URLs of the Alertmanager configuration
	 * as they are configured rather than redacted
	 * @param roles the roles that may see them when {@code showValues} is
	 * {@link Show#WHEN_AUTHORIZED}
	 */
	public SloEndpoint(SloModel model, SloFiles files, @Nullable SloTracker tracker, Show showValues,
			Set<String> roles) {
		this.model = model;
		this.files = files;
		this.redactedFiles = files.withRedactedUrls();
		this.tracker = tracker;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	@ReadOperation
	public SloReport slo() {
		List<SloReport.Objective> objectives = new ArrayList<>();
		for (ServiceLevelObjective slo : this.model.objectives()) {
			SloTracker.Status status = (this.tracker != null) ? this.tracker.status(slo.name()) : null;
			List<String> alerts = slo.alerts().stream().map(BurnRateAlert::alertName).toList();
			objectives.add(new SloReport.Objective(slo.name(), slo.description(),
					slo.kind().name().toLowerCase(Locale.ROOT), slo.objectivePercent(), PromQl.duration(slo.window()),
					status != null, (status != null) ? status.errorBudgetRemaining() : null,
					(status != null) ? status.sli() : null, (status != null) ? status.burnRate() : null,
					(status != null) ? status.events() : null, (status != null) ? status.firing() : null, alerts));
		}
		String interval = (this.tracker != null) ? PromQl.duration(this.tracker.getInterval()) : null;
		return new SloReport(this.model.service(), interval, objectives);
	}

	@ReadOperation(produces = { YAML, JSON })
	public WebEndpointResponse<String> file(@Selector String file, SecurityContext securityContext) {
		// Each file by its name without .yml or .json: /actuator/slo/rules serves
		// rules.yml, /actuator/slo/dashboard dashboard.json
		Map<String, String> files = (this.showValues.isShown(securityContext, this.roles) ? this.files
				: this.redactedFiles)
			.files();
		String yaml = files.get(file + ".yml");
		if (yaml != null) {
			return new WebEndpointResponse<>(yaml, MimeType.valueOf(YAML));
		}
		String json = files.get(file + ".json");
		return (json != null) ? new WebEndpointResponse<>(json, MimeType.valueOf(JSON))
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * What the {@code slo} endpoint reports.
	 *
	 * @param service the name of the service
	 * @param sampleInterval how often the live budgets sample the meters, or {@code null}
	 * without a meter registry
	 * @param objectives the SLOs
	 */
	public record SloReport(String service, String sampleInterval, List<Objective> objectives) {

		/**
		 * One SLO.
		 *
		 * @param name its name
		 * @param description what it promises
		 * @param kind the kind of SLI
		 * @param objective the target percentage of good events
		 * @param window the SLO window
		 * @param live whether it is computed from the live meters
		 * @param errorBudgetRemaining share of the budget left over the SLO window
		 * @param sli ratio of good events by window
		 * @param burnRate burn rate by window
		 * @param events bad and total events over the SLO window
		 * @param firing the burn-rate alerts whose conditions hold now
		 * @param alerts the burn-rate alerts generated for it
		 */
		public record Objective(String name, String description, String kind, BigDecimal objective, String window,
				boolean live, Double errorBudgetRemaining, Map<String, Double> sli, Map<String, Double> burnRate,
				Map<String, Double> events, List<String> firing, List<String> alerts) {
		}

	}

}
