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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway and the orchestrator each keep a copy of {@code pipelines.proto}, so that
 * each sample builds on its own; the copies must stay the same contract.
 *
 * @author Phoenix Observability
 */
class SameContractTests {

	@Test
	void gatewayAndOrchestratorHoldTheSamePipelinesProto() throws IOException {
		Path gateway = Path.of("src", "main", "protobuf", "pipelines.proto");
		Path orchestrator = Path.of("..", "sample-orchestrator", "src", "main", "protobuf", "pipelines.proto");
		assertThat(Files.readString(gateway)).as("%s and %s", gateway, orchestrator)
			.isEqualTo(Files.readString(orchestrator));
	}

}
