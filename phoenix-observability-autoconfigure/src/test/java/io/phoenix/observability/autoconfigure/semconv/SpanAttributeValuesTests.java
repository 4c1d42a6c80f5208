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
 * Tests for {@link HttpSpanAttributes} and {@link JdbcSpanConvention}'s URL reading.
 *
 * @author Phoenix Observability
 */
class SpanAttributeValuesTests {

	@Test
	void clientTemplateLosesSchemeAndHost() {
		assertThat(HttpSpanAttributes.pathTemplate("http://{host}:8080/orders/{id}")).isEqualTo("/orders/{id}");
		assertThat(HttpSpanAttributes.pathTemplate("https://example.com")).isEqualTo("/");
		assertThat(HttpSpanAttributes.pathTemplate("/orders/{id}")).isEqualTo("/orders/{id}");
		assertThat(HttpSpanAttributes.pathTemplate(null)).isNull();
	}

	@Test
	void protocolVersionIsTheNumberOnly() {
		assertThat(HttpSpanAttributes.protocolVersion("HTTP/1.1")).isEqualTo("1.1");
		assertThat(HttpSpanAttributes.protocolVersion("HTTP/2.0")).isEqualTo("2");
		assertThat(HttpSpanAttributes.protocolVersion("HTTP/1.0")).isEqualTo("1.0");
	}

	@Test
	void spanNameIsMethodAndTarget() {
		assertThat(HttpSpanAttributes.name("GET", "/orders/{id}")).isEqualTo("GET /orders/{id}");
		assertThat(HttpSpanAttributes.name("GET", null)).isEqualTo("GET");
		assertThat(HttpSpanAttributes.name("_OTHER", "/x")).isEqualTo("HTTP /x");
	}

	@Test
	void databaseSystemAndNamespaceComeFromTheJdbcUrl() {
		assertThat(JdbcSpanConvention.system("jdbc:postgresql://db:5432/orchestrator?ssl=true"))
			.isEqualTo("postgresql");
		assertThat(JdbcSpanConvention.namespace("jdbc:postgresql://db:5432/orchestrator?ssl=true"))
			.isEqualTo("orchestrator");
		assertThat(JdbcSpanConvention.system("jdbc:h2:mem:runs;DB_CLOSE_DELAY=-1")).isEqualTo("h2database");
		assertThat(JdbcSpanConvention.namespace("jdbc:h2:mem:runs;DB_CLOSE_DELAY=-1")).isEqualTo("runs");
		assertThat(JdbcSpanConvention.system("jdbc:weird:thing")).isEqualTo("other_sql");
		assertThat(JdbcSpanConvention.system(null)).isNull();
	}

}
