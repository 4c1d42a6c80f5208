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
package io.phoenix.observability.autoconfigure.semconv;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A SQL statement without its literals, with the operation and the table it works on:
 * what a span may carry of a query. String, numeric, hexadecimal and dollar-quoted
 * literals become {@code ?}, so that a password or a customer's name in a query never
 * leaves the process; comments are dropped. Statements repeat, so the results of the most
 * recent ones are kept, bounded.
 *
 * @param text the statement with {@code ?} for each literal
 * @param operation the operation, such as {@code SELECT}, or {@code null}
 * @param table the first table it names after {@code FROM}, {@code INTO} or
 * {@code UPDATE}, or {@code null}
 * @author Phoenix Observability
 * @since 0.1.0
 */
record SanitizedStatement(String text, @Nullable String operation, @Nullable String table) {

	private static final int MAX_CACHED = 1000;

	private static final Map<String, SanitizedStatement> cache = new ConcurrentHashMap<>();

	/**
	 * Return the statement sanitized, from the cache when it was seen recently.
	 * @param sql the statement as executed
	 * @return the sanitized statement
	 */
	static SanitizedStatement of(String sql) {
		SanitizedStatement cached = cache.get(sql);
		if (cached != null) {
			return cached;
		}
		SanitizedStatement statement = sanitize(sql);
		if (cache.size() >= MAX_CACHED) {
			cache.clear();
		}
		cache.put(sql, statement);
		return statement;
	}

	static SanitizedStatement sanitize(String sql) {
		StringBuilder text = new StringBuilder(Math.min(sql.length(), HttpSpanAttributes.MAX_VALUE_LENGTH));
		String operation = null;
		String table = null;
		boolean tableFollows = false;
		int length = sql.length();
		int i = 0;
		while (i < length && text.length() < HttpSpanAttributes.MAX_VALUE_LENGTH) {
			char c = sql.charAt(i);
			if (c == '\'' || (c == 'E' || c == 'e' || c == 'N' || c == 'n' || c == 'X' || c == 'x') && i + 1 < length
					&& sql.charAt(i + 1) == '\'' && !identifierPart(sql, i - 1)) {
				i = skipQuoted(sql, (c == '\'') ? i : i + 1, '\'');
				text.append('?');
			}
			else if (c == '$' && i + 1 < length && sql.charAt(i + 1) == '$') {
				int end = sql.indexOf("$$", i + 2);
				i = (end < 0) ? length : end + 2;
				text.append('?');
			}
			else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
				int end = sql.indexOf('\n', i);
				i = (end < 0) ? length : end;
			}
			else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
				int end = sql.indexOf("*/", i + 2);
				i = (end < 0) ? length : end + 2;
			}
			else if (Character.isDigit(c) && !identifierPart(sql, i - 1)) {
				i++;
				while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
					i++;
				}
				text.append('?');
			}
			else if (c == '"' || c == '`') {
				// A quoted identifier: a name, kept
				int end = skipQuoted(sql, i, c);
				String name = sql.substring(i, Math.min(end, length));
				text.append(name);
				if (tableFollows) {
					table = name.substring(1, Math.max(1, name.length() - 1));
					tableFollows = false;
				}
				i = end;
			}
			else if (Character.isLetter(c) || c == '_') {
				int start = i;
				while (i < length && identifierPart(sql, i)) {
					i++;
				}
				String word = sql.substring(start, i);
				text.append(word);
				String upper = word.toUpperCase(Locale.ROOT);
				if (operation == null) {
					operation = upper;
				}
				else if (tableFollows) {
					table = word;
					tableFollows = false;
				}
				if (table == null && !tableFollows && (upper.equals("FROM") || upper.equals("INTO")
						|| upper.equals("UPDATE") || upper.equals("JOIN"))) {
					tableFollows = true;
				}
			}
			else {
				text.append(c);
				i++;
			}
		}
		return new SanitizedStatement(text.toString().strip(), operation, table);
	}

	private static boolean identifierPart(String sql, int index) {
		if (index < 0 || index >= sql.length()) {
			return false;
		}
		char c = sql.charAt(index);
		return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
	}

	// Index just after the closing quote; a doubled quote is part of the literal
	private static int skipQuoted(String sql, int open, char quote) {
		int i = open + 1;
		while (i < sql.length()) {
			if (sql.charAt(i) == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			if (sql.charAt(i) == '\\' && quote == '\'') {
				i++;
			}
			i++;
		}
		return sql.length();
	}

}
