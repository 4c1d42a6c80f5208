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
package io.phoenix.observability.autoconfigure.dependency;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * Checks a {@link DataSource}: runs the validation query if there is one, otherwise asks
 * the driver whether a connection is valid.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class DataSourceDependencyCheck implements DependencyCheck {

	private final Supplier<DataSource> dataSource;

	private final String query;

	/**
	 * Create a check of the given data source.
	 * @param dataSource supplies the data source, looked up when first checked
	 * @param query the validation query, or {@code null} to use
	 * {@link Connection#isValid(int)}
	 */
	public DataSourceDependencyCheck(Supplier<DataSource> dataSource, String query) {
		this.dataSource = dataSource;
		this.query = query;
	}

	@Override
	public void check(Duration timeout) throws SQLException {
		// JDBC timeouts are whole seconds
		int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
		try (Connection connection = this.dataSource.get().getConnection()) {
			if (this.query == null || this.query.isBlank()) {
				if (!connection.isValid(seconds)) {
					throw new SQLTransientConnectionException("Connection is not valid");
				}
				return;
			}
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(seconds);
				statement.execute(this.query);
			}
		}
	}

}
