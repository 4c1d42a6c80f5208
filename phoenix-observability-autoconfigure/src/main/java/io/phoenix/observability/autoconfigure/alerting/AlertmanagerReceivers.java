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

/**
 * Where the generated Alertmanager configuration sends alerts, resolved from
 * {@link AlertmanagerProperties}.
 *
 * @param pagerdutyRoutingKey the routing key of the receiver of {@code critical} and
 * {@code page} alerts
 * @param slackWebhookUrl the Slack webhook of {@code warning} and {@code ticket} alerts
 * @param slackChannel the Slack channel of {@code warning} and {@code ticket} alerts
 * @param webhookUrl the webhook that receives every other alert
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record AlertmanagerReceivers(String pagerdutyRoutingKey, String slackWebhookUrl, String slackChannel,
		String webhookUrl) {

	/**
	 * Resolve the receivers from their properties.
	 * @param properties the properties
	 * @return the receivers
	 */
	public static AlertmanagerReceivers of(AlertmanagerProperties properties) {
		return new AlertmanagerReceivers(properties.getPagerdutyRoutingKey(), properties.getSlackWebhookUrl(),
				properties.getSlackChannel(), properties.getWebhookUrl());
	}

}
