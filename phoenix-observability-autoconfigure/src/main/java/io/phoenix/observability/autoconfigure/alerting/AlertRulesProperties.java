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

package io.phoenix.observability.autoconfigure.alerting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The default alert rules that every service gets beside its SLO alerts, from the common
 * thresholds table: {@code phoenix.slo.rules.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties(AlertRulesProperties.PREFIX)
public class AlertRulesProperties {

	/**
	 * Prefix of the alert rule properties.
	 */
	public static final String PREFIX = "phoenix.slo.rules";

	/**
	 * Ratio of server errors among HTTP server requests, in percent.
	 */
	private final Threshold errorRate = new Threshold(1, Duration.ofMinutes(5), 5, Duration.ofMinutes(3));

	/**
	 * 95th percentile latency of HTTP server requests.
	 */
	private final LatencyThreshold latencyP95 = new LatencyThreshold(Duration.ofMillis(500), Duration.ofMinutes(10),
			Duration.ofSeconds(1), Duration.ofMinutes(3));

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

	/**
	 * Critical declared dependencies that are down ({@code phoenix_dependency_up} 0), a
	 * count per dependency: the cause that names itself.
	 */
	private final Threshold dependencyDown = new Threshold(0, Duration.ofSeconds(30), 0, Duration.ofMinutes(1));

	/**
	 * Connections in use of a HikariCP pool, in percent of its maximum.
	 */
	private final Threshold dbPool = new Threshold(80, Duration.ofMinutes(5), 95, Duration.ofMinutes(2));

	/**
	 * Ratio of pipeline runs that end in error or timeout, in percent, per pipeline.
	 */
	private final Threshold pipelineFailures = new Threshold(1, Duration.ofMinutes(5), 5, Duration.ofMinutes(3));

	/**
	 * 99th percentile duration of pipeline runs, per pipeline.
	 */
	private final LatencyThreshold pipelineLatencyP99 = new LatencyThreshold(Duration.ofSeconds(10),
			Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5));

	/**
	 * Interrupts raised per second, an informational alert.
	 */
	private final InfoThreshold interrupts = new InfoThreshold(10, Duration.ofMinutes(5));

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

	public Threshold getDependencyDown() {
		return this.dependencyDown;
	}

	public Threshold getDbPool() {
		return this.dbPool;
	}

	public Threshold getPipelineFailures() {
		return this.pipelineFailures;
	}

	public LatencyThreshold getPipelineLatencyP99() {
		return this.pipelineLatencyP99;
	}

	public InfoThreshold getInterrupts() {
		return this.interrupts;
	}

	/**
	 * What every rule of the pack has: a switch.
	 */
	public abstract static class Rule {

		/**
		 * Whether to generate this rule.
		 */
		private boolean enabled = true;

		Rule() {
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		static Duration notNegative(Duration duration) {
			Assert.isTrue(duration != null && !duration.isNegative(),
					() -> "must be 0s or more, such as 5m, but was " + duration);
			return duration;
		}

	}

	/**
	 * A rule with a warning and a critical level, and how long each must hold.
	 */
	public abstract static class LevelledRule extends Rule {

		/**
		 * How long the warning condition must hold before the alert fires.
		 */
		private Duration warningFor;

		/**
		 * How long the critical condition must hold before the alert fires.
		 */
		private Duration criticalFor;

		LevelledRule(Duration warningFor, Duration criticalFor) {
			this.warningFor = warningFor;
			this.criticalFor = criticalFor;
		}

		public Duration getWarningFor() {
			return this.warningFor;
		}

		public void setWarningFor(Duration warningFor) {
			this.warningFor = notNegative(warningFor);
		}

		public Duration getCriticalFor() {
			return this.criticalFor;
		}

		public void setCriticalFor(Duration criticalFor) {
			this.criticalFor = notNegative(criticalFor);
		}

	}

	/**
	 * A rule with one informational level: worth a look, never a page.
	 */
	public static class InfoThreshold extends Rule {

		/**
		 * Threshold of the informational alert.
		 */
		private double info;

		/**
		 * How long the condition must hold before the alert fires.
		 */
		private Duration infoFor;

		// Private, so that the configuration processor reads the setters, not these
		// parameters
		private InfoThreshold(double info, Duration infoFor) {
			this.info = info;
			this.infoFor = infoFor;
		}

		public double getInfo() {
			return this.info;
		}

		public void setInfo(double info) {
			Assert.isTrue(info >= 0, () -> "must be 0 or more, but was " + info);
			this.info = info;
		}

		public Duration getInfoFor() {
			return this.infoFor;
		}

		public void setInfoFor(Duration infoFor) {
			this.infoFor = notNegative(infoFor);
		}

	}

	/**
	 * A rule with numeric warning and critical thresholds.
	 */
	public static class Threshold extends LevelledRule {

		/**
		 * Warning threshold.
		 */
		private double warning;

		/**
		 * Critical threshold.
		 */
		private double critical;

		// Private, so that the configuration processor reads the setters, not these
		// parameters
		private Threshold(double warning, Duration warningFor, double critical, Duration criticalFor) {
			super(warningFor, criticalFor);
			this.warning = warning;
			this.critical = critical;
		}

		public double getWarning() {
			return this.warning;
		}

		public void setWarning(double warning) {
			Assert.isTrue(warning >= 0, () -> "must be 0 or more, but was " + warning);
			this.warning = warning;
		}

		public double getCritical() {
			return this.critical;
		}

		public void setCritical(double critical) {
			Assert.isTrue(critical >= 0, () -> "must be 0 or more, but was " + critical);
			this.critical = critical;
		}

	}

	/**
	 * A rule with latency thresholds.
	 */
	public static class LatencyThreshold extends LevelledRule {

		/**
		 * Warning latency.
		 */
		private Duration warning;

		/**
		 * Critical latency.
		 */
		private Duration critical;

		// Private, so that the configuration processor reads the setters, not these
		// parameters
		private LatencyThreshold(Duration warning, Duration warningFor, Duration critical, Duration criticalFor) {
			super(warningFor, criticalFor);
			this.warning = warning;
			this.critical = critical;
		}

		public Duration getWarning() {
			return this.warning;
		}

		public void setWarning(Duration warning) {
			this.warning = positive(warning, "500ms");
		}

		public Duration getCritical() {
			return this.critical;
		}

		public void setCritical(Duration critical) {
			this.critical = positive(critical, "1s");
		}

		private static Duration positive(Duration duration, String example) {
			Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
					() -> "must be a positive duration, such as " + example + ", but was " + duration);
			return duration;
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
			super(2, Duration.ofMinutes(5), 10, Duration.ofMinutes(1));
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

}
