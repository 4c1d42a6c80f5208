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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.search.Search;
import io.phoenix.observability.autoconfigure.alerting.PromQl;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Computes SLIs, burn rates and error budgets from the live meters of the application.
 * <p>
 * Every sample interval, Phoenix's background scheduler has the tracker read the
 * cumulative counts of each SLO's meters into two fixed-size rings: a fine one, one
 * sample per interval for the last six hours, and a coarse one, one sample per five
 * minutes for the SLO window or three days, whichever is longer. Windows up to six hours
 * are resolved to the sample interval; longer ones to five minutes. Memory is bounded by
 * the rings, not by traffic. Ratio SLIs, defined in PromQL, are left to Prometheus.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class SloTracker implements MeterBinder {

	private static final Log logger = LogFactory.getLog(SloTracker.class);

	private static final Duration FINE_COVERAGE = Duration.ofHours(6);

	private static final int MAX_FINE_SAMPLES = 21_600;

	private static final Duration COARSE_STEP = Duration.ofMinutes(5);

	private final List<Tracked> tracked = new ArrayList<>();

	private final List<ServiceLevelObjective> objectives;

	private final Duration interval;

	private final Clock clock;

	private volatile MeterRegistry registry;

	/**
	 * Create a new instance.
	 * @param objectives the SLOs
	 * @param interval how often to sample the meters
	 * @param clock the clock
	 */
	public SloTracker(List<ServiceLevelObjective> objectives, Duration interval, Clock clock) {
		this.objectives = objectives;
		this.interval = interval;
		this.clock = clock;
		for (ServiceLevelObjective slo : objectives) {
			if (slo.kind() != SliKind.RATIO) {
				this.tracked.add(new Tracked(slo, interval));
			}
		}
	}

	/**
	 * Return the windows reported for an SLO: those of the burn-rate alerts and the SLO
	 * window.
	 * @param slo the SLO
	 * @return the windows
	 */
	public static List<Duration> windows(ServiceLevelObjective slo) {
		Set<Duration> windows = new LinkedHashSet<>(BurnRateAlert.WINDOWS);
		windows.add(slo.window());
		return List.copyOf(windows);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.registry == null) {
			this.registry = registry;
		}
		for (ServiceLevelObjective slo : this.objectives) {
			Gauge.builder("phoenix.slo.objective.ratio", slo, (s) -> s.objectiveRatio().doubleValue())
				.tag("slo", slo.name())
				.description("Target ratio of good events of the SLO")
				.register(registry);
		}
		for (Tracked t : this.tracked) {
			String name = t.slo.name();
			Gauge.builder("phoenix.slo.error.budget.remaining.ratio", t, Tracked::budgetRemaining)
				.tag("slo", name)
				.description("Share of the error budget of the SLO window that is left; negative when overspent")
				.register(registry);
			for (Duration window : windows(t.slo)) {
				Tags tags = Tags.of("slo", name, "window", PromQl.duration(window));
				Gauge.builder("phoenix.slo.sli.ratio", t, (x) -> x.sli(window))
					.tags(tags)
					.description("Ratio of good events over the window")
					.register(registry);
				Gauge.builder("phoenix.slo.burn.rate", t, (x) -> x.burnRate(window))
					.tags(tags)
					.description("Rate at which the error budget burns over the window; 1 spends it in the SLO window")
					.register(registry);
			}
		}
	}

	/**
	 * Sample the meters now.
	 */
	public void sample() {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		long now = this.clock.millis();
		for (Tracked t : this.tracked) {
			try {
				double[] counts = t.read(registry);
				t.fine.offer(now, counts[0], counts[1]);
				t.coarse.offer(now, counts[0], counts[1]);
			}
			catch (RuntimeException ex) {
				logger.debug("Failed to sample the meters of SLO '" + t.slo.name() + "'", ex);
			}
		}
	}

	/**
	 * Return the live status of every SLO.
	 * @return the statuses, in declaration order
	 */
	public List<Status> statuses() {
		List<Status> statuses = new ArrayList<>();
		for (ServiceLevelObjective slo : this.objectives) {
			Tracked t = this.tracked.stream().filter((x) -> x.slo == slo).findFirst().orElse(null);
			statuses.add((t != null) ? t.status() : null);
		}
		return statuses;
	}

	/**
	 * Return the live status of an SLO.
	 * @param name the SLO's name
	 * @return the status, or {@code null} if it is not computed live
	 */
	public @Nullable Status status(String name) {
		return this.tracked.stream()
			.filter((t) -> t.slo.name().equals(name))
			.map(Tracked::status)
			.findFirst()
			.orElse(null);
	}

	public Duration getInterval() {
		return this.interval;
	}

	/**
	 * Live status of one SLO.
	 *
	 * @param errorBudgetRemaining share of the error budget of the SLO window left
	 * @param sli ratio of good events by window
	 * @param burnRate burn rate by window
	 * @param events bad and total events over the SLO window
	 * @param firing the burn-rate alerts whose both windows are above their threshold
	 */
	public record Status(double errorBudgetRemaining, Map<String, Double> sli, Map<String, Double> burnRate,
			Map<String, Double> events, List<String> firing) {
	}

	private static final class Tracked {

		private final ServiceLevelObjective slo;

		private final SampleRing fine;

		private final SampleRing coarse;

		private final double budget;

		private final long thresholdNanos;

		Tracked(ServiceLevelObjective slo, Duration interval) {
			this.slo = slo;
			long step = Math.max(1, interval.toMillis());
			int fineSamples = (int) Math.min(MAX_FINE_SAMPLES, FINE_COVERAGE.toMillis() / step);
			// Every sample is kept: the sampler sets the pace
			this.fine = new SampleRing(0, step * fineSamples, fineSamples + 1);
			long coarseStep = Math.max(COARSE_STEP.toMillis(), step);
			long longest = Math.max(slo.window().toMillis(), Duration.ofDays(3).toMillis());
			this.coarse = new SampleRing(coarseStep, longest, (int) (longest / coarseStep) + 2);
			this.budget = slo.errorBudget().doubleValue();
			Duration threshold = slo.sli().threshold();
			this.thresholdNanos = (threshold != null) ? threshold.toNanos() : 0;
		}

		double[] read(MeterRegistry registry) {
			ServiceLevelIndicator sli = this.slo.sli();
			Search search = registry.find(sli.meter());
			double bad = 0;
			double total = 0;
			if (sli.meterType() == MeterType.COUNTER) {
				for (Counter counter : search.counters()) {
					// The same matchers as the rules' selectors, on the meter's tags
					if (!sli.isEvent(counter.getId())) {
						continue;
					}
					total += counter.count();
					bad += sli.isBad(counter.getId()) ? counter.count() : 0;
				}
				return new double[] { bad, total };
			}
			for (Timer timer : search.timers()) {
				if (!sli.isEvent(timer.getId())) {
					continue;
				}
				if (this.slo.kind() == SliKind.LATENCY) {
					var snapshot = timer.takeSnapshot();
					double fast = 0;
					for (CountAtBucket bucket : snapshot.histogramCounts()) {
						if (Math.abs(bucket.bucket(TimeUnit.NANOSECONDS) - this.thresholdNanos) < 1) {
							fast = bucket.count();
						}
					}
					total += snapshot.count();
					bad += Math.max(0, snapshot.count() - fast);
				}
				else {
					total += timer.count();
					bad += sli.isBad(timer.getId()) ? timer.count() : 0;
				}
			}
			return new double[] { bad, total };
		}

		double errorRatio(Duration window) {
			double[] newest = this.fine.newest();
			SampleRing ring = (window.toMillis() <= this.fine.coverageMillis()) ? this.fine : this.coarse;
			double[] delta = ring.delta(newest, window.toMillis());
			if (delta == null || delta[1] <= 0) {
				// No events, no errors: nothing of the budget is spent
				return 0;
			}
			return Math.min(1, delta[0] / delta[1]);
		}

		double sli(Duration window) {
			return 1 - errorRatio(window);
		}

		double burnRate(Duration window) {
			return errorRatio(window) / this.budget;
		}

		double budgetRemaining() {
			return 1 - burnRate(this.slo.window());
		}

		Status status() {
			Map<String, Double> sli = new LinkedHashMap<>();
			Map<String, Double> burn = new LinkedHashMap<>();
			for (Duration window : windows(this.slo)) {
				sli.put(PromQl.duration(window), sli(window));
				burn.put(PromQl.duration(window), burnRate(window));
			}
			double[] delta = this.coarse.delta(this.fine.newest(), this.slo.window().toMillis());
			Map<String, Double> events = new LinkedHashMap<>();
			events.put("bad", (delta != null) ? delta[0] : 0);
			events.put("total", (delta != null) ? delta[1] : 0);
			List<String> firing = new ArrayList<>();
			for (BurnRateAlert alert : this.slo.alerts()) {
				double threshold = alert.burnRate().doubleValue();
				if (burnRate(alert.longWindow()) > threshold && burnRate(alert.shortWindow()) > threshold) {
					firing.add(alert.alertName());
				}
			}
			return new Status(budgetRemaining(), sli, burn, events, firing);
		}

	}

}
