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

package io.phoenix.observability.autoconfigure.observation;

import io.micrometer.core.instrument.binder.grpc.GrpcServerObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * Keeps calls to the standard gRPC health service ({@code grpc.health.v1.Health}) out of
 * traces and {@code grpc.server} metrics: they are probe traffic, as requests to
 * {@code /health} are on HTTP, made by orchestrators' gRPC probes and by the dependency
 * checks of the services that call this one.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class GrpcHealthObservationPredicate implements ObservationPredicate {

	/**
	 * The standard gRPC health service.
	 */
	public static final String HEALTH_SERVICE = "grpc.health.v1.Health";

	@Override
	public boolean test(String name, Observation.Context context) {
		return !(context instanceof GrpcServerObservationContext server
				&& HEALTH_SERVICE.equals(server.getServiceName()));
	}

}
