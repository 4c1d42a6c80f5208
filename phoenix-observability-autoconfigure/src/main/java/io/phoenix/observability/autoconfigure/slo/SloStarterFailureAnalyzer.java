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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link SloStarterMissingException}: which dependency to add. Invalid SLO
 * properties need no analyzer of their own; Spring Boot's failure analysis reports them
 * with the property's name and origin.
 *
 * @author Phoenix Observability
 */
class SloStarterFailureAnalyzer extends AbstractFailureAnalyzer<SloStarterMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SloStarterMissingException cause) {
		return new FailureAnalysis(
				"Service level objectives are declared under '" + SloProperties.PREFIX
						+ ".objectives', but the SLO feature is not on the classpath.",
				"Add the dependency " + SloStarterMissingException.STARTER
						+ " (it brings phoenix-observability-starter with it), or remove " + SloProperties.PREFIX
						+ ".objectives.",
				cause);
	}

}
