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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.phoenix.observability.autoconfigure.alerting.ThresholdAlert;
import io.phoenix.observability.autoconfigure.dashboard.ServiceDashboard;
import io.phoenix.observability.autoconfigure.identity.PhoenixIdentityAutoConfiguration;
import io.phoenix.observability.slo.SloFeature;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoenixSloAutoConfiguration}.
 *
 * @author Phoenix Observability
 */
class PhoenixSloAutoConfigurationTests {

	private static final String[] PIPELINE_SUCCESS = { "phoenix.slo.objectives[2].name=pipeline-success",
			"phoenix.slo.objectives[2].objective=99.5", "phoenix.slo.objectives[2].sli.meter=pipeline.executions",
			"phoenix.slo.objectives[2].sli.meter-type=counter",
			"phoenix.slo.objectives[2].sli.bad-events[0].tag=status",
			"phoenix.slo.objectives[2].sli.bad-events[0].operator=regex",
			"phoenix.slo.objectives[2].sli.bad-events[0].value=error|timeout" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixSloAutoConfiguration.class,
				PhoenixIdentityAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("spring.application.name=orders", "phoenix.slo.objectives[0].name=checkout",
				"management.endpoints.web.exposure.include=slo", "phoenix.slo.objectives[0].objective=99",
				"phoenix.slo.objectives[0].sli.route=/checkout", "phoenix.slo.objectives[1].name=checkout-latency",
				"phoenix.slo.objectives[1].objective=99", "phoenix.slo.objectives[1].sli.kind=latency",
				"phoenix.slo.objectives[1].sli.threshold=300ms");

	@Test
	void objectivesCreateTheModelFilesTrackerAndEndpoint() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SloModel.class)
			.hasSingleBean(SloFiles.class)
			.hasSingleBean(SloTracker.class)
			.hasSingleBean(SloLatencyBucketsMeterFilter.class)
			.hasSingleBean(SloEndpoint.class));
	}

	@Test
	void poolRuleFollowsHikariOnTheClassPath() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SloModel.class).alertPack().alerts())
			.extracting(ThresholdAlert::name)
			.contains("PhoenixDatabasePoolExhaustion"));
		this.contextRunner.withClassLoader(new FilteredClassLoader(HikariDataSource.class))
			.run((context) -> assertThat(context.getBean(SloModel.class).alertPack().alerts())
				.extracting(ThresholdAlert::name)
				.isNotEmpty()
				.doesNotContain("PhoenixDatabasePoolExhaustion"));
	}

	@Test
	void dashboardShowsTheObjectivesDependenciesBreakersAndPipelines() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.payments.type=tcp",
					"phoenix.observability.dependencies.payments.host=localhost",
					"phoenix.observability.dependencies.payments.port=5432",
					"phoenix.observability.dependencies.payments.critical=true",
					"phoenix.observability.dependencies.payments.circuit-breaker=payments-breaker")
			.run((context) -> {
				WebEndpointResponse<String> response = context.getBean(SloEndpoint.class)
					.file("dashboard", SecurityContext.NONE);
				assertThat(response.getContentType()).hasToString("application/json");
				JsonNode dashboard = JsonMapper.builder().build().readTree(response.getBody());
				assertThat(dashboard.path("title").asString()).isEqualTo("Phoenix / orders");
				assertThat(titles(dashboard, true)).containsExactly("SLO checkout: checkout",
						"SLO checkout-latency: checkout-latency", "Dependencies", "Pipelines");
				assertThat(titles(dashboard, false)).contains("payments (tcp)", "Circuit breaker payments-breaker",
						"Success ratio by pipeline");
				assertThat(dashboard.toString()).contains("sloth_slo=\\\"checkout-latency\\\"",
						"name=\\\"payments-breaker\\\"", "docs/slo.md#sloburnratepage1h",
						"docs/slo.md#phoenixcircuitbreakeropen");
				assertThat(context.getBean(SloFiles.class).files()).containsEntry(SloFiles.DASHBOARD,
						response.getBody());
			});
	}

	@Test
	void dashboardLeavesOutWhatIsNotThere() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.pipelines.enabled=false",
					"phoenix.observability.dependencies.payments.type=tcp",
					"phoenix.observability.dependencies.payments.host=localhost",
					"phoenix.observability.dependencies.payments.port=5432",
					"phoenix.observability.dependencies.enabled=false")
			.run((context) -> {
				JsonNode dashboard = JsonMapper.builder()
					.build()
					.readTree(context.getBean(SloEndpoint.class).file("dashboard", SecurityContext.NONE).getBody());
				assertThat(titles(dashboard, true)).containsExactly("SLO checkout: checkout",
						"SLO checkout-latency: checkout-latency");
				assertThat(dashboard.path("templating").path("list").findValuesAsString("name"))
					.containsExactly("datasource", "service", "instance");
			});
	}

	@Test
	void noDashboardWithoutJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ServiceDashboard.class);
			assertThat(context.getBean(SloFiles.class).files()).containsOnlyKeys(SloFiles.RULES, SloFiles.RULE_TESTS,
					SloFiles.ALERTMANAGER);
			assertThat(context.getBean(SloEndpoint.class).file("dashboard", SecurityContext.NONE).getStatus())
				.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		});
	}

	@Test
	void userDashboardWins() {
		ServiceDashboard user = new ServiceDashboard("mine", List.of(), List.of(), false, Map.of());
		this.contextRunner.withBean(ServiceDashboard.class, () -> user).run((context) -> {
			assertThat(context).getBean(ServiceDashboard.class).isSameAs(user);
			assertThat(context.getBean(SloFiles.class).dashboard()).contains("Phoenix / mine");
		});
	}

	private static List<String> titles(JsonNode dashboard, boolean rows) {
		List<String> titles = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if (panel.path("type").asString().equals("row") == rows) {
				titles.add(panel.path("title").asString());
			}
		}
		return titles;
	}

	@Test
	void nothingWithoutObjectives() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PhoenixSloAutoConfiguration.class, PhoenixIdentityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SloModel.class)
				.doesNotHaveBean(SloProperties.class));
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.slo.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SloModel.class).doesNotHaveBean(SloTracker.class));
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SloModel.class));
	}

	@Test
	void endpointBacksOffWhenNotAvailable() {
		this.contextRunner.withPropertyValues("management.endpoint.slo.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(SloEndpoint.class).hasSingleBean(SloTracker.class));
	}

	@Test
	void userTrackerWins() {
		SloTracker user = new SloTracker(java.util.List.of(), java.time.Duration.ofSeconds(1),
				java.time.Clock.systemUTC());
		this.contextRunner.withBean(SloTracker.class, () -> user)
			.run((context) -> assertThat(context).getBean(SloTracker.class).isSameAs(user));
	}

	@Test
	void noLiveBudgetsWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PhoenixSloAutoConfiguration.class, PhoenixIdentityAutoConfiguration.class))
			.withPropertyValues("phoenix.slo.objectives[0].name=a", "phoenix.slo.objectives[0].objective=99")
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SloModel.class)
				.doesNotHaveBean(SloTracker.class));
	}

	@Test
	void backsOffWithoutSnakeYaml() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.yaml.snakeyaml"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SloModel.class));
	}

	@Test
	void latencyThresholdGetsItsOwnHistogramBucket() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer timer = registry.timer("http.server.requests", "uri", "/checkout", "outcome", "SUCCESS");
			timer.record(java.time.Duration.ofMillis(100));
			assertThat(timer.takeSnapshot().histogramCounts()).anySatisfy(
					(bucket) -> assertThat(bucket.bucket(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(300.0));
		});
	}

	@Test
	void liveBudgetFallsAndBurnRateRisesWhenErrorsArrive() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			SloTracker tracker = context.getBean(SloTracker.class);
			Timer ok = registry.timer("http.server.requests", "uri", "/checkout", "outcome", "SUCCESS");
			Timer failed = registry.timer("http.server.requests", "uri", "/checkout", "outcome", "SERVER_ERROR");
			tracker.sample();
			for (int i = 0; i < 95; i++) {
				ok.record(java.time.Duration.ofMillis(1));
			}
			for (int i = 0; i < 5; i++) {
				failed.record(java.time.Duration.ofMillis(1));
			}
			Thread.sleep(20);
			tracker.sample();
			SloTracker.Status status = tracker.status("checkout");
			assertThat(status.sli().get("5m")).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(status.burnRate().get("5m")).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(status.errorBudgetRemaining()).isCloseTo(-4.0, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(registry.get("phoenix.slo.burn.rate").tag("slo", "checkout").tag("window", "1h").gauge().value())
				.isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(registry.get("phoenix.slo.objective.ratio").tag("slo", "checkout").gauge().value())
				.isEqualTo(0.99);
		});
	}

	@Test
	void objectiveOfHundredFails() {
		this.contextRunner.withPropertyValues("phoenix.slo.objectives[0].objective=100")
			.run((context) -> assertFailedOn(context, "phoenix.slo.objectives[0].objective",
					"must be a percentage above 0 and below 100"));
	}

	@Test
	void objectiveOfZeroFails() {
		this.contextRunner.withPropertyValues("phoenix.slo.objectives[0].objective=0")
			.run((context) -> assertFailedOn(context, "phoenix.slo.objectives[0].objective",
					"must be a percentage above 0 and below 100"));
	}

	@Test
	void unparseableWindowFails() {
		this.contextRunner.withPropertyValues("phoenix.slo.objectives[0].window=thirty days")
			.run((context) -> assertFailedOn(context, "phoenix.slo.objectives[0].window", "thirty days"));
	}

	@Test
	void unknownSliKindFails() {
		this.contextRunner.withPropertyValues("phoenix.slo.objectives[0].sli.kind=throughput")
			.run((context) -> assertFailedOn(context, "phoenix.slo.objectives[0].sli.kind", "throughput"));
	}

	@Test
	void sliKindAndMeterTypeBindAsBootBindsEnums() {
		this.contextRunner
			.withPropertyValues("phoenix.slo.objectives[1].sli.kind=LATENCY", "phoenix.slo.objectives[2].name=jobs",
					"phoenix.slo.objectives[2].objective=99", "phoenix.slo.objectives[2].sli.meter=jobs",
					"phoenix.slo.objectives[2].sli.meter-type=Counter")
			.run((context) -> assertThat(context.getBean(SloModel.class).objectives())
				.extracting((slo) -> slo.sli().kind(), (slo) -> slo.sli().meterType())
				.containsExactly(org.assertj.core.groups.Tuple.tuple(SliKind.AVAILABILITY, MeterType.TIMER),
						org.assertj.core.groups.Tuple.tuple(SliKind.LATENCY, MeterType.TIMER),
						org.assertj.core.groups.Tuple.tuple(SliKind.AVAILABILITY, MeterType.COUNTER)));
	}

	@Test
	void latencyWithoutThresholdFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.slo.objectives[1].sli.threshold=")
			.run((context) -> assertThat(context).hasFailed());
		this.contextRunner
			.withPropertyValues("phoenix.slo.objectives[2].name=slow", "phoenix.slo.objectives[2].objective=99",
					"phoenix.slo.objectives[2].sli.kind=latency")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].sli.threshold",
					"A latency SLI needs a threshold"));
	}

	@Test
	void latencyOnACounterFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.slo.objectives[1].sli.meter-type=counter")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[1].sli.meter-type", "only timers have"));
	}

	@Test
	void ratioWithoutBothExpressionsFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("phoenix.slo.objectives[2].name=jobs", "phoenix.slo.objectives[2].objective=99",
					"phoenix.slo.objectives[2].sli.kind=ratio", "phoenix.slo.objectives[2].sli.good=sum(rate(x[5m]))")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].sli.total",
					"A ratio SLI needs both a good and a total expression"));
	}

	@Test
	void objectiveWithoutTargetFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.slo.objectives[2].name=jobs")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].objective",
					"Every SLO needs an objective"));
	}

	@Test
	void duplicateNamesFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("phoenix.slo.objectives[2].name=checkout", "phoenix.slo.objectives[2].objective=99")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].name", "SLO names must be unique"));
	}

	@Test
	void objectivesWithoutTheSloStarterFailNamingTheStarter() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SloFeature.class)).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SloStarterFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("phoenix.slo.objectives");
			assertThat(analysis.getAction()).contains("io.phoenix.observability:phoenix-slo-starter");
		});
	}

	@Test
	void noObjectivesNeedNoSloStarter() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(PhoenixSloAutoConfiguration.class, PhoenixIdentityAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SloFeature.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SloModel.class));
	}

	@Test
	void alertRulesAndAlertmanagerPropertiesFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.slo.rules.latency-p95.warning-for=-1m")
			.run((context) -> assertFailedOn(context, "phoenix.slo.rules.latency-p95.warning-for",
					"must be 0s or more"));
		this.contextRunner.withPropertyValues("phoenix.slo.alertmanager.webhook-url=ftp://alerts")
			.run((context) -> assertFailedOn(context, "phoenix.slo.alertmanager.webhook-url",
					"must be an http or https URL"));
	}

	@Test
	void inlineSecretsAndPlaceholdersFailNamingThePropertyOfTheFile() {
		this.contextRunner.withPropertyValues("phoenix.slo.alertmanager.pagerduty-routing-key=abc123")
			.run((context) -> assertFailedOn(context, "phoenix.slo.alertmanager.pagerduty-routing-key",
					"set phoenix.slo.alertmanager.pagerduty-routing-key-file to its path"));
		this.contextRunner.withPropertyValues("phoenix.slo.alertmanager.slack-webhook-url=https://hooks.slack.com/x")
			.run((context) -> assertFailedOn(context, "phoenix.slo.alertmanager.slack-webhook-url",
					"set phoenix.slo.alertmanager.slack-api-url-file to its path"));
		// A placeholder nobody resolves would reach Alertmanager as it is
		this.contextRunner.withPropertyValues("phoenix.slo.alertmanager.slack-api-url-file=/secrets/${SLACK_FILE}")
			.run((context) -> assertFailedOn(context, "phoenix.slo.alertmanager.slack-api-url-file",
					"must be the path of a file"));
	}

	@Test
	void tagMatchersBindAsBootBindsThemAndReachTheModel() {
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.events[0].tag=pipeline",
					"phoenix.slo.objectives[2].sli.events[0].operator=NOT_REGEX",
					"phoenix.slo.objectives[2].sli.events[0].value=demo-.*")
			.run((context) -> {
				ServiceLevelIndicator sli = context.getBean(SloModel.class).objectives().get(2).sli();
				assertThat(sli.events())
					.containsExactly(new TagMatcher("pipeline", TagMatcher.Operator.NOT_REGEX, "demo-.*"));
				assertThat(sli.badEvents())
					.containsExactly(new TagMatcher("status", TagMatcher.Operator.REGEX, "error|timeout"));
				assertThat(context.getBean(SloFiles.class).rules()).contains(
						"pipeline_executions_total{service=\"orders\",pipeline!~\"demo-.*\",status=~\"error|timeout\"}[5m]");
			});
	}

	@Test
	void liveTrackerCountsTheEventsTheMatchersSelect() {
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.events[0].tag=pipeline",
					"phoenix.slo.objectives[2].sli.events[0].operator=not-regex",
					"phoenix.slo.objectives[2].sli.events[0].value=demo-.*", "phoenix.slo.objectives[3].name=llm",
					"phoenix.slo.objectives[3].objective=99",
					"phoenix.slo.objectives[3].sli.meter=gen_ai.client.operation",
					"phoenix.slo.objectives[3].sli.bad-events[0].tag=error",
					"phoenix.slo.objectives[3].sli.bad-events[0].operator=not-equal",
					"phoenix.slo.objectives[3].sli.bad-events[0].value=none")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				SloTracker tracker = context.getBean(SloTracker.class);
				tracker.sample();
				registry.counter("pipeline.executions", "pipeline", "summarize", "status", "success").increment(10);
				registry.counter("pipeline.executions", "pipeline", "summarize", "status", "error").increment(2);
				registry.counter("pipeline.executions", "pipeline", "triage", "status", "timeout").increment();
				// A termination reason is no failure; a status the regex only contains is
				// none
				registry.counter("pipeline.executions", "pipeline", "triage", "status", "awaiting_clarification")
					.increment(3);
				registry.counter("pipeline.executions", "pipeline", "triage", "status", "error_handled").increment();
				// Left out by the event matcher
				registry.counter("pipeline.executions", "pipeline", "demo-1", "status", "error").increment(100);
				registry.timer("gen_ai.client.operation", "gen_ai.system", "openai", "error", "none")
					.record(java.time.Duration.ofMillis(5));
				registry.timer("gen_ai.client.operation", "gen_ai.system", "openai", "error", "none")
					.record(java.time.Duration.ofMillis(5));
				registry.timer("gen_ai.client.operation", "gen_ai.system", "openai", "error", "InternalServerException")
					.record(java.time.Duration.ofMillis(5));
				Thread.sleep(20);
				tracker.sample();
				assertThat(tracker.status("pipeline-success").events()).containsEntry("bad", 3.0)
					.containsEntry("total", 17.0);
				assertThat(tracker.status("llm").events()).containsEntry("bad", 1.0).containsEntry("total", 3.0);
			});
	}

	@Test
	void unknownMatcherOperatorFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.bad-events[0].operator=like")
			.run((context) -> assertFailedOn(context, "phoenix.slo.objectives[2].sli.bad-events[0].operator", "like"));
	}

	@Test
	void invalidRegexFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.bad-events[0].value=error|(timeout")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].sli.bad-events[0].value",
					"not a valid regex"));
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.bad-events[0].value=(?!success).*")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].sli.bad-events[0].value",
					"Prometheus regexes (RE2) have no lookarounds"));
	}

	@Test
	void incompleteMatcherFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.events[0].tag=pipeline")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].sli.events[0].value",
					"Every tag matcher needs a value"));
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.events[0].value=summarize")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].sli.events[0].tag",
					"Every tag matcher needs a tag"));
	}

	@Test
	void badEventMatchersWhereTheyCannotApplyFailNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("phoenix.slo.objectives[1].sli.bad-events[0].tag=status",
					"phoenix.slo.objectives[1].sli.bad-events[0].value=error")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[1].sli.bad-events",
					"availability SLIs only"));
		this.contextRunner.withPropertyValues(PIPELINE_SUCCESS)
			.withPropertyValues("phoenix.slo.objectives[2].sli.error-tag=status")
			.run((context) -> assertInvalid(context, "phoenix.slo.objectives[2].sli.bad-events",
					"replace error-tag and error-values"));
	}

	private static void assertInvalid(ApplicationContextAssertProvider<?> context, String property, String reason) {
		assertThat(context).hasFailed();
		InvalidConfigurationPropertyValueException invalid = null;
		for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationPropertyValueException candidate) {
				invalid = candidate;
			}
		}
		// What Spring Boot's failure analysis reports: the property, its origin and the
		// reason
		assertThat(invalid).as("InvalidConfigurationPropertyValueException in %s", context.getStartupFailure())
			.isNotNull();
		assertThat(invalid.getName()).isEqualTo(property);
		assertThat(invalid.getReason()).contains(reason);
	}

}
