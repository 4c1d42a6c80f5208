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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import io.phoenix.observability.autoconfigure.alerting.AlertPack;
import io.phoenix.observability.autoconfigure.alerting.AlertRulesProperties;
import io.phoenix.observability.autoconfigure.alerting.AlertmanagerProperties;
import io.phoenix.observability.autoconfigure.alerting.AlertmanagerReceivers;
import io.phoenix.observability.autoconfigure.slo.SloProperties.Objective;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * The objectives and alerts of one service, resolved once at startup from the SLO, alert
 * rule and Alertmanager properties. The live tracker, the endpoint and the generated
 * files all read this one model; none of them binds properties.
 *
 * @param service the name of the service
 * @param objectives the SLOs, in declaration order
 * @param alertPack the default alert rules
 * @param alertmanager the receivers of the Alertmanager configuration
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record SloModel(String service, List<ServiceLevelObjective> objectives, AlertPack alertPack,
		AlertmanagerReceivers alertmanager) {

	// What java.util.regex reads and RE2 rejects: lookarounds, atomic groups,
	// backreferences and possessive quantifiers
	private static final Pattern JAVA_ONLY_REGEX = Pattern
		.compile("\\(\\?(<?[=!]|>)|\\\\k<|\\\\[1-9]|(?<!\\\\)[*+?}]\\+");

	/**
	 * Create a new instance.
	 * @param service the name of the service
	 * @param objectives the SLOs
	 * @param alertPack the default alert rules
	 * @param alertmanager the Alertmanager receivers
	 */
	public SloModel {
		objectives = List.copyOf(objectives);
	}

	/**
	 * Resolve and check the model. A rule that spans several properties, such as a
	 * latency SLI without a threshold, fails with an
	 * {@link InvalidConfigurationPropertyValueException} that names the property to set.
	 * @param service the name of the service
	 * @param slo the SLO properties
	 * @param rules the default alert rules
	 * @param alertmanager the Alertmanager receivers
	 * @return the model
	 */
	public static SloModel resolve(String service, SloProperties slo, AlertRulesProperties rules,
			AlertmanagerProperties alertmanager) {
		return resolve(service, slo, rules, alertmanager, false);
	}

	/**
	 * Resolve and check the model, as
	 * {@link #resolve(String, SloProperties, AlertRulesProperties, AlertmanagerProperties)}
	 * does.
	 * @param service the name of the service
	 * @param slo the SLO properties
	 * @param rules the default alert rules
	 * @param alertmanager the Alertmanager receivers
	 * @param connectionPool whether the service has a JDBC connection pool
	 * @return the model
	 */
	public static SloModel resolve(String service, SloProperties slo, AlertRulesProperties rules,
			AlertmanagerProperties alertmanager, boolean connectionPool) {
		return resolve(service, slo, rules, alertmanager, connectionPool, false);
	}

	/**
	 * Resolve and check the model, as
	 * {@link #resolve(String, SloProperties, AlertRulesProperties, AlertmanagerProperties)}
	 * does.
	 * @param service the name of the service
	 * @param slo the SLO properties
	 * @param rules the default alert rules
	 * @param alertmanager the Alertmanager receivers
	 * @param connectionPool whether the service has a JDBC connection pool
	 * @param pipelines whether the service records pipeline runs and interrupts
	 * @return the model
	 */
	public static SloModel resolve(String service, SloProperties slo, AlertRulesProperties rules,
			AlertmanagerProperties alertmanager, boolean connectionPool, boolean pipelines) {
		List<ServiceLevelObjective> objectives = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < slo.getObjectives().size(); i++) {
			String property = SloProperties.PREFIX + ".objectives[" + i + "]";
			Objective objective = slo.getObjectives().get(i);
			check(property, objective);
			if (!names.add(objective.getName())) {
				throw new InvalidConfigurationPropertyValueException(property + ".name", objective.getName(),
						"SLO names must be unique: give each SLO under " + SloProperties.PREFIX
								+ ".objectives a different name.");
			}
			objectives.add(objective(service, objective, slo.getAlerting()));
		}
		String runbookUrl = slo.getAlerting().getRunbookUrl();
		return new SloModel(service, objectives, AlertPack.of(service, rules, runbookUrl, connectionPool, pipelines),
				AlertmanagerReceivers.of(alertmanager));
	}

	private static ServiceLevelObjective objective(String service, Objective objective,
			SloProperties.Alerting alerting) {
		boolean page = (objective.getPage() != null) ? objective.getPage() : alerting.isPage();
		boolean ticket = (objective.getTicket() != null) ? objective.getTicket() : alerting.isTicket();
		boolean anchored = objective.getRunbookUrl() == null;
		String runbook = anchored ? alerting.getRunbookUrl() : objective.getRunbookUrl();
		String description = (objective.getDescription() != null) ? objective.getDescription() : objective.getName();
		return new ServiceLevelObjective(service, objective.getName(), description, objective.getObjective(),
				objective.getWindow(), page, ticket, runbook, anchored, ServiceLevelIndicator.of(objective.getSli()));
	}

	private static void checkMatchers(String property, List<SliProperties.Matcher> matchers) {
		for (int i = 0; i < matchers.size(); i++) {
			String prefix = property + "[" + i + "]";
			SliProperties.Matcher matcher = matchers.get(i);
			if (!StringUtils.hasText(matcher.getTag())) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".tag", null,
						"Every tag matcher needs a tag, such as 'status'.");
			}
			if (matcher.getValue() == null) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".value", null,
						"Every tag matcher needs a value, such as 'error' ('' matches events without the tag).");
			}
			if (matcher.getOperator().regex()) {
				checkRegex(prefix + ".value", matcher.getValue());
			}
		}
	}

	// The rules hand the regex to Prometheus (RE2), the live tracker to java.util.regex:
	// only what both read alike is accepted
	private static void checkRegex(String property, String regex) {
		try {
			Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(property, regex,
					"The value is not a valid regex: " + ex.getDescription() + " near index " + ex.getIndex() + ".");
		}
		if (JAVA_ONLY_REGEX.matcher(regex).find()) {
			throw new InvalidConfigurationPropertyValueException(property, regex,
					"Prometheus regexes (RE2) have no lookarounds, atomic groups, possessive quantifiers or "
							+ "backreferences: write the regex without them.");
		}
	}

	private static String describe(List<SliProperties.Matcher> matchers) {
		return matchers.stream()
			.map((matcher) -> matcher.getTag() + " " + matcher.getOperator() + " " + matcher.getValue())
			.collect(Collectors.joining(", "));
	}

	private static void check(String property, Objective objective) {
		if (!StringUtils.hasText(objective.getName())) {
			throw new InvalidConfigurationPropertyValueException(property + ".name", null,
					"Every SLO needs a name, such as 'pipeline-success'.");
		}
		if (objective.getObjective() == null) {
			throw new InvalidConfigurationPropertyValueException(property + ".objective", null,
					"Every SLO needs an objective: a percentage above 0 and below 100, such as 99.5.");
		}
		SliProperties sli = objective.getSli();
		String prefix = property + ".sli";
		if (sli.getKind() == SliKind.LATENCY) {
			if (sli.getThreshold() == null) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".threshold", null,
						"A latency SLI needs a threshold: the duration above which an event is bad, such as 500ms.");
			}
			if (sli.getMeterType() != MeterType.TIMER) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".meter-type", "counter",
						"A latency SLI reads histogram buckets, which only timers have: "
								+ "set it to timer, or use kind availability or ratio.");
			}
		}
		checkMatchers(prefix + ".events", sli.getEvents());
		checkMatchers(prefix + ".bad-events", sli.getBadEvents());
		if (!sli.getBadEvents().isEmpty()) {
			if (sli.getKind() != SliKind.AVAILABILITY) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".bad-events",
						describe(sli.getBadEvents()),
						"Bad event matchers apply to availability SLIs only: a latency SLI's bad events are those "
								+ "slower than its threshold, a ratio SLI's are in its expressions.");
			}
			if (!"outcome".equals(sli.getErrorTag()) || !List.of("SERVER_ERROR").equals(sli.getErrorValues())) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".bad-events",
						describe(sli.getBadEvents()),
						"Bad event matchers replace error-tag and error-values: set one or the other.");
			}
		}
		if (sli.getKind() == SliKind.RATIO && !sli.getEvents().isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".events", describe(sli.getEvents()),
					"A ratio SLI selects its events in its good and total expressions: put the matchers there.");
		}
		if (sli.getKind() == SliKind.RATIO) {
			if (!StringUtils.hasText(sli.getGood())) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".good", null,
						"A ratio SLI needs both a good and a total expression: set good to the PromQL rate of good events.");
			}
			if (!StringUtils.hasText(sli.getTotal())) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".total", null,
						"A ratio SLI needs both a good and a total expression: set total to the PromQL rate of all events.");
			}
		}
	}

}
