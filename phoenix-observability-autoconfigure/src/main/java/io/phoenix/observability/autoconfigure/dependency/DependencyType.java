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

/**
 * How a declared dependency is checked.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public enum DependencyType {

	/**
	 * An HTTP {@code GET} of a URL; any 2xx answer means up.
	 */
	HTTP,

	/**
	 * A TCP connection to a host and port.
	 */
	TCP,

	/**
	 * A {@code javax.sql.DataSource} bean, validated with a query or
	 * {@code Connection.isValid}.
	 */
	DATASOURCE,

	/**
	 * A gRPC channel target, checked with the standard health service
	 * ({@code grpc.health.v1.Health/Check}); needs {@code io.grpc:grpc-services}.
	 */
	GRPC

}
