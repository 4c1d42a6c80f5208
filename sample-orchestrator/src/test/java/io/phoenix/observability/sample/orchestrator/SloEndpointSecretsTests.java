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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.phoenix.observability.testing.PrometheusTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code slo} endpoint, asked over HTTP by an anonymous caller, hands out no token:
 * the receiver URLs of the served Alertmanager configuration are redacted by default, and
 * the secrets that Alertmanager reads from files are named by their files only.
 *
 * @author Phoenix Observability
 */
@DirtiesContext
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "phoenix.slo.alertmanager.webhook-url=" + SloEndpointSecretsTests.WEBHOOK_URL,
				"phoenix.slo.alertmanager.pagerduty-url=" + SloEndpointSecretsTests.PAGERDUTY_URL })
class SloEndpointSecretsTests {

	static final String WEBHOOK_URL = "https://hooks.example.com:8443/services/T0001/B0001/webhook-token-1234?key=query-token-5678";

	static final String PAGERDUTY_URL = "https://proxy-user:proxy-password-9012@events.example.com/v2/enqueue";

	private static final List<String> SECRETS = List.of("webhook-token-1234", "query-token-5678", "T0001", "proxy-user",
			"proxy-password-9012");

	@LocalServerPort
	private int port;

	@TempDir
	private Path directory;

	@Test
	void servedAlertmanagerConfigurationHasRedactedUrlsAndSecretFilesOnly() {
		String served = get("/actuator/slo/alertmanager", "application/yaml");
		assertThat(served).doesNotContain(SECRETS);
		Map<String, Object> document = new Yaml().load(served);
		List<Map<String, Object>> receivers = list(document.get("receivers"));
		assertThat(configs(receivers, "webhook_configs")).singleElement()
			.satisfies((config) -> assertThat(config).containsEntry("url", "https://hooks.example.com:8443/******"));
		assertThat(configs(receivers, "pagerduty_configs")).isNotEmpty()
			.allSatisfy((config) -> assertThat(config).containsEntry("url", "https://events.example.com/******")
				.containsKey("routing_key_file")
				.doesNotContainKey("routing_key"));
		assertThat(configs(receivers, "slack_configs")).isNotEmpty()
			.allSatisfy((config) -> assertThat(config).containsKey("api_url_file").doesNotContainKey("api_url"));
	}

	@Test
	void redactedConfigurationIsStillOneAlertmanagerAccepts() throws Exception {
		PrometheusTools.assumeInstalled();
		Files.writeString(this.directory.resolve("alertmanager.yml"),
				get("/actuator/slo/alertmanager", "application/yaml"));
		PrometheusTools.run(this.directory, "amtool", "check-config", "alertmanager.yml");
	}

	@Test
	void noOtherAnswerOfTheEndpointHoldsTheSecrets() {
		for (String file : List.of("rules", "rules-tests")) {
			assertThat(get("/actuator/slo/" + file, "application/yaml")).as(file).doesNotContain(SECRETS);
		}
		assertThat(get("/actuator/slo/dashboard", "application/json")).doesNotContain(SECRETS);
		assertThat(get("/actuator/slo", "application/json")).doesNotContain(SECRETS);
	}

	private String get(String path, String accept) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri(path)
			.accept(MediaType.parseMediaType(accept))
			.retrieve()
			.body(String.class);
	}

	private static List<Map<String, Object>> configs(List<Map<String, Object>> receivers, String kind) {
		return receivers.stream()
			.filter((receiver) -> receiver.containsKey(kind))
			.flatMap((receiver) -> SloEndpointSecretsTests.<Map<String, Object>>list(receiver.get(kind)).stream())
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object value) {
		return (List<T>) value;
	}

}
