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

import java.util.List;
import java.util.Locale;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import net.ttddyy.observation.tracing.QueryContext;
import org.jspecify.annotations.Nullable;

/**
 * A JDBC query's client span, as OpenTelemetry's database conventions name it:
 * {@code SELECT runs}, with {@code db.system.name}, {@code db.namespace},
 * {@code db.operation.name} and {@code db.query.text} without its literals. Parameter
 * values are never written.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
final class JdbcSpanConvention implements SpanConvention<QueryContext> {

	static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");

	static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");

	static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");

	static final AttributeKey<String> DB_COLLECTION_NAME = AttributeKey.stringKey("db.collection.name");

	static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");

	static final AttributeKey<Long> DB_OPERATION_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof QueryContext;
	}

	@Override
	public boolean replaces(String key) {
		// jdbc.query[0], jdbc.params[0], ...: the statements and the values bound to them
		return key.startsWith("jdbc.query[") || key.startsWith("jdbc.params[");
	}

	@Override
	public String tag(QueryContext context, Span span) {
		String url = context.getUrl();
		String system = system(url);
		HttpSpanAttributes.setBounded(span, DB_SYSTEM_NAME, system);
		HttpSpanAttributes.setBounded(span, DB_NAMESPACE, namespace(url));
		HttpSpanAttributes.setBounded(span, HttpSpanAttributes.SERVER_ADDRESS, context.getHost());
		if (context.getPort() > 0) {
			span.setAttribute(HttpSpanAttributes.SERVER_PORT, context.getPort());
		}
		List<String> queries = context.getQueries();
		if (queries == null || queries.isEmpty()) {
			return (system != null) ? system : "jdbc";
		}
		SanitizedStatement statement = SanitizedStatement.of(queries.get(0));
		span.setAttribute(DB_QUERY_TEXT, statement.text());
		if (queries.size() > 1) {
			span.setAttribute(DB_OPERATION_BATCH_SIZE, queries.size());
		}
		String operation = statement.operation();
		if (operation == null) {
			return (system != null) ? system : "jdbc";
		}
		span.setAttribute(DB_OPERATION_NAME, operation);
		String table = statement.table();
		if (table == null) {
			return operation;
		}
		span.setAttribute(DB_COLLECTION_NAME, table);
		return operation + " " + table;
	}

	/**
	 * Return the database system by the JDBC URL's sub-protocol, in the names of
	 * OpenTelemetry's {@code db.system.name}.
	 * @param url the JDBC URL
	 * @return the system, or {@code null} if the URL is not known
	 */
	static @Nullable String system(@Nullable String url) {
		if (url == null || !url.startsWith("jdbc:")) {
			return null;
		}
		int end = url.indexOf(':', 5);
		String subprotocol = url.substring(5, (end < 0) ? url.length() : end).toLowerCase(Locale.ROOT);
		return switch (subprotocol) {
			case "postgresql" -> "postgresql";
			case "mysql" -> "mysql";
			case "mariadb" -> "mariadb";
			case "oracle" -> "oracle.db";
			case "sqlserver" -> "microsoft.sql_server";
			case "db2" -> "ibm.db2";
			case "h2" -> "h2database";
			case "hsqldb" -> "hsqldb";
			case "derby" -> "derby";
			case "sqlite" -> "sqlite";
			default -> "other_sql";
		};
	}

	/**
	 * Return the database a JDBC URL names: the path of a URL with a host, the name of an
	 * H2 or HSQLDB database.
	 * @param url the JDBC URL
	 * @return the database, or {@code null} if the URL names none
	 */
	static @Nullable String namespace(@Nullable String url) {
		if (url == null) {
			return null;
		}
		String withoutParameters = url.split("[?;]", 2)[0];
		int hosts = withoutParameters.indexOf("//");
		if (hosts >= 0) {
			int path = withoutParameters.indexOf('/', hosts + 2);
			return (path >= 0 && path + 1 < withoutParameters.length()) ? withoutParameters.substring(path + 1) : null;
		}
		int last = withoutParameters.lastIndexOf(':');
		return (last >= 0 && last + 1 < withoutParameters.length()) ? withoutParameters.substring(last + 1) : null;
	}

}
