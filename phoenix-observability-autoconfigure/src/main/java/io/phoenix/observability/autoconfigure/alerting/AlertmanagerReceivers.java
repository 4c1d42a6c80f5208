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

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where and how often the generated Alertmanager configuration sends notifications,
 * resolved from {@link AlertmanagerProperties}.
 *
 * @param pagerdutyRoutingKeyFile the file that holds the routing key of the receiver of
 * {@code critical} and {@code page} alerts
 * @param pagerdutyUrl the PagerDuty Events API URL
 * @param slackApiUrlFile the file that holds the Slack webhook of {@code warning} and
 * {@code ticket} alerts
 * @param slackChannel the Slack channel of {@code warning} and {@code ticket} alerts
 * @param webhookUrl the webhook that receives every other alert
 * @param groupWait how long to wait to group the first alerts of a group
 * @param groupInterval how long to wait before notifying of changes to a group
 * @param repeatInterval how long to wait before repeating a notification
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record AlertmanagerReceivers(String pagerdutyRoutingKeyFile, String pagerdutyUrl, String slackApiUrlFile,
		String slackChannel, String webhookUrl, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

	/**
	 * What a redacted value reads.
	 */
	public static final String REDACTED = "******";

	/**
	 * Resolve the receivers from their properties.
	 * @param properties the properties
	 * @return the receivers
	 */
	public static AlertmanagerReceivers of(AlertmanagerProperties properties) {
		return new AlertmanagerReceivers(properties.getPagerdutyRoutingKeyFile(), properties.getPagerdutyUrl(),
				properties.getSlackApiUrlFile(), properties.getSlackChannel(), properties.getWebhookUrl(),
				properties.getGroupWait(), properties.getGroupInterval(), properties.getRepeatInterval());
	}

	/**
	 * Return these receivers with their URLs redacted, for a configuration served to
	 * anyone: a webhook's URL is often its token. The files stay as they are: they name
	 * where the secrets are, not what they are.
	 * @return the receivers with redacted URLs
	 * @see #redact(String)
	 */
	public AlertmanagerReceivers withRedactedUrls() {
		return new AlertmanagerReceivers(this.pagerdutyRoutingKeyFile, redact(this.pagerdutyUrl), this.slackApiUrlFile,
				this.slackChannel, redact(this.webhookUrl), this.groupWait, this.groupInterval, this.repeatInterval);
	}

	/**
	 * Redact the parts of a URL that can hold a token (user info, path, query and
	 * fragment), keeping its scheme, host and port:
	 * {@code https://hooks.example.com/******}.
	 * @param url the URL
	 * @return the redacted URL
	 */
	public static String redact(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getScheme() == null || uri.getHost() == null) {
				return REDACTED;
			}
			String origin = uri.getScheme() + "://" + uri.getHost()
					+ ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
			boolean bare = uri.getRawUserInfo() == null
					&& (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
					&& uri.getRawQuery() == null && uri.getRawFragment() == null;
			return bare ? origin : origin + "/" + REDACTED;
		}
		catch (URISyntaxException ex) {
			return REDACTED;
		}
	}

}
