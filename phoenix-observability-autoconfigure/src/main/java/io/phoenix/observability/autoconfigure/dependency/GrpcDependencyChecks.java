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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import org.springframework.beans.factory.DisposableBean;

/**
 * Creates the checks of gRPC dependencies and owns their channels, which it shuts down
 * when closed.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public class GrpcDependencyChecks implements DisposableBean {

	private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

	/**
	 * Create the check of a gRPC dependency, over a plaintext channel of its own.
	 * @param properties the declaration of the dependency
	 * @return the check
	 */
	public DependencyCheck create(DependencyProperties properties) {
		ManagedChannel channel = ManagedChannelBuilder.forTarget(properties.getTarget()).usePlaintext().build();
		this.channels.add(channel);
		return new GrpcDependencyCheck(channel, properties.getService());
	}

	@Override
	public void destroy() {
		this.channels.forEach(ManagedChannel::shutdownNow);
	}

}
