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

import java.util.Objects;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

import static io.phoenix.observability.autoconfigure.alerting.PromQl.labelName;
import static io.phoenix.observability.autoconfigure.alerting.PromQl.quote;

/**
 * One condition on a tag of the events of a {@link ServiceLevelIndicator}, with the
 * meaning of a PromQL label matcher: the generated rules write it as one, and the live
 * tracker applies it to the tags of Micrometer meters with the same semantics. A regex is
 * anchored at both ends and must match the whole value, as Prometheus anchors it; a tag a
 * meter does not have is read as the empty value, as Prometheus reads a missing label.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class TagMatcher {

	private final String tag;

	private final Operator operator;

	private final String value;

	private final @Nullable Pattern pattern;

	/**
	 * Create a new instance.
	 * @param tag the Micrometer tag, such as {@code gen_ai.operation.name}
	 * @param operator how the tag's value is compared
	 * @param value the value or the regex
	 * @throws java.util.regex.PatternSyntaxException if the operator takes a regex and
	 * the value is not one
	 */
	public TagMatcher(String tag, Operator operator, String value) {
		this.tag = tag;
		this.operator = operator;
		this.value = value;
		this.pattern = operator.regex ? Pattern.compile("(?:" + value + ")") : null;
	}

	/**
	 * Return a matcher of an exact value.
	 * @param tag the tag
	 * @param value the value
	 * @return the matcher
	 */
	public static TagMatcher equal(String tag, String value) {
		return new TagMatcher(tag, Operator.EQUAL, value);
	}

	public String tag() {
		return this.tag;
	}

	public Operator operator() {
		return this.operator;
	}

	public String value() {
		return this.value;
	}

	/**
	 * Return whether a tag value satisfies this matcher.
	 * @param tagValue the value of the tag, or {@code null} when the meter does not have
	 * the tag
	 * @return whether it matches
	 */
	public boolean matches(@Nullable String tagValue) {
		String actual = (tagValue != null) ? tagValue : "";
		return switch (this.operator) {
			case EQUAL -> actual.equals(this.value);
			case NOT_EQUAL -> !actual.equals(this.value);
			case REGEX -> this.pattern.matcher(actual).matches();
			case NOT_REGEX -> !this.pattern.matcher(actual).matches();
		};
	}

	/**
	 * Return whether a meter's tags satisfy this matcher.
	 * @param id the meter's id
	 * @return whether it matches
	 */
	public boolean matches(Meter.Id id) {
		return matches(id.getTag(this.tag));
	}

	/**
	 * Return this matcher as a PromQL label matcher.
	 * @return the matcher, such as {@code error!="none"}
	 */
	public String promQl() {
		return labelName(this.tag) + this.operator.symbol + quote(this.value);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof TagMatcher that) && this.tag.equals(that.tag) && this.operator == that.operator
				&& this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.tag, this.operator, this.value);
	}

	@Override
	public String toString() {
		return promQl();
	}

	/**
	 * How a matcher compares a tag's value: PromQL's four label matching operators.
	 */
	public enum Operator {

		/**
		 * The value is exactly the given one: PromQL's {@code =}.
		 */
		EQUAL("=", false),

		/**
		 * The value is anything but the given one: PromQL's {@code !=}.
		 */
		NOT_EQUAL("!=", false),

		/**
		 * The whole value matches the regex: PromQL's {@code =~}.
		 */
		REGEX("=~", true),

		/**
		 * The whole value does not match the regex: PromQL's {@code !~}.
		 */
		NOT_REGEX("!~", true);

		private final String symbol;

		private final boolean regex;

		Operator(String symbol, boolean regex) {
			this.symbol = symbol;
			this.regex = regex;
		}

		/**
		 * Return the PromQL operator.
		 * @return the operator, such as {@code !~}
		 */
		public String symbol() {
			return this.symbol;
		}

		/**
		 * Return whether the value is a regex.
		 * @return whether the value is a regex
		 */
		public boolean regex() {
			return this.regex;
		}

	}

}
