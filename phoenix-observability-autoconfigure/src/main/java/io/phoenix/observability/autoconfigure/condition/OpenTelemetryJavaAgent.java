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
package io.phoenix.observability.autoconfigure.condition;

/**
 * Whether the OpenTelemetry Java agent is attached to this JVM, as platform teams often
 * attach it ({@code -javaagent:opentelemetry-javaagent.jar}). The agent instruments the
 * servers, clients and drivers itself; beside it, Phoenix makes no span of its own for
 * those and leaves the trace ids of log lines to it.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 * @see ConditionalOnOpenTelemetryJavaAgent
 */
public final class OpenTelemetryJavaAgent {

	// The agent's entry point, in its jar on the system class path, and the class it
	// puts on the boot class path
	private static final String PREMAIN_CLASS = "io.opentelemetry.javaagent.OpenTelemetryAgent";

	private static final String BOOTSTRAP_CLASS = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

	private static final boolean ATTACHED = detect();

	private OpenTelemetryJavaAgent() {
	}

	/**
	 * Return whether the OpenTelemetry Java agent is attached to this JVM.
	 * @return whether it is
	 */
	public static boolean isAttached() {
		return ATTACHED;
	}

	private static boolean detect() {
		return isLoadable(BOOTSTRAP_CLASS, null) || isLoadable(PREMAIN_CLASS, ClassLoader.getSystemClassLoader());
	}

	private static boolean isLoadable(String name, ClassLoader classLoader) {
		try {
			Class.forName(name, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
