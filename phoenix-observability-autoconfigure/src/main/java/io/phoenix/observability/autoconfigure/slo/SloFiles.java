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
import java.util.LinkedHashMap;
import java.util.Map;

import io.phoenix.observability.autoconfigure.alerting.AlertmanagerConfigGenerator;
import io.phoenix.observability.autoconfigure.alerting.AlertmanagerReceivers;
import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboard;
import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboardGenerator;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The files generated from a {@link SloModel}: the Prometheus rules, their
 * {@code promtool test rules} unit tests, the Alertmanager configuration and, with
 * Jackson on the class path, the service's Grafana dashboard. The {@code slo} endpoint
 * serves them and {@link SloFilesWriter} writes them at build time, both through this
 * class, so that both give the same bytes.
 *
 * @author Phoenix Observability
 * @since 0.1.0
 */
public final class SloFiles {

	/**
	 * Name of the Prometheus rule file, which the unit tests refer to.
	 */
	public static final String RULES = "rules.yml";

	/**
	 * Name of the {@code promtool test rules} file.
	 */
	public static final String RULE_TESTS = "rules-tests.yml";

	/**
	 * Name of the Alertmanager configuration file.
	 */
	public static final String ALERTMANAGER = "alertmanager.yml";

	/**
	 * Name of the Grafana dashboard file.
	 */
	public static final String DASHBOARD = "dashboard.json";

	private final SloModel model;

	private final @Nullable ServiceDashboard dashboard;

	private final boolean redactUrls;

	/**
	 * Create a new instance without a dashboard.
	 * @param model the objectives and alerts
	 */
	public SloFiles(SloModel model) {
		this(model, null);
	}

	/**
	 * Create a new instance.
	 * @param model the objectives and alerts
	 * @param dashboard what the dashboard shows, or {@code null} for no dashboard
	 */
	public SloFiles(SloModel model, @Nullable ServiceDashboard dashboard) {
		this(model, dashboard, false);
	}

	private SloFiles(SloModel model, @Nullable ServiceDashboard dashboard, boolean redactUrls) {
		this.model = model;
		this.dashboard = dashboard;
		this.redactUrls = redactUrls;
	}

	/**
	 * Return the same files with the receiver URLs of the Alertmanager configuration
	 * redacted, for serving them to anyone.
	 * @return the files with redacted URLs
	 * @see AlertmanagerReceivers#withRedactedUrls()
	 */
	public SloFiles withRedactedUrls() {
		return new SloFiles(this.model, this.dashboard, true);
	}

	/**
	 * Return the Prometheus rule file: SLI recordings, SLO metadata and burn-rate alerts
	 * for each SLO, and the default alert rules.
	 * @return the rule file, as YAML
	 */
	public String rules() {
		return yaml(new SloRulesGenerator(this.model).document());
	}

	/**
	 * Return the {@code promtool test rules} file for {@link #RULES}.
	 * @return the test file, as YAML
	 */
	public String ruleTests() {
		return yaml(new SloRuleTestGenerator(this.model).document(RULES));
	}

	/**
	 * Return the Alertmanager configuration.
	 * @return the configuration, as YAML
	 */
	public String alertmanager() {
		AlertmanagerReceivers receivers = this.model.alertmanager();
		return yaml(
				new AlertmanagerConfigGenerator(this.redactUrls ? receivers.withRedactedUrls() : receivers).document());
	}

	/**
	 * Return the Grafana dashboard of the service.
	 * @return the dashboard, as JSON, or {@code null} without one
	 */
	public @Nullable String dashboard() {
		return (this.dashboard != null) ? ServiceDashboardGenerator.json(this.dashboard) : null;
	}

	/**
	 * Return every file.
	 * @return the content of each file, by file name
	 */
	public Map<String, String> files() {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(RULES, rules());
		files.put(RULE_TESTS, ruleTests());
		files.put(ALERTMANAGER, alertmanager());
		String dashboard = dashboard();
		if (dashboard != null) {
			files.put(DASHBOARD, dashboard);
		}
		return files;
	}

	/**
	 * Write every file to a directory.
	 * @param directory the directory, created if needed
	 * @throws IOException if a file cannot be written
	 */
	public void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		for (Map.Entry<String, String> file : files().entrySet()) {
			Files.writeString(directory.resolve(file.getKey()), file.getValue());
		}
	}

	/**
	 * Write a document as block-style YAML, multi-line strings as literal blocks.
	 * @param document the document
	 * @return the YAML
	 */
	static String yaml(Object document) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndicatorIndent(2);
		options.setIndentWithIndicator(true);
		options.setWidth(160);
		options.setSplitLines(false);
		Representer representer = new Representer(options) {
			{
				this.representers.put(String.class, (data) -> {
					String value = (String) data;
					return representScalar(Tag.STR, value,
							value.contains("\n") ? DumperOptions.ScalarStyle.LITERAL : this.defaultScalarStyle);
				});
			}
		};
		return new Yaml(representer, options).dump(document);
	}

}
