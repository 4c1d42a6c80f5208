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

package io.phoenix.observability.autoconfigure;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on a context that failed to start because of an invalid property.
 *
 * @author Phoenix Observability
 */
public final class InvalidPropertyAssertions {

	private InvalidPropertyAssertions() {
	}

	/**
	 * Assert that the context failed to bind the given property, for the given reason.
	 * The property is the one Spring Boot's failure analysis reports at startup.
	 * @param context the context
	 * @param property the full name of the property
	 * @param reason a part of the message of the root cause
	 */
	public static void assertFailedOn(ApplicationContextAssertProvider<?> context, String property, String reason) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		BindException bindException = find(failure);
		assertThat(bindException).as("BindException in %s", failure).isNotNull();
		assertThat(bindException.getProperty()).as("property of %s", bindException).isNotNull();
		assertThat(bindException.getProperty().getName()).hasToString(property);
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).hasMessageContaining(reason);
	}

	private static BindException find(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof BindException bindException) {
				return bindException;
			}
		}
		return null;
	}

}
