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

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CorrelationIds}.
 *
 * @author Phoenix Observability
 */
class CorrelationIdsTests {

	private final CorrelationIds ids = new CorrelationIds("X-Correlation-ID", 128, Duration.ofSeconds(10));

	@Test
	void acceptsUuid() {
		String uuid = UUID.randomUUID().toString();
		assertThat(this.ids.isValid(uuid)).isTrue();
		assertThat(this.ids.acceptOrGenerate(uuid)).isEqualTo(uuid);
	}

	@Test
	void acceptsUlid() {
		assertThat(this.ids.acceptOrGenerate("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo("01ARZ3NDEKTSV4RRFFQ69G5FAV");
	}

	@Test
	void acceptsTraceIdAndTraceparentLikeValues() {
		assertThat(this.ids.acceptOrGenerate("4bf92f3577b34da6a3ce929d0e0e4736"))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(this.ids.isValid("svc:req_1.2-3")).isTrue();
	}

	@Test
	void acceptsExactlyMaxLength() {
		assertThat(this.ids.isValid("a".repeat(128))).isTrue();
		assertThat(this.ids.isValid("a".repeat(129))).isFalse();
	}

	@Test
	void replacesVeryLongValue() {
		String hostile = "a".repeat(5000);
		String result = this.ids.acceptOrGenerate(hostile);
		assertThat(result).isNotEqualTo(hostile).matches("[0-9a-f]{32}");
	}

	@Test
	void replacesMarkup() {
		assertThat(this.ids.isValid("<script>alert(1)</script>")).isFalse();
		assertThat(this.ids.acceptOrGenerate("<script>alert(1)</script>")).matches("[0-9a-f]{32}");
	}

	@Test
	void replacesControlCharacters() {
		assertThat(this.ids.isValid("abc\r\nSet-Cookie: x=1")).isFalse();
		assertThat(this.ids.isValid("abc\u0000def")).isFalse();
		assertThat(this.ids.isValid("abc def")).isFalse();
		assertThat(this.ids.acceptOrGenerate("abc\r\ndef")).matches("[0-9a-f]{32}");
	}

	@Test
	void replacesEmptyAndMissing() {
		assertThat(this.ids.isValid("")).isFalse();
		assertThat(this.ids.acceptOrGenerate("")).matches("[0-9a-f]{32}");
		assertThat(this.ids.acceptOrGenerate(null)).matches("[0-9a-f]{32}");
	}

	@Test
	void generatesDistinct32HexIds() {
		Set<String> generated = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = this.ids.generate();
			assertThat(id).matches("[0-9a-f]{32}");
			generated.add(id);
		}
		assertThat(generated).hasSize(1000);
	}

}
