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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SecretsInTextMasker}.
 *
 * @author Phoenix Observability
 */
class SecretsInTextMaskerTests {

	private final SecretsInTextMasker masker = new SecretsInTextMasker("****");

	@Test
	void masksBearerTokensAndKeyValueSecretsKeepingTheLabels() {
		assertThat(this.masker.mask(null, "Authorization: Bearer  eyJhbGciOi.abc-def_1"))
			.isEqualTo("Authorization: Bearer  ****");
		assertThat(this.masker.mask(null, "login password: hunter2, user=bob"))
			.isEqualTo("login password: ****, user=bob");
		assertThat(this.masker.mask(null, "API_KEY=8f3a9&x=1")).isEqualTo("API_KEY=****&x=1");
		assertThat(this.masker.mask(null, "token=abc secret:xyz")).isEqualTo("token=**** secret:****");
	}

	@Test
	void leavesTextWithoutSecretsAloneAndSaysSo() {
		assertThat(this.masker.mask(null, "Pipeline run completed")).isNull();
		assertThat(this.masker.mask(null, "Tokenizer loaded 42 entries")).isNull();
		assertThat(this.masker.mask(null, 42)).isNull();
	}

	@Test
	void keywordScanIsCaseInsensitiveAndBoundedByTheText() {
		assertThat(SecretsInTextMasker.containsKeyword("x-PASSWORD")).isTrue();
		assertThat(SecretsInTextMasker.containsKeyword("passw")).isFalse();
		assertThat(SecretsInTextMasker.containsKeyword("")).isFalse();
		assertThat(SecretsInTextMasker.containsKeyword("beaRER")).isTrue();
		assertThat(SecretsInTextMasker.containsKeyword("X-API_KEY: 1")).isTrue();
		assertThat(SecretsInTextMasker.containsKeyword("Api-Key=1")).isTrue();
		// Separators are not letters: '_' must not match any other character
		assertThat(SecretsInTextMasker.containsKeyword("api\u007Fkey")).isFalse();
		assertThat(SecretsInTextMasker.containsKeyword("GET /orders/{id} 200")).isFalse();
	}

	@Test
	void onlyTextWithASeparatorAfterAKeywordIsExamined() {
		// The expressions need whitespace after 'bearer' and '=' or ':' after the others
		assertThat(SecretsInText.mayHoldSecret("io.acme.TokenService")).isFalse();
		assertThat(SecretsInText.mayHoldSecret("token-refresh-1")).isFalse();
		assertThat(SecretsInText.mayHoldSecret("x-PASSWORD")).isFalse();
		assertThat(SecretsInText.mayHoldSecret("token=abc")).isTrue();
		assertThat(SecretsInText.mayHoldSecret("password :x")).isTrue();
		assertThat(SecretsInText.mayHoldSecret("Bearer\tabc")).isTrue();
		assertThat(new SecretsInText("****").mask("token=abc")).isEqualTo("token=****");
		assertThat(new SecretsInText("****").mask("Bearer\tabc")).isEqualTo("Bearer\t****");
	}

}
