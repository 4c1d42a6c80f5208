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

package io.phoenix.observability.autoconfigure.slo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Writes the generated files of an application at build time: {@code rules.yml},
 * {@code rules-tests.yml}, {@code alertmanager.yml} and, with Jackson on the class path,
 * {@code dashboard.json}, into the directory given as the first argument; further
 * arguments are Spring Boot command line arguments, such as
 * {@code --spring.profiles.active=prod}. It reads the application's configuration
 * (application.yml, profiles) from the class path and runs the identity and SLO
 * auto-configurations alone, without starting the application itself: the files come from
 * the same {@link SloModel} and {@link SloFiles} as those the {@code slo} endpoint
 * serves.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class SloFilesWriter {

	private SloFilesWriter() {
	}

	/**
	 * Write the files.
	 * @param args the directory, {@code target/prometheus} when not given, then command
	 * line arguments
	 * @throws IOException if a file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path directory = Path.of((args.length > 0) ? args[0] : "target/prometheus");
		String[] arguments = (args.length > 1) ? Arrays.copyOfRange(args, 1, args.length) : new String[0];
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Export.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn")
			.run(arguments)) {
			SloFiles files = context.getBeanProvider(SloFiles.class).getIfAvailable();
			if (files == null) {
				throw new IllegalStateException("No SLO files to write: declare service level objectives under '"
						+ SloProperties.PREFIX + ".objectives' and keep 'phoenix.observability.slo.enabled' true");
			}
			files.write(directory);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PhoenixIdentityAutoConfiguration.class, PhoenixSloAutoConfiguration.class })
	static class Export {

	}

}
