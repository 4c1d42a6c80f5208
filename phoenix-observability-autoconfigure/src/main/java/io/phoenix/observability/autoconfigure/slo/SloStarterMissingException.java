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

/**
 * Thrown when service level objectives are declared but {@code phoenix-slo-starter},
 * which brings the SLO feature, is not on the classpath.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class SloStarterMissingException extends RuntimeException {

	/**
	 * The class that only {@code phoenix-slo-starter} brings.
	 */
	static final String MARKER = "io.phoenix.observability.slo.SloFeature";

	/**
	 * The coordinates of the starter.
	 */
	static final String STARTER = "io.phoenix.observability:phoenix-slo-starter";

	/**
	 * Create a new instance.
	 */
	public SloStarterMissingException() {
		super("Service level objectives are declared under '" + SloProperties.PREFIX
				+ ".objectives', but the SLO feature is not on the classpath: add " + STARTER);
	}

}
