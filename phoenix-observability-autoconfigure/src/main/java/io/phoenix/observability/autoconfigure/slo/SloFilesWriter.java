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
import java.nio.file.Files;
import java.nio.file.Path;

import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Writes the generated files of an application at build time: {@code rules.yml},
 * {@code rules-tests.yml} and {@code alertmanager.yml}, into the directory given as the
 * first argument. It reads the application's configuration (application.yml, profiles
 * from {@code spring.profiles.active}) from the class path, without starting the
 * application itself.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class SloFilesWriter {

	private SloFilesWriter() {
	}

	public static void main(String[] args) throws IOException {
		Path directory = Path.of((args.length > 0) ? args[0] : "target/prometheus");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Export.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn")
			.run()) {
			write(new SloRulesGenerator(context.getBean(ServiceIdentity.class).name(),
					context.getBean(SloProperties.class)), directory);
		}
	}

	/**
	 * Write the generated files.
	 * @param generator the generator
	 * @param directory the directory, created if needed
	 * @throws IOException if a file cannot be written
	 */
	public static void write(SloRulesGenerator generator, Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(SloEndpoint.RULES_FILE), generator.rulesYaml());
		Files.writeString(directory.resolve("rules-tests.yml"), generator.ruleTestsYaml(SloEndpoint.RULES_FILE));
		Files.writeString(directory.resolve("alertmanager.yml"), generator.alertmanagerYaml());
	}

	@Configuration(proxyBeanMethods = false)
	@Import(PhoenixIdentityAutoConfiguration.class)
	@EnableConfigurationProperties(SloProperties.class)
	static class Export {

	}

}
