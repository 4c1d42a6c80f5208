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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * How the good and bad events of one service level objective are counted:
 * {@code phoenix.slo.objectives[*].sli.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class SliProperties {

	/**
	 * Kind of indicator: 'availability' (error ratio of a timer or counter), 'latency'
	 * (ratio of requests slower than a threshold) or 'ratio' (any good and total PromQL
	 * expressions).
	 */
	private SliKind kind = SliKind.AVAILABILITY;

	/**
	 * Micrometer meter that counts the events, for availability and latency.
	 */
	private String meter = "http.server.requests";

	/**
	 * Type of the meter: 'timer' or 'counter'. Latency needs a timer.
	 */
	private MeterType meterType = MeterType.TIMER;

	/**
	 * Route (the 'uri' tag) to count; all routes when not set.
	 */
	private String route;

	/**
	 * HTTP method (the 'method' tag) to count; all methods when not set.
	 */
	private String method;

	/**
	 * Client name (the 'client.name' tag of outbound calls) to count; all clients when
	 * not set.
	 */
	private String clientName;

	/**
	 * Further tags an event must have to count, such as 'rpc.service'.
	 */
	private Map<String, String> tags = new LinkedHashMap<>();

	/**
	 * Tag matchers every event must satisfy to count, in addition to the route, method,
	 * client name and tags: for a tag that must differ from a value or match a regex.
	 */
	private List<Matcher> events = new ArrayList<>();

	/**
	 * Tag matchers that together tell a bad event, for availability. When set, they
	 * replace the error tag and the error values.
	 */
	private List<Matcher> badEvents = new ArrayList<>();

	/**
	 * Tag whose value tells a bad event, for availability. 'status' with values such as
	 * 500 and 503 counts status classes; 'grpc.status_code' with values such as
	 * UNAVAILABLE counts gRPC failures.
	 */
	private String errorTag = "outcome";

	/**
	 * Values of the error tag that make an event bad, for availability.
	 */
	private List<String> errorValues = new ArrayList<>(List.of("SERVER_ERROR"));

	/**
	 * Events slower than this are bad, for latency. A histogram bucket is published at
	 * exactly this value.
	 */
	private Duration threshold;

	/**
	 * PromQL expression of the rate of good events, for ratio; '{{window}}' is replaced
	 * by each rule's window, such as 5m.
	 */
	private String good;

	/**
	 * PromQL expression of the rate of all events, for ratio; '{{window}}' is replaced by
	 * each rule's window.
	 */
	private String total;

	public SliKind getKind() {
		return this.kind;
	}

	public void setKind(SliKind kind) {
		Assert.notNull(kind, "must be one of availability, latency or ratio");
		this.kind = kind;
	}

	public String getMeter() {
		return this.meter;
	}

	public void setMeter(String meter) {
		Assert.hasText(meter, "must not be empty, such as http.server.requests");
		this.meter = meter;
	}

	public MeterType getMeterType() {
		return this.meterType;
	}

	public void setMeterType(MeterType meterType) {
		Assert.notNull(meterType, "must be one of timer or counter");
		this.meterType = meterType;
	}

	public String getRoute() {
		return this.route;
	}

	public void setRoute(String route) {
		this.route = route;
	}

	public String getMethod() {
		return this.method;
	}

	public void setMethod(String method) {
		this.method = method;
	}

	public String getClientName() {
		return this.clientName;
	}

	public void setClientName(String clientName) {
		this.clientName = clientName;
	}

	public Map<String, String> getTags() {
		return this.tags;
	}

	public void setTags(Map<String, String> tags) {
		this.tags = tags;
	}

	public List<Matcher> getEvents() {
		return this.events;
	}

	public void setEvents(List<Matcher> events) {
		this.events = events;
	}

	public List<Matcher> getBadEvents() {
		return this.badEvents;
	}

	public void setBadEvents(List<Matcher> badEvents) {
		this.badEvents = badEvents;
	}

	public String getErrorTag() {
		return this.errorTag;
	}

	public void setErrorTag(String errorTag) {
		Assert.hasText(errorTag, "must not be empty, such as outcome");
		this.errorTag = errorTag;
	}

	public List<String> getErrorValues() {
		return this.errorValues;
	}

	public void setErrorValues(List<String> errorValues) {
		Assert.notEmpty(errorValues, "must name at least one value, such as SERVER_ERROR");
		this.errorValues = errorValues;
	}

	public Duration getThreshold() {
		return this.threshold;
	}

	public void setThreshold(Duration threshold) {
		Assert.isTrue(threshold != null && !threshold.isNegative() && !threshold.isZero(),
				() -> "must be a positive duration, such as 500ms, but was " + threshold);
		this.threshold = threshold;
	}

	public String getGood() {
		return this.good;
	}

	public void setGood(String good) {
		this.good = good;
	}

	public String getTotal() {
		return this.total;
	}

	public void setTotal(String total) {
		this.total = total;
	}

	/**
	 * One condition on a tag of the events, with the meaning of a PromQL label matcher.
	 * <p>
	 * A matcher is three fields rather than a PromQL string such as
	 * {@code status=~"error|timeout"}: the operator is an enum that Boot's binder checks
	 * and an IDE completes, the value needs no quoting or escaping in YAML, and the tag
	 * keeps its Micrometer name ({@code gen_ai.operation.name}), which the rules turn
	 * into the Prometheus label and the live tracker reads as it is. <pre class="code">
	 * bad-events:
	 *   - tag: status
	 *     operator: regex
	 *     value: error|timeout
	 * </pre>
	 */
	public static class Matcher {

		/**
		 * Micrometer tag the matcher reads, such as 'status' or 'gen_ai.operation.name'.
		 */
		private String tag;

		/**
		 * How the tag's value is compared: 'equal', 'not-equal', 'regex' or 'not-regex'
		 * (PromQL's =, !=, =~ and !~). A regex must match the whole value.
		 */
		private TagMatcher.Operator operator = TagMatcher.Operator.EQUAL;

		/**
		 * Value, or regex, the tag's value is compared with. An event without the tag has
		 * the empty value.
		 */
		private String value;

		public String getTag() {
			return this.tag;
		}

		public void setTag(String tag) {
			Assert.hasText(tag, "must not be empty, such as status");
			this.tag = tag;
		}

		public TagMatcher.Operator getOperator() {
			return this.operator;
		}

		public void setOperator(TagMatcher.Operator operator) {
			Assert.notNull(operator, "must be one of equal, not-equal, regex or not-regex");
			this.operator = operator;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

	}

}
