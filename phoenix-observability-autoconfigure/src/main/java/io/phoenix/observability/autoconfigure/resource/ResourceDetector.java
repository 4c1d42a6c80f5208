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
package io.phoenix.observability.autoconfigure.resource;

import io.opentelemetry.sdk.resources.Resource;

/**
 * Detects attributes of the place the application runs in, such as its host or container,
 * for the OpenTelemetry {@link Resource} Phoenix builds. Called once, when the resource
 * is built. What a detector finds ranks below the service identity, the {@code OTEL_*}
 * variables and {@code management.opentelemetry.resource-attributes}: a detector fills
 * in, it never overrides what is configured.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
@FunctionalInterface
public interface ResourceDetector {

	/**
	 * Detect the attributes.
	 * @return the detected attributes, empty if none apply
	 */
	Resource detect();

}
