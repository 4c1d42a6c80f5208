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

import java.io.IOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end test of the run storage on a real PostgreSQL server, configured as a user
 * configures it: {@code spring.datasource.url}, {@code .username} and {@code .password}.
 *
 * @author Phoenix Observability
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// Owns a server that stops with the class: close the context with it too
@DirtiesContext
class PostgresRunStorageTests {

	private static final EmbeddedPostgres postgres = start();

	private static final LlmBackend llm = LlmBackend.start();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
		llm.register(registry);
	}

	@AfterAll
	static void stop() throws IOException {
		llm.close();
		postgres.close();
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("PostgreSQL did not start", ex);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void runIsStoredInPostgresqlAndReadBack() throws Exception {
		ResponseEntity<String> response = client().post()
			.uri("/api/pipelines/summarize/runs")
			.header("X-User-ID", "user-9")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"text\":\"Quarterly report\"}")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		String runId = (String) json.readValue(response.getBody(), Map.class).get("id");
		Map<String, Object> stored = json
			.readValue(client().get().uri("/api/pipelines/runs/{id}", runId).retrieve().body(String.class), Map.class);
		assertThat(stored).containsEntry("status", "SUCCEEDED").containsEntry("userId", "user-9");
		// Read from the server itself, not through the application
		try (var connection = postgres.getPostgresDatabase().getConnection();
				var statement = connection.prepareStatement(
						"SELECT p.pipeline, count(e.seq) FROM pipeline_run p JOIN pipeline_run_event e ON e.run_id = p.id WHERE p.id = ? GROUP BY p.pipeline")) {
			statement.setString(1, runId);
			try (var result = statement.executeQuery()) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString(1)).isEqualTo("summarize");
				assertThat(result.getInt(2)).isEqualTo(3);
				assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			}
		}
	}

	private RestClient client() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

}
