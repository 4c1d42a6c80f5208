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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SanitizedStatement}.
 *
 * @author Phoenix Observability
 */
class SanitizedStatementTests {

	@Test
	void passwordInAStringLiteralNeverStays() {
		SanitizedStatement statement = SanitizedStatement
			.sanitize("UPDATE users SET password = 's3cr3t''quoted' WHERE name = 'ann'");

		assertThat(statement.text()).isEqualTo("UPDATE users SET password = ? WHERE name = ?");
		assertThat(statement.operation()).isEqualTo("UPDATE");
		assertThat(statement.table()).isEqualTo("users");
	}

	@Test
	void numbersBecomePlaceholdersAndIdentifiersWithDigitsStay() {
		SanitizedStatement statement = SanitizedStatement
			.sanitize("SELECT t1.id, col2 FROM orders t1 WHERE t1.total > 42.5 AND t1.id = -7 LIMIT 10");

		assertThat(statement.text())
			.isEqualTo("SELECT t1.id, col2 FROM orders t1 WHERE t1.total > ? AND t1.id = -? LIMIT ?");
		assertThat(statement.operation()).isEqualTo("SELECT");
		assertThat(statement.table()).isEqualTo("orders");
	}

	@Test
	void boundParametersAndQuotedNamesStay() {
		SanitizedStatement statement = SanitizedStatement
			.sanitize("INSERT INTO \"Run\" (id, status) VALUES (?, $1) -- by 'admin'");

		assertThat(statement.text()).isEqualTo("INSERT INTO \"Run\" (id, status) VALUES (?, $1)");
		assertThat(statement.table()).isEqualTo("Run");
	}

	@Test
	void commentsHexBackslashesAndDollarQuotesLoseTheirContent() {
		SanitizedStatement statement = SanitizedStatement
			.sanitize("/* token=abc */ SELECT x'DEADBEEF', E'it\\'s', $$body 'x'$$, N'name' FROM dual");

		assertThat(statement.text()).isEqualTo("SELECT ?, ?, ?, ? FROM dual");
		assertThat(statement.text()).doesNotContain("abc", "DEADBEEF", "it", "body", "name");
	}

	@Test
	void unterminatedLiteralIsLeftOutToTheEnd() {
		assertThat(SanitizedStatement.sanitize("SELECT * FROM t WHERE a = 'open").text())
			.isEqualTo("SELECT * FROM t WHERE a = ?");
	}

	@Test
	void aLongStatementIsBounded() {
		String sql = "SELECT " + "column_name, ".repeat(500) + "last FROM t";

		assertThat(SanitizedStatement.sanitize(sql).text()).hasSizeLessThanOrEqualTo(1024 + 20);
	}

}
