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

package io.phoenix.observability.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the house style that a machine can check.
 *
 * @author Phoenix Observability
 */
class ArchitectureTests {

	private static final String ROOT = "io.phoenix.observability.autoconfigure";

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	/**
	 * Packages every concern may use: who the service is, the feature switch, the
	 * background scheduler and the throttled warnings.
	 */
	private static final Set<String> SHARED = Set.of("identity", "condition", "background", "throttle");

	/**
	 * The other dependencies between concerns, each with its reason. A new edge is added
	 * here, with its reason, or removed from the code.
	 */
	private static final Map<String, Map<String, String>> EDGES = Map.ofEntries(
			// from -> (to -> why)
			Map.entry("circuitbreaker",
					Map.of("dependency", "an open circuit breaker overrides its declared dependency's state")),
			Map.entry("defaults",
					Map.of("logging", "whether Phoenix writes the JSON lines decides Boot's logging defaults")),
			Map.entry("grpc",
					Map.of("correlation", "gRPC calls get correlation ids", "requestlog",
							"each gRPC call writes its request line")),
			Map.entry("llm",
					Map.of("dependency", "an LLM call line names the declared dependency it reached", "pipeline",
							"calls recorded without Spring AI write the same line")),
			Map.entry("pipeline",
					Map.of("correlation", "a run line puts its trace in the MDC under the names request lines use")),
			Map.entry("observation", Map.of("health", "probe requests are recognised by the health paths")),
			Map.entry("probes", Map.of("dependency", "declared http dependencies are probed")),
			Map.entry("requestlog",
					Map.of("correlation", "request lines carry the correlation and request ids", "tracing",
							"the access-log line says whether its trace was kept")),
			Map.entry("slo",
					Map.of("alerting", "the SLO model holds the alert pack and the Alertmanager routes", "dashboard",
							"the generated files include the service's dashboard", "dependency",
							"the generated dashboard shows the declared dependencies", "tracing",
							"a latency SLO's threshold is the tail sampling threshold of its route")));

	private static final JavaClasses mainClasses = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	@Test
	void autoConfigurationsArePublicFinalWithoutPublicMethods() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.andShould(declareNoPublicMethods())
			.andShould()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.check(mainClasses);
	}

	@Test
	void beanMethodsArePackagePrivate() {
		methods().that().areAnnotatedWith(Bean.class).should().notBePublic().check(mainClasses);
	}

	@Test
	void classConditionsAreNeverOnBeanMethods() {
		noMethods().that()
			.areAnnotatedWith(Bean.class)
			.should()
			.beAnnotatedWith(ConditionalOnClass.class)
			.check(mainClasses);
	}

	@Test
	void postProcessorBeansAreStatic() {
		methods().that()
			.areAnnotatedWith(Bean.class)
			.and()
			.haveRawReturnType(assignableTo(BeanPostProcessor.class).or(assignableTo(BeanFactoryPostProcessor.class)))
			.should()
			.beStatic()
			.allowEmptyShould(true)
			.check(mainClasses);
	}

	@Test
	void nestedConfigurationsDoNotProxyBeanMethods() {
		classes().that()
			.areAnnotatedWith(Configuration.class)
			.and()
			.areNotAnnotatedWith(AutoConfiguration.class)
			.should()
			.beNestedClasses()
			.andShould()
			.notBePublic()
			.andShould(haveProxyBeanMethodsDisabled())
			.check(mainClasses);
	}

	@Test
	void noComponentScanning() {
		noClasses().should().beAnnotatedWith(ComponentScan.class).check(mainClasses);
	}

	@Test
	void everyAutoConfigurationIsListedInImportsAndViceVersa() throws IOException {
		Set<String> annotated = mainClasses.stream()
			.filter((javaClass) -> javaClass.isAnnotatedWith(AutoConfiguration.class))
			.map(JavaClass::getName)
			.collect(Collectors.toSet());
		Set<String> listed;
		try (InputStream input = new ClassPathResource(IMPORTS).getInputStream()) {
			listed = new String(input.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toSet());
		}
		assertThat(annotated).as("auto-configuration classes found").isNotEmpty();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(annotated);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(mainClasses);
	}

	@Test
	void featurePackagesDependOnSharedPackagesAndOnNamedEdgesOnly() {
		classes().that()
			.resideInAPackage(ROOT + ".*..")
			.should(dependOnlyOnSharedPackagesOrNamedEdges())
			.check(mainClasses);
	}

	@Test
	void onlyAutoConfigurationsCreateBeans() {
		methods().that()
			.areAnnotatedWith(Bean.class)
			.should(beDeclaredInAnAutoConfigurationOrItsNestedConfiguration())
			.check(mainClasses);
	}

	@Test
	void packagesAreNamedByWhatTheyDo() {
		noClasses().should()
			.resideInAnyPackage("..util..", "..utils..", "..common..", "..helper..", "..helpers..", "..misc..")
			.check(mainClasses);
	}

	private static String concern(JavaClass javaClass) {
		String packageName = javaClass.getPackageName();
		if (!packageName.startsWith(ROOT + ".")) {
			return null;
		}
		String rest = packageName.substring(ROOT.length() + 1);
		int dot = rest.indexOf('.');
		return (dot != -1) ? rest.substring(0, dot) : rest;
	}

	private static ArchCondition<JavaClass> dependOnlyOnSharedPackagesOrNamedEdges() {
		return new ArchCondition<>("depend on " + SHARED + " or along a named edge only") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				String from = concern(javaClass);
				for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
					String to = concern(dependency.getTargetClass());
					if (to != null && !to.equals(from) && !SHARED.contains(to)
							&& !EDGES.getOrDefault(from, Map.of()).containsKey(to)) {
						events.add(SimpleConditionEvent.violated(dependency,
								from + " -> " + to + " is not a named edge: " + dependency.getDescription()));
					}
				}
			}

		};
	}

	private static ArchCondition<JavaMethod> beDeclaredInAnAutoConfigurationOrItsNestedConfiguration() {
		return new ArchCondition<>("be declared in an auto-configuration or its nested configuration") {

			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				JavaClass owner = method.getOwner();
				boolean allowed = owner.isAnnotatedWith(AutoConfiguration.class);
				for (JavaClass current = owner; !allowed && current.isAnnotatedWith(Configuration.class)
						&& current.getEnclosingClass().isPresent();) {
					current = current.getEnclosingClass().get();
					allowed = current.isAnnotatedWith(AutoConfiguration.class);
				}
				if (!allowed) {
					events.add(SimpleConditionEvent.violated(method, method.getFullName()
							+ " creates a bean outside an auto-configuration and its nested configurations"));
				}
			}

		};
	}

	private static ArchCondition<JavaClass> declareNoPublicMethods() {
		return new ArchCondition<>("declare no public methods") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				for (JavaMethod method : javaClass.getMethods()) {
					if (method.getModifiers().contains(JavaModifier.PUBLIC)) {
						events.add(SimpleConditionEvent.violated(method, method.getFullName() + " is public"));
					}
				}
			}

		};
	}

	private static ArchCondition<JavaClass> haveProxyBeanMethodsDisabled() {
		return new ArchCondition<>("have proxyBeanMethods = false") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Configuration configuration = javaClass.getAnnotationOfType(Configuration.class);
				if (configuration.proxyBeanMethods()) {
					events.add(SimpleConditionEvent.violated(javaClass,
							javaClass.getName() + " proxies its bean methods"));
				}
			}

		};
	}

}
