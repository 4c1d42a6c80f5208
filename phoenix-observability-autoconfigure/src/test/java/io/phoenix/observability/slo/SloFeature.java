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
 * Stands in for the class of {@code phoenix-slo-feature}, which only
 * {@code phoenix-slo-starter} brings: this module's tests run as if the starter were
 * there, and filter this class out to run without it. Left out of the test jar.
 *
 * @author Phoenix Observability
 */
public final class SloFeature {

	private SloFeature() {
	}

}
