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

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * The receivers of the generated Alertmanager configuration:
 * {@code phoenix.slo.alertmanager.*}. Secrets are placeholders, such as
 * {@code ${PAGERDUTY_ROUTING_KEY}}, to be filled from the environment when deployed.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties(AlertmanagerProperties.PREFIX)
public class AlertmanagerProperties {

	/**
	 * Prefix of the Alertmanager properties.
	 */
	public static final String PREFIX = "phoenix.slo.alertmanager";

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
		this.slackWebhookUrl = httpUrl(slackWebhookUrl);
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
		this.webhookUrl = httpUrl(webhookUrl);
	}

	private static String httpUrl(String url) {
		Assert.isTrue(url != null && url.startsWith("http"),
				() -> "must be an http or https URL, but was '" + url + "'");
		return url;
	}

}
