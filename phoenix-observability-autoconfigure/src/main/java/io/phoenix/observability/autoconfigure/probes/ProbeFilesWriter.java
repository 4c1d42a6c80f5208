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

package io.phoenix.observability.autoconfigure.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.phoenix.observability.autoconfigure.dependency.DependencyDeclarations;
import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import io.phoenix.observability.autoconfigure.identity.ServiceIdentity;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Writes the synthetic probes of an application at build time into the directory given as
 * the first argument: {@code blackbox.yml} for the blackbox exporter,
 * {@code <service>-probes.yml} for the probe job's {@code file_sd_configs}, and
 * {@code <service>-probe-rules.yml} with its {@code promtool} tests. It reads the
 * application's configuration from the class path without starting the application.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class ProbeFilesWriter {

	private ProbeFilesWriter() {
	}

	public static void main(String[] args) throws IOException {
		Path directory = Path.of((args.length > 0) ? args[0] : "target/probes");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Export.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn")
			.run()) {
			write(new ProbesGenerator(context.getBean(ServiceIdentity.class).name(),
					context.getBean(ProbeProperties.class), DependencyDeclarations.bind(context.getEnvironment())),
					directory);
		}
	}

	/**
	 * Write the generated files.
	 * @param generator the generator
	 * @param directory the directory, created if needed
	 * @throws IOException if a file cannot be written
	 */
	public static void write(ProbesGenerator generator, Path directory) throws IOException {
		String service = generator.getService();
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("blackbox.yml"), generator.blackboxYaml());
		Files.writeString(directory.resolve(service + "-probes.yml"), generator.targetsYaml());
		String rules = service + "-probe-rules.yml";
		Files.writeString(directory.resolve(rules), generator.rulesYaml());
		Files.writeString(directory.resolve(service + "-probe-rules-tests.yml"), generator.ruleTestsYaml(rules));
	}

	@Configuration(proxyBeanMethods = false)
	@Import(PhoenixIdentityAutoConfiguration.class)
	@EnableConfigurationProperties(ProbeProperties.class)
	static class Export {

	}

}
