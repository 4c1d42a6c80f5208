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

import net.logstash.logback.mask.ValueMasker;
import tools.jackson.core.TokenStreamContext;

/**
 * Masks secrets written inside text, such as {@code Bearer eyJ...} or
 * {@code password=hunter2}, keeping the label visible ({@code password=****}).
 * logstash-logback-encoder's side of {@link SecretsInText}.
 *
 * @author Phoenix Observability
 */
final class SecretsInTextMasker implements ValueMasker {

	private final SecretsInText secrets;

	SecretsInTextMasker(String replacement) {
		this.secrets = new SecretsInText(replacement);
	}

	@Override
	public Object mask(TokenStreamContext context, Object value) {
		if (!(value instanceof CharSequence text) || !SecretsInText.mayHoldSecret(text)) {
			return null;
		}
		String original = text.toString();
		String masked = this.secrets.replace(original);
		return (masked != original) ? masked : null;
	}

	static boolean containsKeyword(CharSequence text) {
		return SecretsInText.containsKeyword(text);
	}

}
