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

package io.phoenix.observability.sample.orchestrator;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores each pipeline run and the events of its agents through JDBC, in the tables of
 * {@code schema.sql}: embedded H2 unless {@code spring.datasource.url} names another
 * database, such as PostgreSQL. Each statement is a span of the run that issues it and a
 * {@code jdbc_query} timer sample.
 *
 * @author Phoenix Observability
 */
@Repository
class RunStore {

	private final JdbcClient jdbc;

	RunStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void started(String runId, String pipeline, String userId) {
		this.jdbc
			.sql("INSERT INTO pipeline_run (id, pipeline, user_id, status, started_at) VALUES (?, ?, ?, 'RUNNING', ?)")
			.params(runId, pipeline, userId, now())
			.update();
	}

	void event(String runId, int sequence, String agent, String status) {
		this.jdbc.sql("INSERT INTO pipeline_run_event (run_id, seq, agent, status, occurred_at) VALUES (?, ?, ?, ?, ?)")
			.params(runId, sequence, agent, status, now())
			.update();
	}

	void finished(String runId, String status) {
		this.jdbc.sql("UPDATE pipeline_run SET status = ?, ended_at = ? WHERE id = ?")
			.params(status, now(), runId)
			.update();
	}

	Optional<StoredRun> find(String runId) {
		List<StoredEvent> events = this.jdbc
			.sql("SELECT seq, agent, status FROM pipeline_run_event WHERE run_id = ? ORDER BY seq")
			.param(runId)
			.query((rs, row) -> new StoredEvent(rs.getInt("seq"), rs.getString("agent"), rs.getString("status")))
			.list();
		return this.jdbc.sql("SELECT id, pipeline, user_id, status FROM pipeline_run WHERE id = ?")
			.param(runId)
			.query((rs, row) -> new StoredRun(rs.getString("id"), rs.getString("pipeline"), rs.getString("user_id"),
					rs.getString("status"), events))
			.optional();
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	record StoredRun(String id, String pipeline, String userId, String status, List<StoredEvent> events) {
	}

	record StoredEvent(int sequence, String agent, String status) {
	}

}
