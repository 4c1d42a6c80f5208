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

package io.phoenix.observability.autoconfigure.slo;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.phoenix.observability.autoconfigure.slo.TagMatcher.Operator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TagMatcher}: PromQL's label matching, on Micrometer tags.
 *
 * @author Phoenix Observability
 */
class TagMatcherTests {

	@Test
	void regexMustMatchTheWholeValueAsPrometheusAnchorsIt() {
		TagMatcher bad = new TagMatcher("status", Operator.REGEX, "error|timeout");
		assertThat(bad.matches("error")).isTrue();
		assertThat(bad.matches("timeout")).isTrue();
		assertThat(bad.matches("error_budget")).isFalse();
		assertThat(bad.matches("connect_timeout")).isFalse();
		assertThat(bad.matches("success")).isFalse();
		assertThat(new TagMatcher("status", Operator.NOT_REGEX, "error|timeout").matches("connect_timeout")).isTrue();
	}

	@Test
	void aMissingTagIsTheEmptyValueAsAMissingLabelIs() {
		Meter.Id untagged = new Meter.Id("gen_ai.client.operation", Tags.empty(), null, null, Meter.Type.TIMER);
		assertThat(new TagMatcher("error", Operator.NOT_EQUAL, "none").matches(untagged)).isTrue();
		assertThat(TagMatcher.equal("error", "").matches(untagged)).isTrue();
		assertThat(new TagMatcher("error", Operator.REGEX, ".+").matches(untagged)).isFalse();
	}

	@Test
	void readsMicrometerTagsAndWritesPrometheusLabelMatchers() {
		Meter.Id id = new Meter.Id("gen_ai.client.operation", Tags.of("gen_ai.operation.name", "chat", "error", "none"),
				null, null, Meter.Type.TIMER);
		TagMatcher chat = TagMatcher.equal("gen_ai.operation.name", "chat");
		TagMatcher failed = new TagMatcher("error", Operator.NOT_EQUAL, "none");
		assertThat(chat.matches(id)).isTrue();
		assertThat(failed.matches(id)).isFalse();
		assertThat(chat.promQl()).isEqualTo("gen_ai_operation_name=\"chat\"");
		assertThat(failed.promQl()).isEqualTo("error!=\"none\"");
		assertThat(new TagMatcher("uri", Operator.REGEX, "/api/(grpc/)?pipelines/\\{pipeline\\}/runs").promQl())
			.isEqualTo("uri=~\"/api/(grpc/)?pipelines/\\\\{pipeline\\\\}/runs\"");
		assertThat(new TagMatcher("status", Operator.NOT_REGEX, "5..").promQl()).isEqualTo("status!~\"5..\"");
	}

}
