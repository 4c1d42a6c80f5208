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

package io.phoenix.observability.sample.orchestrator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.grpc.MethodDescriptor;

/**
 * The contract of the orchestrator's gRPC service, {@code phoenix.sample.Pipelines}: one
 * unary method, {@code Run}, whose request and response are JSON documents. Both sides
 * hold a copy, as they would hold stubs generated from one {@code .proto} file.
 *
 * @author Phoenix Observability
 */
final class PipelinesContract {

	static final String SERVICE = "phoenix.sample.Pipelines";

	static final MethodDescriptor<String, String> RUN = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Run"))
		.setRequestMarshaller(new JsonMarshaller())
		.setResponseMarshaller(new JsonMarshaller())
		.build();

	private PipelinesContract() {
	}

	private static final class JsonMarshaller implements MethodDescriptor.Marshaller<String> {

		@Override
		public InputStream stream(String json) {
			return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
