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
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Service level objectives: {@code phoenix.slo.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties(SloProperties.PREFIX)
public class SloProperties implements InitializingBean {

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

	private final Rules rules = new Rules();

	private final Alertmanager alertmanager = new Alertmanager();

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

	public Rules getRules() {
		return this.rules;
	}

	public Alertmanager getAlertmanager() {
		return this.alertmanager;
	}

	@Override
	public void afterPropertiesSet() {
		// Rules that span several properties; single values are checked by the setters
		List<String> names = new ArrayList<>();
		for (int i = 0; i < this.objectives.size(); i++) {
			String property = PREFIX + ".objectives[" + i + "]";
			Objective objective = this.objectives.get(i);
			if (!StringUtils.hasText(objective.getName())) {
				throw new InvalidSloException(property + ".name", null, "every SLO needs a name",
						"Set " + property + ".name to a name such as 'pipeline-success'.");
			}
			if (names.contains(objective.getName())) {
				throw new InvalidSloException(property + ".name", objective.getName(), "SLO names must be unique",
						"Give each SLO under " + PREFIX + ".objectives a different name.");
			}
			names.add(objective.getName());
			if (objective.getObjective() == null) {
				throw new InvalidSloException(property + ".objective", null, "every SLO needs an objective",
						"Set " + property + ".objective to a percentage above 0 and below 100, such as 99.5.");
			}
			objective.getSli().validate(property + ".sli");
		}
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
		private String kind = "availability";

		/**
		 * Micrometer meter that counts the events, for availability and latency.
		 */
		private String meter = "http.server.requests";

		/**
		 * Type of the meter: 'timer' or 'counter'. Latency needs a timer.
		 */
		private String meterType = "timer";

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

		public String getKind() {
			return this.kind;
		}

		public void setKind(String kind) {
			this.kind = SliKind.parse(kind).id();
		}

		/**
		 * Return the kind of indicator.
		 * @return the kind
		 */
		public SliKind kind() {
			return SliKind.parse(this.kind);
		}

		public String getMeter() {
			return this.meter;
		}

		public void setMeter(String meter) {
			Assert.hasText(meter, "must not be empty, such as http.server.requests");
			this.meter = meter;
		}

		public String getMeterType() {
			return this.meterType;
		}

		public void setMeterType(String meterType) {
			this.meterType = MeterType.parse(meterType).name().toLowerCase(Locale.ROOT);
		}

		/**
		 * Return the type of the meter.
		 * @return the type
		 */
		public MeterType meterType() {
			return MeterType.parse(this.meterType);
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

		/**
		 * Return the tags an event must have to count, the shortcuts included.
		 * @return the tag filters
		 */
		public Map<String, String> tagFilters() {
			Map<String, String> filters = new LinkedHashMap<>();
			if (StringUtils.hasText(this.route)) {
				filters.put("uri", this.route);
			}
			if (StringUtils.hasText(this.method)) {
				filters.put("method", this.method);
			}
			if (StringUtils.hasText(this.clientName)) {
				filters.put("client.name", this.clientName);
			}
			filters.putAll(this.tags);
			return filters;
		}

		void validate(String property) {
			if (kind() == SliKind.LATENCY) {
				if (this.threshold == null) {
					throw new InvalidSloException(property + ".threshold", null, "a latency SLI needs a threshold",
							"Set " + property
									+ ".threshold to the duration above which an event is bad, such as 500ms.");
				}
				if (meterType() != MeterType.TIMER) {
					throw new InvalidSloException(property + ".meter-type", "counter",
							"a latency SLI reads histogram buckets, which only timers have",
							"Set " + property + ".meter-type to timer, or use kind availability or ratio.");
				}
			}
			if (kind() == SliKind.RATIO) {
				if (!StringUtils.hasText(this.good)) {
					throw new InvalidSloException(property + ".good", null,
							"a ratio SLI needs both a good and a total expression",
							"Set " + property + ".good to the PromQL rate of good events.");
				}
				if (!StringUtils.hasText(this.total)) {
					throw new InvalidSloException(property + ".total", null,
							"a ratio SLI needs both a good and a total expression",
							"Set " + property + ".total to the PromQL rate of all events.");
				}
			}
		}

	}

	/**
	 * The kinds of service level indicator.
	 */
	public enum SliKind {

		/**
		 * Error ratio of a timer or counter.
		 */
		AVAILABILITY,

		/**
		 * Ratio of events slower than a threshold.
		 */
		LATENCY,

		/**
		 * Any good and total PromQL expressions.
		 */
		RATIO;

		static SliKind parse(String value) {
			for (SliKind kind : values()) {
				if (kind.name().equalsIgnoreCase((value != null) ? value.trim() : null)) {
					return kind;
				}
			}
			throw new IllegalArgumentException(
					"must be one of availability, latency or ratio, but was '" + value + "'");
		}

		String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The types of meter an SLI reads.
	 */
	public enum MeterType {

		/**
		 * A timer: Prometheus series {@code <name>_seconds_count} and
		 * {@code <name>_seconds_bucket}.
		 */
		TIMER,

		/**
		 * A counter: Prometheus series {@code <name>_total}.
		 */
		COUNTER;

		static MeterType parse(String value) {
			for (MeterType type : values()) {
				if (type.name().equalsIgnoreCase((value != null) ? value.trim() : null)) {
					return type;
				}
			}
			throw new IllegalArgumentException("must be one of timer or counter, but was '" + value + "'");
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

	/**
	 * The default alert rules, from the common thresholds table.
	 */
	public static class Rules {

		/**
		 * Ratio of server errors among HTTP server requests, in percent.
		 */
		private final Threshold errorRate = new Threshold(1, Duration.ofMinutes(5), 5, Duration.ofMinutes(3));

		/**
		 * 95th percentile latency of HTTP server requests.
		 */
		private final LatencyThreshold latencyP95 = new LatencyThreshold(Duration.ofMillis(500), Duration.ofMinutes(10),
				Duration.ofSeconds(1), Duration.ofMinutes(5));

		/**
		 * Ratio of failed LLM requests, in percent.
		 */
		private final LlmThreshold llmFailures = new LlmThreshold();

		/**
		 * Process CPU usage, in percent.
		 */
		private final Threshold cpu = new Threshold(75, Duration.ofMinutes(15), 90, Duration.ofMinutes(5));

		/**
		 * Heap usage, in percent of the maximum heap.
		 */
		private final Threshold memory = new Threshold(80, Duration.ofMinutes(15), 90, Duration.ofMinutes(5));

		/**
		 * Free disk space, in percent; alerts when below.
		 */
		private final Threshold diskFree = new Threshold(20, Duration.ofMinutes(5), 10, Duration.ofMinutes(5));

		/**
		 * Open circuit breakers: warning when one is open, critical when more than one.
		 */
		private final Threshold circuitBreaker = new Threshold(0, Duration.ofMinutes(5), 1, Duration.ofMinutes(5));

		public Threshold getErrorRate() {
			return this.errorRate;
		}

		public LatencyThreshold getLatencyP95() {
			return this.latencyP95;
		}

		public LlmThreshold getLlmFailures() {
			return this.llmFailures;
		}

		public Threshold getCpu() {
			return this.cpu;
		}

		public Threshold getMemory() {
			return this.memory;
		}

		public Threshold getDiskFree() {
			return this.diskFree;
		}

		public Threshold getCircuitBreaker() {
			return this.circuitBreaker;
		}

	}

	/**
	 * A rule with warning and critical thresholds.
	 */
	public static class Threshold {

		/**
		 * Whether to generate this rule.
		 */
		private boolean enabled = true;

		/**
		 * Warning threshold.
		 */
		private double warning;

		/**
		 * How long the warning condition must hold before the alert fires.
		 */
		private Duration warningFor;

		/**
		 * Critical threshold.
		 */
		private double critical;

		/**
		 * How long the critical condition must hold before the alert fires.
		 */
		private Duration criticalFor;

		Threshold(double warning, Duration warningFor, double critical, Duration criticalFor) {
			this.warning = warning;
			this.warningFor = warningFor;
			this.critical = critical;
			this.criticalFor = criticalFor;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getWarning() {
			return this.warning;
		}

		public void setWarning(double warning) {
			Assert.isTrue(warning >= 0, () -> "must be 0 or more, but was " + warning);
			this.warning = warning;
		}

		public Duration getWarningFor() {
			return this.warningFor;
		}

		public void setWarningFor(Duration warningFor) {
			Assert.isTrue(warningFor != null && !warningFor.isNegative(),
					() -> "must be 0s or more, such as 5m, but was " + warningFor);
			this.warningFor = warningFor;
		}

		public double getCritical() {
			return this.critical;
		}

		public void setCritical(double critical) {
			Assert.isTrue(critical >= 0, () -> "must be 0 or more, but was " + critical);
			this.critical = critical;
		}

		public Duration getCriticalFor() {
			return this.criticalFor;
		}

		public void setCriticalFor(Duration criticalFor) {
			Assert.isTrue(criticalFor != null && !criticalFor.isNegative(),
					() -> "must be 0s or more, such as 3m, but was " + criticalFor);
			this.criticalFor = criticalFor;
		}

	}

	/**
	 * A latency rule with warning and critical thresholds.
	 */
	public static class LatencyThreshold {

		/**
		 * Whether to generate this rule.
		 */
		private boolean enabled = true;

		/**
		 * Warning latency.
		 */
		private Duration warning;

		/**
		 * How long the warning condition must hold before the alert fires.
		 */
		private Duration warningFor;

		/**
		 * Critical latency.
		 */
		private Duration critical;

		/**
		 * How long the critical condition must hold before the alert fires.
		 */
		private Duration criticalFor;

		LatencyThreshold(Duration warning, Duration warningFor, Duration critical, Duration criticalFor) {
			this.warning = warning;
			this.warningFor = warningFor;
			this.critical = critical;
			this.criticalFor = criticalFor;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getWarning() {
			return this.warning;
		}

		public void setWarning(Duration warning) {
			Assert.isTrue(warning != null && !warning.isNegative() && !warning.isZero(),
					() -> "must be a positive duration, such as 500ms, but was " + warning);
			this.warning = warning;
		}

		public Duration getWarningFor() {
			return this.warningFor;
		}

		public void setWarningFor(Duration warningFor) {
			Assert.isTrue(warningFor != null && !warningFor.isNegative(),
					() -> "must be 0s or more, such as 10m, but was " + warningFor);
			this.warningFor = warningFor;
		}

		public Duration getCritical() {
			return this.critical;
		}

		public void setCritical(Duration critical) {
			Assert.isTrue(critical != null && !critical.isNegative() && !critical.isZero(),
					() -> "must be a positive duration, such as 1s, but was " + critical);
			this.critical = critical;
		}

		public Duration getCriticalFor() {
			return this.criticalFor;
		}

		public void setCriticalFor(Duration criticalFor) {
			Assert.isTrue(criticalFor != null && !criticalFor.isNegative(),
					() -> "must be 0s or more, such as 5m, but was " + criticalFor);
			this.criticalFor = criticalFor;
		}

	}

	/**
	 * The LLM request failure rule: which series count LLM requests.
	 */
	public static class LlmThreshold extends Threshold {

		/**
		 * Prometheus metric that counts LLM requests.
		 */
		private String metric = "gen_ai_client_operation_seconds_count";

		/**
		 * Label matcher that selects failed LLM requests.
		 */
		private String errorMatcher = "error!=\"none\"";

		LlmThreshold() {
			super(2, Duration.ofMinutes(5), 10, Duration.ofMinutes(3));
		}

		public String getMetric() {
			return this.metric;
		}

		public void setMetric(String metric) {
			Assert.isTrue(metric != null && metric.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"),
					() -> "must be a Prometheus metric name, such as gen_ai_client_operation_seconds_count, but was '"
							+ metric + "'");
			this.metric = metric;
		}

		public String getErrorMatcher() {
			return this.errorMatcher;
		}

		public void setErrorMatcher(String errorMatcher) {
			Assert.hasText(errorMatcher, "must not be empty, such as error!=\"none\"");
			this.errorMatcher = errorMatcher;
		}

	}

	/**
	 * The generated Alertmanager configuration. Secrets are placeholders, such as
	 * '${PAGERDUTY_ROUTING_KEY}', to be filled from the environment when deployed.
	 */
	public static class Alertmanager {

		/**
		 * PagerDuty routing key of the receiver of 'critical' and 'page' alerts.
		 */
		private String pagerdutyRoutingKey = "${PAGERDUTY_ROUTING_KEY}";

		/**
		 * Slack incoming webhook URL of the receiver of 'warning' and 'ticket' alerts.
		 */
		private String slackWebhookUrl = "https://hooks.slack.com/services/${SLACK_WEBHOOK_TOKEN}";

		/**
		 * Slack channel of 'warning' and 'ticket' alerts.
		 */
		private String slackChannel = "#alerts";

		/**
		 * Webhook that receives every other alert.
		 */
		private String webhookUrl = "http://127.0.0.1:5001/alerts";

		public String getPagerdutyRoutingKey() {
			return this.pagerdutyRoutingKey;
		}

		public void setPagerdutyRoutingKey(String pagerdutyRoutingKey) {
			this.pagerdutyRoutingKey = pagerdutyRoutingKey;
		}

		public String getSlackWebhookUrl() {
			return this.slackWebhookUrl;
		}

		public void setSlackWebhookUrl(String slackWebhookUrl) {
			Assert.isTrue(slackWebhookUrl != null && slackWebhookUrl.startsWith("http"),
					() -> "must be an http or https URL, but was '" + slackWebhookUrl + "'");
			this.slackWebhookUrl = slackWebhookUrl;
		}

		public String getSlackChannel() {
			return this.slackChannel;
		}

		public void setSlackChannel(String slackChannel) {
			this.slackChannel = slackChannel;
		}

		public String getWebhookUrl() {
			return this.webhookUrl;
		}

		public void setWebhookUrl(String webhookUrl) {
			Assert.isTrue(webhookUrl != null && webhookUrl.startsWith("http"),
					() -> "must be an http or https URL, but was '" + webhookUrl + "'");
			this.webhookUrl = webhookUrl;
		}

	}

}
