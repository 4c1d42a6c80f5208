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
 * The receivers of the generated Alertmanager configuration:
 * {@code phoenix.slo.alertmanager.*}. Secrets are never written into the configuration:
 * Alertmanager reads them from the files named here when it sends a notification.
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
	 * File that holds the PagerDuty routing key of the receiver of 'critical' and 'page'
	 * alerts, as Alertmanager sees it.
	 */
	private String pagerdutyRoutingKeyFile = "/etc/alertmanager/secrets/pagerduty-routing-key";

	/**
	 * PagerDuty Events API v2 URL.
	 */
	private String pagerdutyUrl = "https://events.pagerduty.com/v2/enqueue";

	/**
	 * File that holds the Slack incoming webhook URL of the receiver of 'warning' and
	 * 'ticket' alerts, as Alertmanager sees it.
	 */
	private String slackApiUrlFile = "/etc/alertmanager/secrets/slack-api-url";

	/**
	 * Slack channel of 'warning' and 'ticket' alerts.
	 */
	private String slackChannel = "#alerts";

	/**
	 * Webhook that receives every other alert.
	 */
	private String webhookUrl = "http://127.0.0.1:5001/alerts";

	/**
	 * How long Alertmanager waits to group the first alerts of a group.
	 */
	private Duration groupWait = Duration.ofSeconds(30);

	/**
	 * How long Alertmanager waits before notifying of changes to a group, resolved alerts
	 * included.
	 */
	private Duration groupInterval = Duration.ofMinutes(5);

	/**
	 * How long Alertmanager waits before repeating a notification that was sent.
	 */
	private Duration repeatInterval = Duration.ofHours(4);

	public String getPagerdutyRoutingKeyFile() {
		return this.pagerdutyRoutingKeyFile;
	}

	public void setPagerdutyRoutingKeyFile(String pagerdutyRoutingKeyFile) {
		this.pagerdutyRoutingKeyFile = path(pagerdutyRoutingKeyFile, "/etc/alertmanager/secrets/pagerduty-routing-key");
	}

	/**
	 * Refuse an inline routing key, which would end up in plain text in the
	 * configuration.
	 * @param pagerdutyRoutingKey the key
	 */
	public void setPagerdutyRoutingKey(String pagerdutyRoutingKey) {
		throw new IllegalArgumentException("Secrets are not written into the Alertmanager configuration: "
				+ "write the routing key to a file that Alertmanager can read and set " + PREFIX
				+ ".pagerduty-routing-key-file to its path");
	}

	public String getPagerdutyUrl() {
		return this.pagerdutyUrl;
	}

	public void setPagerdutyUrl(String pagerdutyUrl) {
		this.pagerdutyUrl = httpUrl(pagerdutyUrl);
	}

	public String getSlackApiUrlFile() {
		return this.slackApiUrlFile;
	}

	public void setSlackApiUrlFile(String slackApiUrlFile) {
		this.slackApiUrlFile = path(slackApiUrlFile, "/etc/alertmanager/secrets/slack-api-url");
	}

	/**
	 * Refuse an inline Slack webhook URL, whose path is a secret.
	 * @param slackWebhookUrl the URL
	 */
	public void setSlackWebhookUrl(String slackWebhookUrl) {
		throw new IllegalArgumentException("Secrets are not written into the Alertmanager configuration: "
				+ "write the Slack webhook URL to a file that Alertmanager can read and set " + PREFIX
				+ ".slack-api-url-file to its path");
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

	public Duration getGroupWait() {
		return this.groupWait;
	}

	public void setGroupWait(Duration groupWait) {
		this.groupWait = positive(groupWait, "30s");
	}

	public Duration getGroupInterval() {
		return this.groupInterval;
	}

	public void setGroupInterval(Duration groupInterval) {
		this.groupInterval = positive(groupInterval, "5m");
	}

	public Duration getRepeatInterval() {
		return this.repeatInterval;
	}

	public void setRepeatInterval(Duration repeatInterval) {
		this.repeatInterval = positive(repeatInterval, "4h");
	}

	private static String httpUrl(String url) {
		Assert.isTrue(url != null && url.startsWith("http") && !url.contains("${"),
				() -> "must be an http or https URL, but was '" + url + "'");
		return url;
	}

	private static String path(String path, String example) {
		// Alertmanager reads the file as it is named: it expands no variables
		Assert.isTrue(path != null && !path.isBlank() && !path.contains("${") && !path.contains("$("),
				() -> "must be the path of a file, such as " + example + ", but was '" + path + "'");
		return path;
	}

	private static Duration positive(Duration duration, String example) {
		Assert.isTrue(duration != null && duration.toMillis() >= 1000,
				() -> "must be 1s or more, such as " + example + ", but was " + duration);
		return duration;
	}

}
