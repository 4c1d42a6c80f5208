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

package io.phoenix.observability.autoconfigure.correlation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.phoenix.observability.autoconfigure.throttle.ThrottledLog;
import org.apache.commons.logging.LogFactory;

/**
 * Validates incoming correlation ids and generates new correlation and request ids.
 * <p>
 * An id is accepted when it is at most {@code maxLength} characters of
 * {@code [A-Za-z0-9._:-]}, which covers UUIDs, ULIDs and W3C trace ids. Anything else is
 * replaced with a generated id, and the replacement is logged (at most once per interval)
 * with the length of what was received, never with its content.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class CorrelationIds {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final String header;

	private final int maxLength;

	private final ThrottledLog replacedLog;

	/**
	 * Create a new instance.
	 * @param header the header the ids arrive in, named in log lines
	 * @param maxLength the maximum accepted length
	 * @param logInterval the minimum time between two log lines about replaced ids
	 */
	public CorrelationIds(String header, int maxLength, Duration logInterval) {
		this.header = header;
		this.maxLength = maxLength;
		this.replacedLog = new ThrottledLog(LogFactory.getLog(CorrelationIds.class), logInterval);
	}

	/**
	 * Create a new instance from the correlation properties.
	 * @param properties the properties
	 */
	public CorrelationIds(CorrelationProperties properties) {
		this(properties.getHeader(), properties.getMaxLength(), properties.getInvalidHeaderLogInterval());
	}

	/**
	 * Return the given id when it is acceptable, a generated one when it is missing, and
	 * a generated one, logged, when it is not acceptable.
	 * @param candidate the received id, or {@code null}
	 * @return the id to use
	 */
	public String acceptOrGenerate(String candidate) {
		if (candidate == null || candidate.isEmpty()) {
			return generate();
		}
		if (isValid(candidate)) {
			return candidate;
		}
		String replacement = generate();
		this.replacedLog.warn(() -> "Replaced an invalid %s header of %d characters with %s".formatted(this.header,
				candidate.length(), replacement));
		return replacement;
	}

	/**
	 * Whether the given id is acceptable as it is.
	 * @param candidate the id
	 * @return whether it is valid
	 */
	public boolean isValid(String candidate) {
		int length = candidate.length();
		if (length == 0 || length > this.maxLength) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = candidate.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == ':';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Generate a new random id of 32 lowercase hex characters.
	 * @return the id
	 */
	public String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		// Latin-1 bytes, the string's own representation: no char[] on the way
		byte[] bytes = new byte[32];
		fill(bytes, 0, random.nextLong());
		fill(bytes, 16, random.nextLong());
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private static void fill(byte[] bytes, int offset, long value) {
		for (int i = 15; i >= 0; i--) {
			bytes[offset + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
