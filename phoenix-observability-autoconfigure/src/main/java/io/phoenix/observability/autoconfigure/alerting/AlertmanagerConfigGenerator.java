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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the Alertmanager configuration: {@code critical} and {@code page} alerts to
 * PagerDuty, {@code warning} and {@code ticket} alerts to Slack, the rest to a webhook; a
 * critical alert silences its warning, a page its ticket, the one-hour burn of an SLO its
 * six-hour burn. One incident is one page: the page-level alerts of the services that
 * share a {@value #INCIDENT_LABEL} label (or have none) form one group, and a page-level
 * cause (a critical dependency is down, the LLM fails, a database pool is exhausted,
 * breakers are open) inhibits the symptoms it explains (SLO burn rates, error ratios,
 * latency), in every such service, so that the page names the cause. Secrets are
 * referenced as files ({@code routing_key_file}, {@code api_url_file}), never written
 * inline.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class AlertmanagerConfigGenerator {

	// What every alert of a notification says, its labels included, so that the
	// person on call sees which instance, SLO or breaker it is about
	private static final String TEXT = """
			{{ range .Alerts }}{{ .Annotations.description }}
			Labels: {{ range .Labels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}
			{{ end }}Runbook: {{ .CommonAnnotations.runbook_url }}""";

	/**
	 * The label that bounds an incident: page-level alerts with the same value (or none)
	 * are one page, and a cause inhibits the symptoms with the same value.
	 */
	public static final String INCIDENT_LABEL = "team";

	/**
	 * The alerts of the rule pack that name a cause.
	 */
	public static final List<String> CAUSES = List.of("PhoenixDependencyDown", "PhoenixLlmRequestFailures",
			"PhoenixDatabasePoolExhaustion", "PhoenixCircuitBreakerOpen");

	/**
	 * The alerts that a cause explains: what the users and the SLOs see of it.
	 */
	public static final List<String> SYMPTOMS = List.of("SloBurnRatePage1h", "SloBurnRatePage6h", "SloBurnRateTicket1d",
			"SloBurnRateTicket3d", "PhoenixHighErrorRate", "PhoenixHighLatencyP95", "PhoenixPipelineFailures",
			"PhoenixPipelineLatencyP99");

	private static final String PAGE = "severity=~\"critical|page\"";

	// The first alert names the incident (the cause, when the symptoms are inhibited),
	// then how many alerts the page holds and which
	private static final String PAGE_SUMMARY = "{{ (index .Alerts 0).Annotations.summary }}"
			+ "{{ if gt (len .Alerts) 1 }} (and {{ len .Alerts }} alerts in all:"
			+ "{{ range .Alerts }} {{ .Labels.alertname }}/{{ .Labels.service }}{{ end }}){{ end }}";

	private final AlertmanagerReceivers receivers;

	/**
	 * Create a new instance.
	 * @param receivers the receivers
	 */
	public AlertmanagerConfigGenerator(AlertmanagerReceivers receivers) {
		this.receivers = receivers;
	}

	/**
	 * Return the configuration, as a document to be written as YAML.
	 * @return the document
	 */
	public Map<String, Object> document() {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("global", Map.of("resolve_timeout", "5m"));
		Map<String, Object> route = new LinkedHashMap<>();
		route.put("receiver", "default");
		route.put("group_by", List.of("alertname", "service", "slo"));
		route.put("group_wait", PromQl.duration(this.receivers.groupWait()));
		route.put("group_interval", PromQl.duration(this.receivers.groupInterval()));
		route.put("repeat_interval", PromQl.duration(this.receivers.repeatInterval()));
		// One incident, one page: the alerts of every service of the team in one group
		Map<String, Object> pages = entries("receiver", "pagerduty", "matchers", List.of(PAGE));
		pages.put("group_by", List.of(INCIDENT_LABEL));
		route.put("routes",
				List.of(pages, entries("receiver", "slack", "matchers", List.of("severity=~\"warning|ticket\""))));
		root.put("route", route);
		// The fast burn says it all: the slower one of the same SLO adds nothing
		Map<String, Object> fastBurn = new LinkedHashMap<>();
		fastBurn.put("source_matchers", List.of("alertname=\"SloBurnRatePage1h\""));
		fastBurn.put("target_matchers", List.of("alertname=\"SloBurnRatePage6h\""));
		fastBurn.put("equal", List.of("slo", "service"));
		Map<String, Object> causes = new LinkedHashMap<>();
		causes.put("source_matchers", List.of(PAGE, "alertname=~\"" + String.join("|", CAUSES) + "\""));
		causes.put("target_matchers", List.of("alertname=~\"" + String.join("|", SYMPTOMS) + "\""));
		causes.put("equal", List.of(INCIDENT_LABEL));
		root.put("inhibit_rules", List.of(inhibit("critical", "warning", List.of("alertname", "service")),
				inhibit("page", "ticket", List.of("slo", "service")), fastBurn, causes));
		// Secrets are read from files by Alertmanager itself: it never expands variables
		Map<String, Object> slack = new LinkedHashMap<>();
		slack.put("api_url_file", this.receivers.slackApiUrlFile());
		slack.put("channel", this.receivers.slackChannel());
		slack.put("send_resolved", true);
		slack.put("title", "[{{ .Status | toUpper }}] {{ .CommonLabels.severity }}: {{ .CommonAnnotations.summary }}");
		slack.put("title_link", "{{ .CommonAnnotations.runbook_url }}");
		slack.put("text", TEXT);
		Map<String, Object> pagerduty = new LinkedHashMap<>();
		pagerduty.put("routing_key_file", this.receivers.pagerdutyRoutingKeyFile());
		pagerduty.put("url", this.receivers.pagerdutyUrl());
		pagerduty.put("send_resolved", true);
		pagerduty.put("description", PAGE_SUMMARY);
		pagerduty.put("links",
				List.of(entries("href", "{{ (index .Alerts 0).Annotations.runbook_url }}", "text", "Runbook")));
		Map<String, Object> webhook = new LinkedHashMap<>();
		webhook.put("url", this.receivers.webhookUrl());
		webhook.put("send_resolved", true);
		root.put("receivers",
				List.of(entries("name", "default", "webhook_configs", List.of(webhook)),
						entries("name", "pagerduty", "pagerduty_configs", List.of(pagerduty)),
						entries("name", "slack", "slack_configs", List.of(slack))));
		return root;
	}

	// In this order, whatever the JVM: Map.of would shuffle the keys from one run to the
	// next
	private static Map<String, Object> entries(String key1, Object value1, String key2, Object value2) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key1, value1);
		map.put(key2, value2);
		return map;
	}

	private static Map<String, Object> inhibit(String source, String target, List<String> equal) {
		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("source_matchers", List.of("severity=\"" + source + "\""));
		rule.put("target_matchers", List.of("severity=\"" + target + "\""));
		rule.put("equal", equal);
		return rule;
	}

}
