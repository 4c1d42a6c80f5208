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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

		private final Sli sli = new Sli();

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

		public Sli getSli() {
			return this.sli;
		}

	}

	/**
	 * How good and bad events are counted.
	 */
	public static class Sli {

		/**
		 * Kind of indicator: 'availability' (error ratio of a timer or counter),
		 * 'latency' (ratio of requests slower than a threshold) or 'ratio' (any good and
		 * total PromQL expressions).
		 */
		private SliKind kind = SliKind.AVAILABILITY;

		/**
		 * Micrometer meter that counts the events, for availability and latency.
		 */
		private String meter = "http.server.requests";

		/**
		 * Type of the meter: 'timer' or 'counter'. Latency needs a timer.
		 */
		private MeterType meterType = MeterType.TIMER;

		/**
		 * Route (the 'uri' tag) to count; all routes when not set.
		 */
		private String route;

		/**
		 * HTTP method (the 'method' tag) to count; all methods when not set.
		 */
		private String method;

		/**
		 * Client name (the 'client.name' tag of outbound calls) to count; all clients
		 * when not set.
		 */
		private String clientName;

		/**
		 * Further tags an event must have to count, such as 'rpc.service'.
		 */
		private Map<String, String> tags = new LinkedHashMap<>();

		/**
		 * Tag matchers every event must satisfy to count, in addition to the route,
		 * method, client name and tags: for a tag that must differ from a value or match
		 * a regex.
		 */
		private List<Matcher> events = new ArrayList<>();

		/**
		 * Tag matchers that together tell a bad event, for availability. When set, they
		 * replace the error tag and the error values.
		 */
		private List<Matcher> badEvents = new ArrayList<>();

		/**
		 * Tag whose value tells a bad event, for availability. 'status' with values such
		 * as 500 and 503 counts status classes; 'grpc.status_code' with values such as
		 * UNAVAILABLE counts gRPC failures.
		 */
		private String errorTag = "outcome";

		/**
		 * Values of the error tag that make an event bad, for availability.
		 */
		private List<String> errorValues = new ArrayList<>(List.of("SERVER_ERROR"));

		/**
		 * Events slower than this are bad, for latency. A histogram bucket is published
		 * at exactly this value.
		 */
		private Duration threshold;

		/**
		 * PromQL expression of the rate of good events, for ratio; '{{window}}' is
		 * replaced by each rule's window, such as 5m.
		 */
		private String good;

		/**
		 * PromQL expression of the rate of all events, for ratio; '{{window}}' is
		 * replaced by each rule's window.
		 */
		private String total;

		public SliKind getKind() {
			return this.kind;
		}

		public void setKind(SliKind kind) {
			Assert.notNull(kind, "must be one of availability, latency or ratio");
			this.kind = kind;
		}

		public String getMeter() {
			return this.meter;
		}

		public void setMeter(String meter) {
			Assert.hasText(meter, "must not be empty, such as http.server.requests");
			this.meter = meter;
		}

		public MeterType getMeterType() {
			return this.meterType;
		}

		public void setMeterType(MeterType meterType) {
			Assert.notNull(meterType, "must be one of timer or counter");
			this.meterType = meterType;
		}

		public String getRoute() {
			return this.route;
		}

		public void setRoute(String route) {
			this.route = route;
		}

		public String getMethod() {
			return this.method;
		}

		public void setMethod(String method) {
			this.method = method;
		}

		public String getClientName() {
			return this.clientName;
		}

		public void setClientName(String clientName) {
			this.clientName = clientName;
		}

		public Map<String, String> getTags() {
			return this.tags;
		}

		public void setTags(Map<String, String> tags) {
			this.tags = tags;
		}

		public List<Matcher> getEvents() {
			return this.events;
		}

		public void setEvents(List<Matcher> events) {
			this.events = events;
		}

		public List<Matcher> getBadEvents() {
			return this.badEvents;
		}

		public void setBadEvents(List<Matcher> badEvents) {
			this.badEvents = badEvents;
		}

		public String getErrorTag() {
			return this.errorTag;
		}

		public void setErrorTag(String errorTag) {
			Assert.hasText(errorTag, "must not be empty, such as outcome");
			this.errorTag = errorTag;
		}

		public List<String> getErrorValues() {
			return this.errorValues;
		}

		public void setErrorValues(List<String> errorValues) {
			Assert.notEmpty(errorValues, "must name at least one value, such as SERVER_ERROR");
			this.errorValues = errorValues;
		}

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			Assert.isTrue(threshold != null && !threshold.isNegative() && !threshold.isZero(),
					() -> "must be a positive duration, such as 500ms, but was " + threshold);
			this.threshold = threshold;
		}

		public String getGood() {
			return this.good;
		}

		public void setGood(String good) {
			this.good = good;
		}

		public String getTotal() {
			return this.total;
		}

		public void setTotal(String total) {
			this.total = total;
		}

	}

	/**
	 * One condition on a tag of the events, with the meaning of a PromQL label matcher.
	 * <p>
	 * A matcher is three fields rather than a PromQL string such as
	 * {@code status=~"error|timeout"}: the operator is an enum that Boot's binder checks
	 * and an IDE completes, the value needs no quoting or escaping in YAML, and the tag
	 * keeps its Micrometer name ({@code gen_ai.operation.name}), which the rules turn
	 * into the Prometheus label and the live tracker reads as it is. <pre class="code">
	 * bad-events:
	 *   - tag: status
	 *     operator: regex
	 *     value: error|timeout
	 * </pre>
	 */
	public static class Matcher {

		/**
		 * Micrometer tag the matcher reads, such as 'status' or 'gen_ai.operation.name'.
		 */
		private String tag;

		/**
		 * How the tag's value is compared: 'equal', 'not-equal', 'regex' or 'not-regex'
		 * (PromQL's =, !=, =~ and !~). A regex must match the whole value.
		 */
		private TagMatcher.Operator operator = TagMatcher.Operator.EQUAL;

		/**
		 * Value, or regex, the tag's value is compared with. An event without the tag has
		 * the empty value.
		 */
		private String value;

		public String getTag() {
			return this.tag;
		}

		public void setTag(String tag) {
			Assert.hasText(tag, "must not be empty, such as status");
			this.tag = tag;
		}

		public TagMatcher.Operator getOperator() {
			return this.operator;
		}

		public void setOperator(TagMatcher.Operator operator) {
			Assert.notNull(operator, "must be one of equal, not-equal, regex or not-regex");
			this.operator = operator;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
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
