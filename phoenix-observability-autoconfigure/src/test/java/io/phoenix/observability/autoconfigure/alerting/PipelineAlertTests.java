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

package io.phoenix.observability.autoconfigure.alerting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import io.phoenix.observability.autoconfigure.slo.PhoenixSloAutoConfiguration;
import io.phoenix.observability.autoconfigure.slo.SloFiles;
import io.phoenix.observability.autoconfigure.slo.SloModel;
import io.phoenix.observability.autoconfigure.slo.SloProperties;
import io.phoenix.observability.testing.PrometheusTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the pipeline and interrupt rules of the {@link AlertPack}: generated only
 * while the pipelines feature records their meters, and proven with the real
 * {@code promtool} on the series of {@code pipeline_executions_total},
 * {@code pipeline_duration_seconds} and {@code interrupts_total}.
 *
 * @author Phoenix Observability
 */
class PipelineAlertTests {

	private static final List<String> ALERTS = List.of("PhoenixPipelineFailures", "PhoenixPipelineLatencyP99",
			"PhoenixInterruptRate");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixSloAutoConfiguration.class,
				PhoenixIdentityAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.application.name=orders", "phoenix.slo.objectives[0].name=checkout",
				"phoenix.slo.objectives[0].objective=99");

	@TempDir
	private Path directory;

	@Test
	void pipelineRulesFollowThePipelinesFeature() {
		this.contextRunner.run((context) -> assertThat(names(context.getBean(SloModel.class))).containsAll(ALERTS));
		// Without the feature nothing records these series: no rules over them
		this.contextRunner.withPropertyValues("phoenix.observability.pipelines.enabled=false")
			.run((context) -> assertThat(names(context.getBean(SloModel.class))).isNotEmpty()
				.doesNotContainAnyElementsOf(ALERTS));
		this.contextRunner.withPropertyValues("phoenix.slo.rules.interrupts.enabled=false")
			.run((context) -> assertThat(names(context.getBean(SloModel.class)))
				.contains("PhoenixPipelineFailures", "PhoenixPipelineLatencyP99")
				.doesNotContain("PhoenixInterruptRate"));
	}

	@Test
	void rulesHaveTheSeedsThresholdsPerPipeline() {
		Map<String, ThresholdAlert> alerts = alerts(model(Map.of()));
		ThresholdAlert failures = alerts.get("PhoenixPipelineFailures warning");
		assertThat(failures.expr()).contains("sum by (service, pipeline)")
			.contains("pipeline_executions_total{service=\"orders\",status=~\"error|timeout\"}")
			.endsWith("> 0.01");
		assertThat(failures.forDuration()).hasMinutes(5);
		assertThat(alerts.get("PhoenixPipelineFailures critical").expr()).endsWith("> 0.05");
		ThresholdAlert latency = alerts.get("PhoenixPipelineLatencyP99 warning");
		assertThat(latency.expr()).startsWith("histogram_quantile(0.99,")
			.contains("sum by (service, pipeline, le) (rate(pipeline_duration_seconds_bucket{service=\"orders\"}[5m]))")
			.endsWith("> 10");
		assertThat(latency.forDuration()).hasMinutes(5);
		assertThat(alerts.get("PhoenixPipelineLatencyP99 critical").expr()).endsWith("> 30");
		ThresholdAlert interrupts = alerts.get("PhoenixInterruptRate info");
		assertThat(interrupts.expr())
			.isEqualTo("sum by (service) (rate(interrupts_total{service=\"orders\",status=\"raised\"}[5m])) > 10");
		assertThat(interrupts.forDuration()).hasMinutes(5);
		assertThat(interrupts.runbookUrl()).endsWith("/docs/slo.md#phoenixinterruptrate");
		assertThat(alerts).hasEntrySatisfying("PhoenixPipelineFailures warning",
				(alert) -> assertThat(alert.runbookUrl()).endsWith("#phoenixpipelinefailures"));
	}

	@Test
	void thresholdsAndForsAreProperties() {
		Map<String, ThresholdAlert> alerts = alerts(model(Map.of("phoenix.slo.rules.pipeline-failures.warning", "2",
				"phoenix.slo.rules.pipeline-latency-p99.critical", "1m", "phoenix.slo.rules.interrupts.info", "0.5",
				"phoenix.slo.rules.interrupts.info-for", "10m")));
		assertThat(alerts.get("PhoenixPipelineFailures warning").expr()).endsWith("> 0.02");
		assertThat(alerts.get("PhoenixPipelineLatencyP99 critical").expr()).endsWith("> 60");
		assertThat(alerts.get("PhoenixInterruptRate info").expr()).endsWith("> 0.5");
		assertThat(alerts.get("PhoenixInterruptRate info").forDuration()).hasMinutes(10);
	}

	@Test
	void badThresholdFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.slo.rules.interrupts.info=-1")
			.run((context) -> assertFailedOn(context, "phoenix.slo.rules.interrupts.info", "must be 0 or more"));
		this.contextRunner.withPropertyValues("phoenix.slo.rules.pipeline-latency-p99.warning=0s")
			.run((context) -> assertFailedOn(context, "phoenix.slo.rules.pipeline-latency-p99.warning",
					"must be a positive duration"));
	}

	@Test
	void unitTestsProveEachRuleAboveBeforeAndJustBelowItsThreshold() {
		String tests = new SloFiles(model(Map.of())).ruleTests();
		for (String alert : List.of("PhoenixPipelineFailures warning", "PhoenixPipelineFailures critical",
				"PhoenixPipelineLatencyP99 warning", "PhoenixPipelineLatencyP99 critical",
				"PhoenixInterruptRate info")) {
			assertThat(tests).contains(alert + " fires at ", alert + " is pending at ", alert + " stays silent at ");
		}
		assertThat(tests).contains("PhoenixPipelineFailures warning fires at 0.0105 once its for of 5m has passed",
				"PhoenixPipelineFailures warning stays silent at 0.0095",
				"PhoenixPipelineLatencyP99 warning fires at 10.5 once its for of 5m has passed",
				"PhoenixPipelineLatencyP99 critical stays silent at 28.5",
				"PhoenixInterruptRate info fires at 10.5 once its for of 5m has passed",
				"PhoenixInterruptRate info stays silent at 9.5");
	}

	@Test
	void promtoolFiresEachRuleAboveItsThresholdOnceItsForHasPassedAndNotJustBelow() throws Exception {
		PrometheusTools.assumeInstalled();
		String output = PrometheusTools.check(write(model(Map.of())));
		assertThat(output).contains("SUCCESS");
	}

	private Path write(SloModel model) throws Exception {
		new SloFiles(model).write(this.directory);
		assertThat(Files.readString(this.directory.resolve("rules-tests.yml"))).contains("PhoenixInterruptRate");
		return this.directory;
	}

	private static List<String> names(SloModel model) {
		return model.alertPack().alerts().stream().map(ThresholdAlert::name).distinct().toList();
	}

	private static Map<String, ThresholdAlert> alerts(SloModel model) {
		Map<String, ThresholdAlert> alerts = new LinkedHashMap<>();
		model.alertPack().alerts().forEach((alert) -> alerts.put(alert.name() + " " + alert.severity(), alert));
		return alerts;
	}

	private static SloModel model(Map<String, String> values) {
		Map<String, String> all = new LinkedHashMap<>(values);
		all.put("phoenix.slo.objectives[0].name", "checkout");
		all.put("phoenix.slo.objectives[0].objective", "99");
		Binder binder = new Binder(new MapConfigurationPropertySource(all));
		return SloModel.resolve("orders", bind(binder, SloProperties.PREFIX, new SloProperties()),
				bind(binder, AlertRulesProperties.PREFIX, new AlertRulesProperties()),
				bind(binder, AlertmanagerProperties.PREFIX, new AlertmanagerProperties()), false, true);
	}

	private static <T> T bind(Binder binder, String prefix, T properties) {
		binder.bind(prefix, Bindable.ofInstance(properties));
		return properties;
	}

}
