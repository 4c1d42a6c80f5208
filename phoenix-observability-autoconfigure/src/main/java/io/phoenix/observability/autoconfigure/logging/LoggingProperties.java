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

package io.phoenix.observability.autoconfigure.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Structured logging: {@code phoenix.observability.logging.*}.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@ConfigurationProperties(LoggingProperties.PREFIX)
public class LoggingProperties {

	/**
	 * Prefix of the logging properties.
	 */
	public static final String PREFIX = "phoenix.observability.logging";

	/**
	 * Whether Phoenix configures logging. When false, or when the application ships its
	 * own Logback configuration, logging is left as Spring Boot sets it up.
	 */
	private boolean enabled = true;

	/**
	 * Format of log lines: 'json', one object per line, or 'text' for local development.
	 */
	private Format format = Format.JSON;

	private final Mask mask = new Mask();

	private final Async async = new Async();

	private final StackTrace stackTrace = new StackTrace();

	private final LoggerEvents loggerEvents = new LoggerEvents();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Format getFormat() {
		return this.format;
	}

	public void setFormat(Format format) {
		this.format = format;
	}

	public Mask getMask() {
		return this.mask;
	}

	public Async getAsync() {
		return this.async;
	}

	public StackTrace getStackTrace() {
		return this.stackTrace;
	}

	public LoggerEvents getLoggerEvents() {
		return this.loggerEvents;
	}

	static LoggingProperties bind(Environment environment) {
		return Binder.get(environment)
			.bind(PREFIX, Bindable.of(LoggingProperties.class))
			.orElseGet(LoggingProperties::new);
	}

	/**
	 * Format of log lines.
	 */
	public enum Format {

		/**
		 * One JSON object per line.
		 */
		JSON,

		/**
		 * Spring Boot's plain text pattern, with trace, span and correlation ids.
		 */
		TEXT

	}

	/**
	 * Masking of secrets before a line reaches any appender.
	 */
	public static class Mask {

		/**
		 * Replacement written instead of a masked value.
		 */
		private String replacement = "****";

		/**
		 * Names of fields whose values are masked wherever they appear (MDC, structured
		 * arguments, key-value pairs).
		 */
		private List<String> fields = new ArrayList<>(
				List.of("password", "passwd", "secret", "token", "access_token", "refresh_token", "client_secret",
						"authorization", "Authorization", "api_key", "apiKey", "x-api-key", "X-API-Key"));

		/**
		 * Whether to mask secrets written inside text, the message included, such as
		 * 'Bearer <token>' or 'password=<value>', keeping the label visible
		 * ('password=****'). Only strings that contain such a keyword are examined.
		 */
		private boolean secretsInText = true;

		/**
		 * Further regular expressions for secrets inside any string value, the message
		 * included; each match is replaced. They run on every string of every line, so
		 * keep them few and anchored (lookarounds keep context visible).
		 */
		private List<String> values = new ArrayList<>();

		public boolean isSecretsInText() {
			return this.secretsInText;
		}

		public void setSecretsInText(boolean secretsInText) {
			this.secretsInText = secretsInText;
		}

		public String getReplacement() {
			return this.replacement;
		}

		public void setReplacement(String replacement) {
			this.replacement = replacement;
		}

		public List<String> getFields() {
			return this.fields;
		}

		public void setFields(List<String> fields) {
			this.fields = fields;
		}

		public List<String> getValues() {
			return this.values;
		}

		public void setValues(List<String> values) {
			for (String value : values) {
				try {
					Pattern.compile(value);
				}
				catch (PatternSyntaxException ex) {
					throw new IllegalArgumentException(
							"'%s' is not a valid regular expression: %s".formatted(value, ex.getDescription()));
				}
			}
			this.values = values;
		}

	}

	/**
	 * The asynchronous appender in front of every output.
	 */
	public static class Async {

		private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(1);

		/**
		 * Number of events the queue holds; a power of two. When it is full, new events
		 * are dropped and counted in 'phoenix.logging.events.dropped', never waited for.
		 */
		private int queueSize = 8192;

		/**
		 * How long the background thread sleeps when it finds the queue empty. Logging
		 * threads never wake it, so a line is written at most this long after it was
		 * logged, and the lines of one interval share one write. 0 wakes the thread for
		 * every line instead. At most 1s.
		 */
		private Duration pollInterval = Duration.ofMillis(10);

		public int getQueueSize() {
			return this.queueSize;
		}

		public void setQueueSize(int queueSize) {
			Assert.isTrue(queueSize > 0 && Integer.bitCount(queueSize) == 1,
					() -> "must be a positive power of two, such as 8192, but was " + queueSize);
			this.queueSize = queueSize;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			// Longer, and lines would wait long enough for a burst to fill the queue
			Assert.isTrue(!pollInterval.isNegative() && pollInterval.compareTo(MAX_POLL_INTERVAL) <= 0,
					() -> "must be between 0 (wake on every line) and 1s, but was " + pollInterval);
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * Shortening of stack traces.
	 */
	public static class StackTrace {

		/**
		 * Maximum number of frames written for each throwable in a chain.
		 */
		private int maxDepth = 30;

		/**
		 * Maximum number of characters written for a whole stack trace.
		 */
		private int maxLength = 8192;

		/**
		 * Whether to write the root cause first.
		 */
		private boolean rootCauseFirst = true;

		public int getMaxDepth() {
			return this.maxDepth;
		}

		public void setMaxDepth(int maxDepth) {
			Assert.isTrue(maxDepth > 0, () -> "must be greater than 0, but was " + maxDepth);
			this.maxDepth = maxDepth;
		}

		public int getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(int maxLength) {
			Assert.isTrue(maxLength > 0, () -> "must be greater than 0, but was " + maxLength);
			this.maxLength = maxLength;
		}

		public boolean isRootCauseFirst() {
			return this.rootCauseFirst;
		}

		public void setRootCauseFirst(boolean rootCauseFirst) {
			this.rootCauseFirst = rootCauseFirst;
		}

	}

	/**
	 * The count of WARN and ERROR events per logger, 'phoenix.logging.events'.
	 */
	public static class LoggerEvents {

		/**
		 * Whether to count WARN and ERROR events per logger.
		 */
		private boolean enabled = true;

		/**
		 * Number of loggers counted under their own name; the events of further loggers
		 * are counted as logger 'OTHER'.
		 */
		private int maxLoggers = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxLoggers() {
			return this.maxLoggers;
		}

		public void setMaxLoggers(int maxLoggers) {
			Assert.isTrue(maxLoggers > 0, () -> "must be greater than 0, but was " + maxLoggers);
			this.maxLoggers = maxLoggers;
		}

	}

}
