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
package io.phoenix.observability.autoconfigure.dependency;

import java.time.Duration;

/**
 * Checks one dependency, once. A check that returns means up; one that throws means down,
 * and the type of what it threw is reported.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@FunctionalInterface
public interface DependencyCheck {

	/**
	 * Check the dependency.
	 * @param timeout the longest time the check may take
	 * @throws Exception when the dependency is down or did not answer in time
	 */
	void check(Duration timeout) throws Exception;

}
