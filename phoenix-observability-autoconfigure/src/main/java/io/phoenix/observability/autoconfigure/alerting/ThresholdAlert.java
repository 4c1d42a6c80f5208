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

/**
 * One alert rule of the {@link AlertPack}, at one severity.
 *
 * @param name the alert name, such as {@code PhoenixHighCpuUsage}
 * @param expr the PromQL condition
 * @param forDuration how long the condition must hold; zero fires at once
 * @param severity {@code warning} or {@code critical}
 * @param summary what the alert says, in a sentence
 * @param runbookUrl the runbook of the alert
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ThresholdAlert(String name, String expr, Duration forDuration, String severity, String summary,
		String runbookUrl) {

}
