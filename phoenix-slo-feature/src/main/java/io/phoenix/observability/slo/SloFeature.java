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

package io.phoenix.observability.slo;

/**
 * Marks the SLO feature as wanted. Only {@code phoenix-slo-starter} brings this class:
 * the SLO auto-configuration is conditional on its presence, and service level objectives
 * declared without it fail startup with a message that names the starter. The code of the
 * feature lives in {@code phoenix-observability-autoconfigure}; starters stay pom-only.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class SloFeature {

	private SloFeature() {
	}

}
