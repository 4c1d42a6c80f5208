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

package io.phoenix.observability.sample.gateway;

import java.nio.file.Path;

import io.phoenix.observability.testing.PrometheusTools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's rule files, written at build time to {@code target/prometheus}, pass
 * {@code promtool check rules}, {@code promtool test rules} and
 * {@code amtool check-config}.
 *
 * @author Phoenix Observability
 */
class SloRulesFilesTests {

	@Test
	void rulesWrittenAtBuildTimePassPromtoolAndAmtool() throws Exception {
		PrometheusTools.assumeInstalled();
		Path built = Path.of("target/prometheus");
		assertThat(built.resolve("rules.yml")).content().contains("service: sample-gateway");
		assertThat(PrometheusTools.check(built)).contains("SUCCESS");
	}

}
