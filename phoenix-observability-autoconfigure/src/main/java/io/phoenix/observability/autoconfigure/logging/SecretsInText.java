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

import java.util.regex.Pattern;

/**
 * Finds secrets written inside text, such as {@code Bearer eyJ...} or
 * {@code password=hunter2}, and replaces them, keeping the label visible
 * ({@code password=****}). Free of any logging library, so that every JSON format can use
 * it.
 * <p>
 * Regular expressions run only on strings that contain one of the keywords they look for,
 * found with a case-insensitive scan: applying look-behind expressions to every string of
 * every line would make JSON encoding an order of magnitude slower.
 *
 * @author Phoenix Observability
 */
final class SecretsInText {

	private static final Pattern BEARER = Pattern.compile("(?i)(?<=bearer\\s{1,4})[A-Za-z0-9\\-._~+/]+=*");

	private static final Pattern KEY_VALUE = Pattern
		.compile("(?i)(?<=(?:password|passwd|secret|api[_-]?key|token)\\s{0,4}[=:]\\s{0,4})[^\\s,;&\"]+");

	private final String replacement;

	SecretsInText(String replacement) {
		this.replacement = replacement;
	}

	/**
	 * Mask the secrets in the given text.
	 * @param text the text
	 * @return the text with its secrets replaced, or the same instance when it holds none
	 */
	String mask(String text) {
		return mayHoldSecret(text) ? replace(text) : text;
	}

	/**
	 * Mask the secrets in a text known to contain one of the keywords.
	 * @param text the text
	 * @return the text with its secrets replaced, or the same instance when it holds none
	 */
	String replace(String text) {
		String masked = KEY_VALUE.matcher(BEARER.matcher(text).replaceAll(this.replacement))
			.replaceAll(this.replacement);
		return masked.equals(text) ? text : masked;
	}

	/**
	 * Whether the text may hold a secret that {@link #replace(String)} masks: one of the
	 * keywords, and a separator that the expressions need after it (whitespace after
	 * {@code bearer}, {@code =} or {@code :} after the others). Ids, thread and logger
	 * names hold no separator and cost one pass over their characters.
	 * @param text the text
	 * @return whether the text needs to be examined by the expressions
	 */
	static boolean mayHoldSecret(CharSequence text) {
		return hasSeparator(text) && containsKeyword(text);
	}

	private static boolean hasSeparator(CharSequence text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '=' || c == ':' || c == ' ' || (c >= '\t' && c <= '\r')) {
				return true;
			}
		}
		return false;
	}

	static boolean containsKeyword(CharSequence text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			boolean found = switch (lowerCase(text.charAt(i))) {
				case 'b' -> regionMatches(text, i, "bearer");
				case 'p' -> regionMatches(text, i, "password") || regionMatches(text, i, "passwd");
				case 's' -> regionMatches(text, i, "secret");
				case 'a' -> regionMatches(text, i, "api_key") || regionMatches(text, i, "api-key")
						|| regionMatches(text, i, "apikey");
				case 't' -> regionMatches(text, i, "token");
				default -> false;
			};
			if (found) {
				return true;
			}
		}
		return false;
	}

	private static boolean regionMatches(CharSequence text, int offset, String keyword) {
		if (offset + keyword.length() > text.length()) {
			return false;
		}
		for (int j = 1; j < keyword.length(); j++) {
			if (lowerCase(text.charAt(offset + j)) != keyword.charAt(j)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Lower-case an ASCII letter with one bit and leave every other character as it is:
	 * the keywords are ASCII, and this scan runs on every string of every line.
	 * @param c the character
	 * @return the character in lower case if it is an ASCII upper-case letter
	 */
	private static char lowerCase(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c | 0x20) : c;
	}

}
