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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/**
 * How the good and bad events of a {@link ServiceLevelObjective} are counted, resolved
 * from {@link SliProperties}. An event is one count of the meter whose tags satisfy every
 * matcher of {@code events}; it is bad when they also satisfy every matcher of
 * {@code badEvents}. The rules and the live tracker read the same matchers.
 *
 * @param kind the kind of indicator
 * @param meter the Micrometer meter that counts the events, for availability and latency
 * @param meterType the type of that meter
 * @param events the matchers every event satisfies: the route, method and client
 * shortcuts, the tags and the event matchers
 * @param badEvents the matchers that together tell a bad event, for availability; empty
 * otherwise
 * @param threshold events slower than this are bad, for latency; {@code null} otherwise
 * @param good the PromQL rate of good events, for ratio; {@code null} otherwise
 * @param total the PromQL rate of all events, for ratio; {@code null} otherwise
 * @author Phoenix Observability
 * @since 0.1.0
 */
public record ServiceLevelIndicator(SliKind kind, String meter, MeterType meterType, List<TagMatcher> events,
		List<TagMatcher> badEvents, @Nullable Duration threshold, @Nullable String good, @Nullable String total) {

	/**
	 * Create a new instance.
	 * @param kind the kind of indicator
	 * @param meter the meter
	 * @param meterType the type of the meter
	 * @param events the matchers every event satisfies
	 * @param badEvents the matchers of bad events
	 * @param threshold the latency threshold, or {@code null}
	 * @param good the good expression, or {@code null}
	 * @param total the total expression, or {@code null}
	 */
	public ServiceLevelIndicator {
		events = List.copyOf(events);
		badEvents = List.copyOf(badEvents);
	}

	/**
	 * Return whether a meter counts events of this indicator.
	 * @param id the meter's id
	 * @return whether its tags satisfy every event matcher
	 */
	public boolean isEvent(Meter.Id id) {
		return this.meter.equals(id.getName()) && allMatch(this.events, id);
	}

	/**
	 * Return whether a meter of this indicator counts bad events.
	 * @param id the meter's id
	 * @return whether its tags satisfy every bad event matcher
	 */
	public boolean isBad(Meter.Id id) {
		return !this.badEvents.isEmpty() && allMatch(this.badEvents, id);
	}

	private static boolean allMatch(List<TagMatcher> matchers, Meter.Id id) {
		for (TagMatcher matcher : matchers) {
			if (!matcher.matches(id)) {
				return false;
			}
		}
		return true;
	}

	static ServiceLevelIndicator of(SliProperties sli) {
		List<TagMatcher> events = new ArrayList<>();
		addIfText(events, "uri", sli.getRoute());
		addIfText(events, "method", sli.getMethod());
		addIfText(events, "client.name", sli.getClientName());
		sli.getTags().forEach((tag, value) -> events.add(TagMatcher.equal(tag, value)));
		sli.getEvents().forEach((matcher) -> events.add(matcher(matcher)));
		List<TagMatcher> bad = new ArrayList<>();
		if (sli.getKind() == SliKind.AVAILABILITY) {
			if (!sli.getBadEvents().isEmpty()) {
				sli.getBadEvents().forEach((matcher) -> bad.add(matcher(matcher)));
			}
			else {
				bad.add(errorValues(sli.getErrorTag(), sli.getErrorValues()));
			}
		}
		return new ServiceLevelIndicator(sli.getKind(), sli.getMeter(), sli.getMeterType(), events, bad,
				sli.getThreshold(), sli.getGood(), sli.getTotal());
	}

	private static TagMatcher matcher(SliProperties.Matcher matcher) {
		return new TagMatcher(matcher.getTag(), matcher.getOperator(), matcher.getValue());
	}

	// The error values are literal: one is an equality, several an alternation of
	// escaped values
	private static TagMatcher errorValues(String tag, List<String> values) {
		if (values.size() == 1) {
			return TagMatcher.equal(tag, values.get(0));
		}
		String regex = values.stream()
			.map((value) -> value.replaceAll("([\\\\.+*?()\\[\\]{}|^$])", "\\\\$1"))
			.collect(Collectors.joining("|"));
		return new TagMatcher(tag, TagMatcher.Operator.REGEX, regex);
	}

	private static void addIfText(List<TagMatcher> events, String tag, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			events.add(TagMatcher.equal(tag, value));
		}
	}

}
