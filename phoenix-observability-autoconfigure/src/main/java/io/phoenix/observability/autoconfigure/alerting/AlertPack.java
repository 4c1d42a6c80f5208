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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.phoenix.observability.autoconfigure.alerting.AlertRulesProperties.InfoThreshold;
import io.phoenix.observability.autoconfigure.alerting.AlertRulesProperties.LatencyThreshold;
import io.phoenix.observability.autoconfigure.alerting.AlertRulesProperties.LlmThreshold;
import io.phoenix.observability.autoconfigure.alerting.AlertRulesProperties.Threshold;
import io.phoenix.observability.autoconfigure.alerting.ThresholdAlert.Measure;

import static io.phoenix.observability.autoconfigure.alerting.PromQl.duration;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.number;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.quote;

/**
 * The default alert rules of a service (errors, latency, LLM failures, CPU, heap, disk,
 * circuit breakers, database pools, pipeline failures and latency, interrupts), resolved
 * from {@link AlertRulesProperties}. They watch the meters that Phoenix and Spring Boot
 * publish and have nothing to do with SLOs.
 *
 * @param service the name of the service
 * @param alerts the alerts, a warning and a critical one for each enabled rule (one
 * informational alert for interrupts)
 * @param llmMetric the Prometheus metric that counts LLM requests
 * @param llmErrorMatcher the label matcher that selects failed LLM requests
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record AlertPack(String service, List<ThresholdAlert> alerts, String llmMetric, String llmErrorMatcher) {

	/**
	 * Create a new instance.
	 * @param service the name of the service
	 * @param alerts the alerts
	 * @param llmMetric the Prometheus metric that counts LLM requests
	 * @param llmErrorMatcher the label matcher that selects failed LLM requests
	 */
	public AlertPack {
		alerts = List.copyOf(alerts);
	}

	/**
	 * Resolve the alert pack from its properties.
	 * @param service the name of the service
	 * @param rules the thresholds
	 * @param runbookUrl the runbook; each alert links to it with its own anchor
	 * @return the alert pack
	 */
	public static AlertPack of(String service, AlertRulesProperties rules, String runbookUrl) {
		return of(service, rules, runbookUrl, false);
	}

	/**
	 * Resolve the alert pack from its properties.
	 * @param service the name of the service
	 * @param rules the thresholds
	 * @param runbookUrl the runbook; each alert links to it with its own anchor
	 * @param connectionPool whether the service has a JDBC connection pool, which adds
	 * the pool rule
	 * @return the alert pack
	 */
	public static AlertPack of(String service, AlertRulesProperties rules, String runbookUrl, boolean connectionPool) {
		return of(service, rules, runbookUrl, connectionPool, false);
	}

	/**
	 * Resolve the alert pack from its properties.
	 * @param service the name of the service
	 * @param rules the thresholds
	 * @param runbookUrl the runbook; each alert links to it with its own anchor
	 * @param connectionPool whether the service has a JDBC connection pool, which adds
	 * the pool rule
	 * @param pipelines whether the service records pipeline runs and interrupts, which
	 * adds the pipeline and interrupt rules
	 * @return the alert pack
	 */
	public static AlertPack of(String service, AlertRulesProperties rules, String runbookUrl, boolean connectionPool,
			boolean pipelines) {
		return new Builder(service, runbookUrl).build(rules, connectionPool, pipelines);
	}

	private static final class Builder {

		private final List<ThresholdAlert> alerts = new ArrayList<>();

		private final String service;

		private final String runbookUrl;

		private final String selector;

		Builder(String service, String runbookUrl) {
			this.service = service;
			this.runbookUrl = runbookUrl;
			this.selector = "service=" + quote(service);
		}

		AlertPack build(AlertRulesProperties rules, boolean connectionPool, boolean pipelines) {
			String s = this.selector;
			Threshold errorRate = rules.getErrorRate();
			if (errorRate.isEnabled()) {
				String ratio = ratio("service", "http_server_requests_seconds_count", "outcome=\"SERVER_ERROR\"");
				pair("PhoenixHighErrorRate", Measure.ERROR_RATIO, ratio, " > ", errorRate, true,
						"More than %s%% of the requests to " + this.service + " fail with a server error");
			}
			LatencyThreshold latency = rules.getLatencyP95();
			if (latency.isEnabled()) {
				String p95 = "histogram_quantile(0.95,\n  sum by (service, le) (rate(http_server_requests_seconds_bucket{"
						+ s + "}[5m])))";
				latencyPair("PhoenixHighLatencyP95", Measure.LATENCY_P95, p95, latency,
						"95th percentile latency of " + this.service + " is above ");
			}
			LlmThreshold llm = rules.getLlmFailures();
			if (llm.isEnabled()) {
				String ratio = ratio("service", llm.getMetric(), llm.getErrorMatcher());
				pair("PhoenixLlmRequestFailures", Measure.LLM_FAILURE_RATIO, ratio, " > ", llm, true,
						"More than %s%% of the LLM requests of " + this.service + " fail");
			}
			Threshold cpu = rules.getCpu();
			if (cpu.isEnabled()) {
				pair("PhoenixHighCpuUsage", Measure.CPU, "max by (service, instance) (process_cpu_usage{" + s + "})",
						" > ", cpu, true, "CPU usage of " + this.service + " is above %s%%");
			}
			Threshold memory = rules.getMemory();
			if (memory.isEnabled()) {
				String ratio = "sum by (service, instance) (jvm_memory_used_bytes{" + s + ",area=\"heap\"})\n/\n"
						+ "sum by (service, instance) (jvm_memory_max_bytes{" + s + ",area=\"heap\"} > 0)";
				pair("PhoenixHighMemoryUsage", Measure.HEAP, ratio, " > ", memory, true,
						"Heap usage of " + this.service + " is above %s%% of the maximum");
			}
			Threshold disk = rules.getDiskFree();
			if (disk.isEnabled()) {
				String ratio = "min by (service, instance, path) (disk_free_bytes{" + s + "} / disk_total_bytes{" + s
						+ "})";
				pair("PhoenixLowDiskSpace", Measure.DISK_FREE, ratio, " < ", disk, true,
						"Less than %s%% of the disk of " + this.service + " is free");
			}
			Threshold breaker = rules.getCircuitBreaker();
			if (breaker.isEnabled()) {
				String open = "count by (service) (resilience4j_circuitbreaker_state{" + s + ",state=\"open\"} == 1)";
				pair("PhoenixCircuitBreakerOpen", Measure.OPEN_BREAKERS, open, " > ", breaker, false,
						"More than %s circuit breakers of " + this.service + " are open");
			}
			Threshold dependencies = rules.getDependencyDown();
			if (dependencies.isEnabled()) {
				// Per dependency, which names the cause of what the other rules see
				String down = "count by (service, dependency) (phoenix_dependency_up{" + s
						+ ",critical=\"true\"} == 0)";
				pair("PhoenixDependencyDown", Measure.DEPENDENCIES_DOWN, down, " > ", dependencies, false,
						"Critical dependency {{ $labels.dependency }} of " + this.service + " is down");
			}
			Threshold pool = rules.getDbPool();
			if (connectionPool && pool.isEnabled()) {
				// Per pool and instance: one exhausted pool is enough to starve its
				// callers
				String ratio = "max by (service, instance, pool) (hikaricp_connections_active{" + s
						+ "}\n/\n(hikaricp_connections_max{" + s + "} > 0))";
				pair("PhoenixDatabasePoolExhaustion", Measure.DB_POOL, ratio, " > ", pool, true,
						"More than %s%% of the connections of a database pool of " + this.service + " are in use");
			}
			if (pipelines) {
				pipelines(rules);
			}
			return new AlertPack(this.service, this.alerts, llm.getMetric(), llm.getErrorMatcher());
		}

		private void pipelines(AlertRulesProperties rules) {
			String s = this.selector;
			Threshold failures = rules.getPipelineFailures();
			if (failures.isEnabled()) {
				// Per pipeline: one failing pipeline is hidden in the sum of all. Runs
				// that end for their own reason (max_iterations) are no failures
				String ratio = ratio("service, pipeline", "pipeline_executions_total", "status=~\"error|timeout\"");
				pair("PhoenixPipelineFailures", Measure.PIPELINE_FAILURE_RATIO, ratio, " > ", failures, true,
						"More than %s%% of the runs of a pipeline of " + this.service + " fail");
			}
			LatencyThreshold latency = rules.getPipelineLatencyP99();
			if (latency.isEnabled()) {
				String p99 = "histogram_quantile(0.99,\n  sum by (service, pipeline, le) (rate(pipeline_duration_seconds_bucket{"
						+ s + "}[5m])))";
				latencyPair("PhoenixPipelineLatencyP99", Measure.PIPELINE_LATENCY_P99, p99, latency,
						"99th percentile duration of a pipeline of " + this.service + " is above ");
			}
			InfoThreshold interrupts = rules.getInterrupts();
			if (interrupts.isEnabled()) {
				// Raised only: the answers to the same questions are counted too
				BigDecimal threshold = BigDecimal.valueOf(interrupts.getInfo());
				add("PhoenixInterruptRate", Measure.INTERRUPT_RATE,
						"sum by (service) (rate(interrupts_total{" + s + ",status=\"raised\"}[5m]))", " > ", threshold,
						interrupts.getInfoFor(), "info",
						"More than " + number(threshold) + " interrupts per second are raised by " + this.service);
			}
		}

		/**
		 * The share of a counter's rate whose series match a matcher, per the given
		 * labels, over this service's series.
		 */
		private String ratio(String by, String metric, String badMatcher) {
			return "sum by (" + by + ") (rate(" + metric + "{" + this.selector + "," + badMatcher + "}[5m]))\n/\n"
					+ "sum by (" + by + ") (rate(" + metric + "{" + this.selector + "}[5m]))";
		}

		private void latencyPair(String name, Measure measure, String expr, LatencyThreshold latency, String summary) {
			add(name, measure, expr, " > ", seconds(latency.getWarning()), latency.getWarningFor(), "warning",
					summary + duration(latency.getWarning()));
			add(name, measure, expr, " > ", seconds(latency.getCritical()), latency.getCriticalFor(), "critical",
					summary + duration(latency.getCritical()));
		}

		private void pair(String name, Measure measure, String expr, String operator, Threshold threshold,
				boolean percent, String summary) {
			BigDecimal warning = BigDecimal.valueOf(threshold.getWarning());
			BigDecimal critical = BigDecimal.valueOf(threshold.getCritical());
			BigDecimal scale = percent ? BigDecimal.valueOf(100) : BigDecimal.ONE;
			add(name, measure, expr, operator, warning.divide(scale), threshold.getWarningFor(), "warning",
					summary.formatted(number(warning)));
			add(name, measure, expr, operator, critical.divide(scale), threshold.getCriticalFor(), "critical",
					summary.formatted(number(critical)));
		}

		private void add(String name, Measure measure, String expr, String operator, BigDecimal threshold,
				Duration forDuration, String severity, String summary) {
			this.alerts.add(new ThresholdAlert(name, measure, expr + operator + number(threshold), threshold,
					operator.contains("<"), forDuration, severity, summary,
					this.runbookUrl + "#" + name.toLowerCase(Locale.ROOT)));
		}

		private static BigDecimal seconds(Duration duration) {
			return BigDecimal.valueOf(duration.toNanos()).movePointLeft(9);
		}

	}

}
