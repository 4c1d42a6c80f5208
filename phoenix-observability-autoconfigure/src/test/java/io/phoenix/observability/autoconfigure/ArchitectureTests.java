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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
	 * background scheduler, the throttled warnings and the export queues' instruments.
	 */
	private static final Set<String> SHARED = Set.of("identity", "condition", "background", "throttle", "exportqueue");

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

	private static final Path ARCHITECTURE_DOCUMENT = Path.of("../docs/architecture.md");

	// A row of the package table: | `name` | what it does |
	private static final Pattern DOCUMENTED_PACKAGE = Pattern.compile("(?m)^\\| `([a-z]+)` \\|");

	// An edge as the text names it: `from → to`
	private static final Pattern DOCUMENTED_EDGE = Pattern.compile("`([a-z]+) → ([a-z]+)`");

	private static final int MAX_MAIN_FILE_LINES = 500;

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
	void architectureDocumentNamesEveryPackage() throws IOException {
		Set<String> documented = documentedPackages();
		Set<String> packages = mainClasses.stream()
			.map(ArchitectureTests::concern)
			.filter(Objects::nonNull)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(packages).as("packages under %s", ROOT).isNotEmpty();
		assertThat(documented).as("the package table of %s", ARCHITECTURE_DOCUMENT)
			.containsAll(packages)
			.allMatch(packages::contains, "a package that exists");
	}

	@Test
	void architectureDocumentNamesEveryEdgeAndNoOther() throws IOException {
		Set<String> documented = new TreeSet<>();
		Matcher matcher = DOCUMENTED_EDGE.matcher(Files.readString(ARCHITECTURE_DOCUMENT));
		while (matcher.find()) {
			documented.add(matcher.group(1) + " -> " + matcher.group(2));
		}
		Set<String> edges = EDGES.entrySet()
			.stream()
			.flatMap((from) -> from.getValue().keySet().stream().map((to) -> from.getKey() + " -> " + to))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(documented).as("the edges named in %s", ARCHITECTURE_DOCUMENT).isEqualTo(edges);
	}

	@Test
	void noMainSourceFileIsLongerThanTheLimit() throws IOException {
		Path root = Path.of("..").toAbsolutePath().normalize();
		List<Path> sources;
		try (Stream<Path> paths = Files.walk(root)) {
			sources = paths.filter(ArchitectureTests::isMainJavaSource).toList();
		}
		Map<Path, Long> tooLong = new TreeMap<>();
		for (Path source : sources) {
			try (Stream<String> lines = Files.lines(source)) {
				long count = lines.count();
				if (count > MAX_MAIN_FILE_LINES) {
					tooLong.put(root.relativize(source), count);
				}
			}
		}
		assertThat(sources).as("main Java files under %s", root).hasSizeGreaterThan(100);
		assertThat(tooLong).as("main Java files over %d lines: split them along a seam", MAX_MAIN_FILE_LINES).isEmpty();
	}

	private static boolean isMainJavaSource(Path path) {
		String name = path.toString().replace('\\', '/');
		return name.endsWith(".java") && name.contains("/src/main/java/") && !name.contains("/target/")
				&& !name.contains("/.git/") && !name.contains("/node_modules/");
	}

	private static Set<String> documentedPackages() throws IOException {
		String document = Files.readString(ARCHITECTURE_DOCUMENT);
		int start = document.indexOf("## Packages");
		assertThat(start).as("the Packages section of %s", ARCHITECTURE_DOCUMENT).isNotNegative();
		int end = document.indexOf("\n## ", start + 1);
		Set<String> documented = new TreeSet<>();
		Matcher matcher = DOCUMENTED_PACKAGE.matcher(document.substring(start, (end != -1) ? end : document.length()));
		while (matcher.find()) {
			documented.add(matcher.group(1));
		}
		return documented;
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
