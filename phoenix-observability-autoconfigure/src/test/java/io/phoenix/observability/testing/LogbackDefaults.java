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

package io.phoenix.observability.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Gives a test Logback's own default configuration, with its synchronous console,
 * whatever an application started earlier in the same JVM installed (such as Phoenix's
 * asynchronous JSON appender, whose lines could arrive in another test's output).
 * Register it before {@code OutputCaptureExtension}.
 *
 * @author Phoenix Observability
 */
public class LogbackDefaults implements BeforeEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) throws JoranException {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
			logback.reset();
			new ContextInitializer(logback).autoConfig();
		}
	}

}
