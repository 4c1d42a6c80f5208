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
package io.phoenix.observability.autoconfigure.dependency;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.phoenix.observability.autoconfigure.InvalidPropertyAssertions.assertFailedOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PhoenixDependencyAutoConfiguration}, against real counterparts: a
 * WireMock server, a TCP server socket, an embedded H2 database and a gRPC server with
 * the standard health service.
 *
 * @author Phoenix Observability
 */
class PhoenixDependencyAutoConfigurationTests {

	private static final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	static {
		server.start();
	}

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PhoenixDependencyAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("management.endpoint.health.probes.enabled=true");

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void resetStubs() {
		server.resetAll();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + server.port() + path;
	}

	@Test
	void withoutDeclarationsMonitorsNothing() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DependencyMonitor.class);
			assertThat(context.getBean(DependencyMonitor.class).getNames()).isEmpty();
		});
	}

	@Test
	void httpDependencyThatAnswers2xxIsUpWithLatencyMetricAndJoinsReadinessWhenCritical() {
		server.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(204)));
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/health"),
					"phoenix.observability.dependencies.llm.critical=true")
			.run((context) -> {
				Health health = awaitStatus(context, "llm", Status.UP);
				assertThat(health.getDetails()).containsEntry("type", "http")
					.containsEntry("critical", true)
					.containsKeys("latencyMillis", "checkedAt", "changedAt")
					.doesNotContainKey("error");
				assertThat(health.getDetails().values()).noneMatch((value) -> value.toString().contains("127.0.0.1"));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("phoenix.dependency.up")
					.tags("dependency", "llm", "type", "http", "critical", "true")
					.gauge()
					.value()).isEqualTo(1.0);
				Timer timer = registry.get("phoenix.dependency.check.duration")
					.tags("dependency", "llm", "outcome", "up")
					.timer();
				assertThat(timer.count()).isPositive();
				HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
				assertThat(groups.get("readiness").isMember("llm")).isTrue();
				assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
			});
	}

	@Test
	void httpDependencyAnswering500IsDownWithErrorTypeAndMetricZero() {
		server.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(500)));
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/health"))
			.run((context) -> {
				Health health = awaitStatus(context, "llm", Status.DOWN);
				assertThat(health.getDetails()).containsEntry("error", "UnexpectedStatusException");
				assertThat(context.getBean(MeterRegistry.class)
					.get("phoenix.dependency.up")
					.tags("dependency", "llm", "critical", "false")
					.gauge()
					.value()).isZero();
				assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("llm")).isFalse();
			});
	}

	@Test
	void slowHttpDependencyIsDownAfterItsTimeoutAndNeverSlowsReadiness() {
		server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/slow"),
					"phoenix.observability.dependencies.llm.critical=true",
					"phoenix.observability.dependencies.llm.timeout=300ms")
			.run((context) -> {
				acceptTraffic(context);
				HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
				long start = System.nanoTime();
				assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
				Health health = awaitStatus(context, "llm", Status.DOWN);
				assertThat(health.getDetails()).containsKey("error");
				assertThat((Long) health.getDetails().get("latencyMillis")).isBetween(250L, 1500L);
				start = System.nanoTime();
				assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
			});
	}

	@Test
	void dependencyThatHasNotAnsweredIsUnknownAndDoesNotMakeReadinessDown() {
		server.stubFor(get(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/slow"),
					"phoenix.observability.dependencies.llm.critical=true",
					"phoenix.observability.dependencies.llm.timeout=10s")
			.run((context) -> {
				acceptTraffic(context);
				assertThat(indicator(context, "llm").health().getStatus()).isEqualTo(Status.UNKNOWN);
				assertThat(context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus())
					.isEqualTo(Status.UP);
				assertThat(context.getBean(MeterRegistry.class).get("phoenix.dependency.up").gauge().value()).isNaN();
			});
	}

	@Test
	void refusedConnectionIsDown() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=http://127.0.0.1:" + port + "/health")
			.run((context) -> assertThat(awaitStatus(context, "llm", Status.DOWN).getDetails()).containsEntry("error",
					"ConnectException"));
	}

	@Test
	void tcpDependencyFollowsARealServerSocket() throws IOException {
		ServerSocket socket = new ServerSocket(0);
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.cache.type=tcp",
					"phoenix.observability.dependencies.cache.host=127.0.0.1",
					"phoenix.observability.dependencies.cache.port=" + socket.getLocalPort(),
					"phoenix.observability.dependencies.cache.interval=100ms")
			.run((context) -> {
				awaitStatus(context, "cache", Status.UP);
				assertThat(context.getBean(MeterRegistry.class)
					.get("phoenix.dependency.up")
					.tags("dependency", "cache", "type", "tcp")
					.gauge()
					.value()).isEqualTo(1.0);
				socket.close();
				Health down = awaitStatus(context, "cache", Status.DOWN);
				assertThat(down.getDetails()).containsEntry("error", "ConnectException");
				assertThat(context.getBean(MeterRegistry.class)
					.get("phoenix.dependency.up")
					.tags("dependency", "cache")
					.gauge()
					.value()).isZero();
			});
	}

	@Test
	void datasourceDependencyRunsItsQueryOnAnEmbeddedDatabase() {
		this.contextRunner.withBean("ordersDataSource", JdbcDataSource.class, () -> h2("orders"))
			.withPropertyValues("phoenix.observability.dependencies.orders.type=datasource",
					"phoenix.observability.dependencies.orders.bean=ordersDataSource",
					"phoenix.observability.dependencies.orders.query=SELECT 1")
			.run((context) -> {
				assertThat(awaitStatus(context, "orders", Status.UP).getDetails()).containsEntry("type", "datasource");
				assertThat(context.getBean(MeterRegistry.class)
					.get("phoenix.dependency.up")
					.tags("dependency", "orders", "type", "datasource")
					.gauge()
					.value()).isEqualTo(1.0);
			});
	}

	@Test
	void datasourceDependencyWithFailingQueryIsDown() {
		this.contextRunner.withBean("ordersDataSource", JdbcDataSource.class, () -> h2("broken"))
			.withPropertyValues("phoenix.observability.dependencies.orders.type=datasource",
					"phoenix.observability.dependencies.orders.bean=ordersDataSource",
					"phoenix.observability.dependencies.orders.query=SELECT * FROM missing_table")
			.run((context) -> assertThat(awaitStatus(context, "orders", Status.DOWN).getDetails())
				.containsKey("error"));
	}

	@Test
	void grpcDependencyFollowsARealHealthService() throws IOException {
		HealthStatusManager health = new HealthStatusManager();
		Server server = NettyServerBuilder
			.forAddress(new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
			.addService(health.getHealthService())
			.build()
			.start();
		try {
			this.contextRunner
				.withPropertyValues("phoenix.observability.dependencies.inference.type=grpc",
						"phoenix.observability.dependencies.inference.target=127.0.0.1:" + server.getPort(),
						"phoenix.observability.dependencies.inference.interval=100ms")
				.run((context) -> {
					Health up = awaitStatus(context, "inference", Status.UP);
					assertThat(up.getDetails()).containsEntry("type", "grpc");
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(registry.get("phoenix.dependency.up")
						.tags("dependency", "inference", "type", "grpc")
						.gauge()
						.value()).isEqualTo(1.0);
					health.setStatus("", ServingStatus.NOT_SERVING);
					assertThat(awaitStatus(context, "inference", Status.DOWN).getDetails()).containsEntry("error",
							"NotServingException");
					assertThat(registry.get("phoenix.dependency.up").tags("dependency", "inference").gauge().value())
						.isZero();
					health.setStatus("", ServingStatus.SERVING);
					awaitStatus(context, "inference", Status.UP);
					server.shutdownNow();
					assertThat(awaitStatus(context, "inference", Status.DOWN).getDetails()).containsEntry("error",
							"StatusRuntimeException");
				});
		}
		finally {
			server.shutdownNow();
		}
	}

	@Test
	void grpcDependencyWithoutGrpcOnTheClasspathFailsNamingTheProperty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.grpc"))
			.withPropertyValues("phoenix.observability.dependencies.inference.type=grpc",
					"phoenix.observability.dependencies.inference.target=localhost:9090")
			.run((context) -> assertFailedWithMessage(context, "phoenix.observability.dependencies.inference.type",
					"needs io.grpc:grpc-services"));
	}

	@Test
	void missingGrpcTargetFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.dependencies.inference.type=grpc")
			.run((context) -> assertFailedWithMessage(context, "phoenix.observability.dependencies.inference.target",
					"A channel target is required"));
	}

	@Test
	void dependenciesEnabledPropertyIsNotADependency() {
		this.contextRunner.withPropertyValues("phoenix.observability.dependencies.enabled=true")
			.run((context) -> assertThat(context.getBean(DependencyMonitor.class).getNames()).isEmpty());
	}

	@Test
	void declarationsAreInTheGeneratedMetadataAsTypedDeclarations() throws IOException {
		// What an IDE completes under phoenix.observability.dependencies.<name>
		JsonNode metadata = new ObjectMapper()
			.readTree(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
		assertThat(metadata.get("properties"))
			.filteredOn((property) -> "phoenix.observability.dependencies".equals(property.get("name").asText()))
			.singleElement()
			.satisfies(
					(property) -> assertThat(property.get("type").asText()).isEqualTo("java.util.Map<java.lang.String,"
							+ "io.phoenix.observability.autoconfigure.dependency.DependencyProperties>"));
	}

	@Test
	void healthContributorOfADependencyFollowsSpringBootsHealthSwitches() {
		server.stubFor(get(urlEqualTo("/health")).willReturn(aResponse().withStatus(204)));
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/health"),
					"phoenix.observability.dependencies.llm.critical=true",
					"phoenix.observability.dependencies.search.type=http",
					"phoenix.observability.dependencies.search.url=" + url("/health"),
					"management.health.llm.enabled=false")
			.run((context) -> {
				HealthContributorRegistry registry = context.getBean(HealthContributorRegistry.class);
				assertThat(registry.getContributor("llm")).isNull();
				assertThat(registry.getContributor("search")).isNotNull();
				assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("llm")).isFalse();
				// Still checked and measured
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(context.getBean(MeterRegistry.class)
						.get("phoenix.dependency.up")
						.tags("dependency", "llm")
						.gauge()
						.value()).isEqualTo(1.0));
			});
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/health"),
					"management.health.defaults.enabled=false")
			.run((context) -> assertThat(context.getBean(HealthContributorRegistry.class).getContributor("llm"))
				.isNull());
	}

	@Test
	void explicitReadinessMembersAreKept() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/health"),
					"phoenix.observability.dependencies.llm.critical=true",
					"management.endpoint.health.group.readiness.include=readinessState")
			.run((context) -> assertThat(context.getBean(HealthEndpointGroups.class).get("readiness").isMember("llm"))
				.isFalse());
	}

	@Test
	void disabledByFeatureProperty() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.enabled=false",
					"phoenix.observability.dependencies.llm.type=http")
			.run((context) -> assertThat(context).doesNotHaveBean(DependencyMonitor.class)
				.doesNotHaveBean(DependencyDeclarations.class));
	}

	@Test
	void disabledByGlobalProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DependencyMonitor.class));
	}

	@Test
	void userDeclarationsAndMonitorWin() {
		DependencyDeclarations declarations = new DependencyDeclarations(Map.of());
		this.contextRunner.withBean(DependencyDeclarations.class, () -> declarations)
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/health"))
			.run((context) -> {
				assertThat(context).getBean(DependencyDeclarations.class).isSameAs(declarations);
				assertThat(context.getBean(DependencyMonitor.class).getNames()).isEmpty();
			});
	}

	@Test
	void backsOffWithoutHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthContributorRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DependencyMonitor.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PhoenixDependencyAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(DependencyMonitor.class)
				.doesNotHaveBean(DependencyMetrics.class));
	}

	@Test
	void unknownTypeFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.dependencies.mail.type=smtp")
			.run((context) -> assertFailedOn(context, "phoenix.observability.dependencies.mail.type", "smtp"));
	}

	@Test
	void negativeTimeoutFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.llm.type=http",
					"phoenix.observability.dependencies.llm.url=" + url("/health"),
					"phoenix.observability.dependencies.llm.timeout=-1s")
			.run((context) -> assertFailedOn(context, "phoenix.observability.dependencies.llm.timeout",
					"must be a positive duration"));
	}

	@Test
	void missingUrlFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("phoenix.observability.dependencies.llm.type=http")
			.run((context) -> assertFailedWithMessage(context, "phoenix.observability.dependencies.llm.url",
					"A URL is required"));
	}

	@Test
	void missingTcpPortFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.cache.type=tcp",
					"phoenix.observability.dependencies.cache.host=localhost")
			.run((context) -> assertFailedWithMessage(context, "phoenix.observability.dependencies.cache.port",
					"A port is required"));
	}

	@Test
	void unknownBeanNameFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("phoenix.observability.dependencies.orders.type=datasource",
					"phoenix.observability.dependencies.orders.bean=nope")
			.run((context) -> assertFailedWithMessage(context, "phoenix.observability.dependencies.orders.bean",
					"No DataSource bean has this name"));
	}

	private static void assertFailedWithMessage(AssertableApplicationContext context, String property, String reason) {
		assertThat(context).hasFailed();
		assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()).getMessage())
			.contains("Property " + property)
			.contains(reason);
	}

	private static void acceptTraffic(AssertableApplicationContext context) {
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	private static JdbcDataSource h2(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	private static HealthIndicator indicator(AssertableApplicationContext context, String name) {
		return (HealthIndicator) context.getBean(HealthContributorRegistry.class).getContributor(name);
	}

	private static Health awaitStatus(AssertableApplicationContext context, String name, Status status) {
		HealthIndicator indicator = indicator(context, name);
		await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(status));
		return indicator.health();
	}

}
