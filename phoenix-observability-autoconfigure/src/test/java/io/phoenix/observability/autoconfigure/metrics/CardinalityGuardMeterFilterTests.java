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

package io.phoenix.observability.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phoenix.observability.testing.LogbackDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CardinalityGuardMeterFilter}.
 *
 * @author Phoenix Observability
 */
@ExtendWith({ LogbackDefaults.class, OutputCaptureExtension.class })
class CardinalityGuardMeterFilterTests {

	private final CardinalityGuardMeterFilter filter = new CardinalityGuardMeterFilter(List.of("uri"), 3);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	CardinalityGuardMeterFilterTests() {
		this.registry.config().meterFilter(this.filter);
	}

	@Test
	void foldsValuesPastTheLimitIntoOther(CapturedOutput output) {
		for (String uri : List.of("/a", "/b", "/c", "/d", "/e")) {
			this.registry.counter("http.server.requests", "uri", uri, "method", "GET").increment();
		}
		assertThat(count("/a")).isEqualTo(1);
		assertThat(count("/b")).isEqualTo(1);
		assertThat(count("/c")).isEqualTo(1);
		assertThat(this.registry.find("http.server.requests").tag("uri", "/d").counter()).isNull();
		assertThat(this.registry.find("http.server.requests").tag("uri", "/e").counter()).isNull();
		assertThat(count(CardinalityGuardMeterFilter.OVERFLOW_VALUE)).isEqualTo(2);
		assertThat(this.registry.find("http.server.requests").counters().stream().mapToDouble(Counter::count).sum())
			.isEqualTo(5);
		assertThat(this.filter.getFoldedValues()).isEqualTo(2);
		assertThat(this.registry.get("http.server.requests").tag("uri", "OTHER").counter().getId().getTag("method"))
			.isEqualTo("GET");
		assertThat(output.getAll().lines().filter((line) -> line.contains("reached 3 distinct values")).count())
			.isEqualTo(1);
		assertThat(output).contains("Meter 'http.server.requests' reached 3 distinct values of tag 'uri'");
	}

	@Test
	void knownValuesKeepBeingCounted() {
		for (String uri : List.of("/a", "/b", "/c", "/d", "/a", "/b", "/c")) {
			this.registry.counter("http.server.requests", "uri", uri).increment();
		}
		assertThat(count("/a")).isEqualTo(2);
		assertThat(count(CardinalityGuardMeterFilter.OVERFLOW_VALUE)).isEqualTo(1);
	}

	@Test
	void limitIsPerMeterName() {
		for (String uri : List.of("/a", "/b", "/c")) {
			this.registry.counter("http.server.requests", "uri", uri).increment();
			this.registry.counter("http.client.requests", "uri", uri + "/x").increment();
		}
		assertThat(this.filter.getFoldedValues()).isZero();
		assertThat(this.registry.get("http.client.requests").tag("uri", "/a/x").counter().count()).isEqualTo(1);
	}

	@Test
	void otherTagsAreNotGuarded() {
		for (int status = 200; status < 210; status++) {
			this.registry.counter("http.server.requests", "uri", "/a", "status", String.valueOf(status)).increment();
		}
		assertThat(this.registry.find("http.server.requests").counters()).hasSize(10);
		assertThat(this.filter.getFoldedValues()).isZero();
	}

	private double count(String uri) {
		return this.registry.get("http.server.requests").tag("uri", uri).counter().count();
	}

}
