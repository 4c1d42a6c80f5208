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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;

/**
 * Loads Phoenix's classes as an application without Logback does: Phoenix's own classes
 * are defined by this loader, so that every Logback type they link resolves here, where
 * {@code ch.qos.logback} and {@code net.logstash.logback} do not exist. Everything else
 * comes from the parent, so Spring's types stay shared with the test.
 *
 * @author Phoenix Observability
 */
public final class LogbackHiddenClassLoader extends ClassLoader {

	private static final String[] HIDDEN = { "ch.qos.logback.", "net.logstash.logback." };

	public LogbackHiddenClassLoader(ClassLoader parent) {
		super(parent);
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		synchronized (getClassLoadingLock(name)) {
			for (String hidden : HIDDEN) {
				if (name.startsWith(hidden)) {
					throw new ClassNotFoundException(name);
				}
			}
			if (!name.startsWith("io.phoenix.observability.")) {
				return super.loadClass(name, resolve);
			}
			Class<?> loaded = findLoadedClass(name);
			if (loaded == null) {
				byte[] bytes = read(name);
				loaded = defineClass(name, bytes, 0, bytes.length);
			}
			if (resolve) {
				resolveClass(loaded);
			}
			return loaded;
		}
	}

	@Override
	public URL getResource(String name) {
		for (String hidden : HIDDEN) {
			if (name.startsWith(hidden.replace('.', '/'))) {
				return null;
			}
		}
		return super.getResource(name);
	}

	private byte[] read(String name) throws ClassNotFoundException {
		try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
			if (in == null) {
				throw new ClassNotFoundException(name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
