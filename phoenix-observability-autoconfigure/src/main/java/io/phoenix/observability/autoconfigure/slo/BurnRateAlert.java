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

import java.time.Duration;
import java.util.List;

/**
 * The multi-window, multi-burn-rate alerts of the Google SRE workbook, for a 30-day
 * window: each fires when the error ratio exceeds {@code burnRate} times the error budget
 * over both its long and its short window.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public enum BurnRateAlert {

	/**
	 * 2% of the budget in one hour: pages.
	 */
	PAGE_1H("SloBurnRatePage1h", "page", "14.4", Duration.ofHours(1), Duration.ofMinutes(5)),

	/**
	 * 5% of the budget in six hours: pages.
	 */
	PAGE_6H("SloBurnRatePage6h", "page", "6", Duration.ofHours(6), Duration.ofMinutes(30)),

	/**
	 * 10% of the budget in one day: opens a ticket.
	 */
	TICKET_1D("SloBurnRateTicket1d", "ticket", "3", Duration.ofDays(1), Duration.ofHours(2)),

	/**
	 * 10% of the budget in three days: opens a ticket.
	 */
	TICKET_3D("SloBurnRateTicket3d", "ticket", "1", Duration.ofDays(3), Duration.ofHours(6));

	/**
	 * The windows over which error ratios are recorded, besides the SLO window.
	 */
	public static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30),
			Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

	private final String alertName;

	private final String severity;

	private final java.math.BigDecimal burnRate;

	private final Duration longWindow;

	private final Duration shortWindow;

	BurnRateAlert(String alertName, String severity, String burnRate, Duration longWindow, Duration shortWindow) {
		this.alertName = alertName;
		this.severity = severity;
		this.burnRate = new java.math.BigDecimal(burnRate);
		this.longWindow = longWindow;
		this.shortWindow = shortWindow;
	}

	public String alertName() {
		return this.alertName;
	}

	public String severity() {
		return this.severity;
	}

	public java.math.BigDecimal burnRate() {
		return this.burnRate;
	}

	public Duration longWindow() {
		return this.longWindow;
	}

	public Duration shortWindow() {
		return this.shortWindow;
	}

}
