package dev.shelflife.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.cli.archfixture.ApiModel;
import dev.shelflife.cli.archfixture.cli.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The allowed dependency directions of {@code docs/architecture.md}, checked on the compiled
 * classes of every module (the cli's test class path holds them all), and shown to catch each
 * kind of violation on a miniature layout in {@code archfixture}.
 */
class ArchitectureTest {

    /** Nullness annotations, which every exported package carries (docs/decisions/jspecify-nullness.md). */
    private static final String JSPECIFY = "org.jspecify.annotations..";

    private static final String ROOT = "dev.shelflife";
    private static final String FIXTURE_ROOT = ApiModel.class.getPackageName();
    private static final List<String> ADAPTERS = List.of(
            "trivy",
            "grype",
            "snyk",
            "cyclonedx",
            "harbor",
            "gitlab",
            "openvex",
            "csaf",
            "spdx",
            "aws",
            "sarif",
            "ignore");

    private static final JavaClasses SHELFLIFE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(FIXTURE_ROOT);

    /**
     * The dependency rules for a package layout rooted at {@code root}.
     *
     * @param root {@code dev.shelflife}, or the fixture's root
     * @return the rules
     */
    static List<ArchRule> rules(String root) {
        String api = root;
        String spi = root + ".spi";
        String json = root + ".json..";
        String policy = root + ".policy..";
        String testkit = root + ".testkit..";
        String cli = root + ".cli..";
        String history = root + ".history..";
        List<ArchRule> rules = new ArrayList<>();
        rules.add(classes()
                .that()
                .resideInAnyPackage(api, spi)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", api, spi, JSPECIFY)
                .because("the api depends on the JDK only (and JSpecify's nullness annotations)"));
        rules.add(classes()
                .that()
                .resideInAPackage(json)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", api, spi, json, JSPECIFY, "com.fasterxml.jackson..", "org.yaml.snakeyaml..")
                .because("the JSON plumbing shared by the adapters depends on the api and Jackson (and the"
                        + " SnakeYAML under Jackson's YAML parser) only"));
        rules.add(classes()
                .that()
                .resideInAPackage(history)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "javax..",
                        api,
                        spi,
                        history,
                        JSPECIFY,
                        "org.flywaydb..",
                        "org.sqlite..",
                        "org.postgresql..")
                .because("the history depends on the api, the JDBC drivers and Flyway only: the engine it feeds"
                        + " stays pure, and it knows nothing of adapters, policies or the cli"));
        for (String adapter : ADAPTERS) {
            List<String> forbidden = new ArrayList<>(List.of(policy, testkit, cli));
            ADAPTERS.stream()
                    .filter(other -> !other.equals(adapter))
                    .forEach(other -> forbidden.add(root + "." + other + ".."));
            rules.add(
                    noClasses()
                            .that()
                            .resideInAPackage(root + "." + adapter + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(forbidden.toArray(String[]::new))
                            .because(
                                    "an adapter depends on no other adapter, nor on the policy engine, the testkit or the cli"));
        }
        List<String> adapterPackages =
                ADAPTERS.stream().map(adapter -> root + "." + adapter + "..").toList();
        List<String> notForTheEngine = new ArrayList<>(adapterPackages);
        notForTheEngine.addAll(List.of(root + ".registry..", root + ".feed..", history));
        rules.add(noClasses()
                .that()
                .resideInAPackage(policy)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(notForTheEngine.toArray(String[]::new))
                .because("the policy engine evaluates the model, whichever adapter read it, and does no I/O:"
                        + " base image states, threat feeds and a lineage's history reach it as values"));
        rules.add(noClasses()
                .that()
                .resideOutsideOfPackage(cli)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(cli)
                .because("only the cli depends on everything, and nothing depends on the cli"));
        return rules;
    }

    @TestFactory
    Stream<DynamicTest> shelfLifeKeepsItsDependencyDirections() {
        return rules(ROOT).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(SHELFLIFE)));
    }

    @Test
    void importsTheClassesOfEveryModuleTheRulesCover() {
        List<String> packages = new ArrayList<>(List.of(
                ROOT,
                ROOT + ".spi",
                ROOT + ".json",
                ROOT + ".policy",
                ROOT + ".cli",
                ROOT + ".registry",
                ROOT + ".feed",
                ROOT + ".history"));
        ADAPTERS.forEach(adapter -> packages.add(ROOT + "." + adapter));

        assertThat(packages)
                .allSatisfy(name -> assertThat(SHELFLIFE.containPackage(name)
                                && !SHELFLIFE.getPackage(name).getClasses().isEmpty())
                        .as("classes of %s on the cli's test class path", name)
                        .isTrue());
    }

    @Test
    void coversThePackageOfEveryInstalledAdapter() {
        List<String> covered =
                ADAPTERS.stream().map(adapter -> ROOT + "." + adapter).toList();

        assertThat(ScannerAdapters.load().all())
                .isNotEmpty()
                .allSatisfy(adapter -> assertThat(covered)
                        .as(
                                "the rules cover the package of %s",
                                adapter.getClass().getName())
                        .contains(adapter.getClass().getPackageName()));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleCatchesItsViolation() {
        return rules(FIXTURE_ROOT).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> {
                    EvaluationResult result = rule.evaluate(FIXTURE);
                    assertThat(result.hasViolation())
                            .as("violations of %s", rule.getDescription())
                            .isTrue();
                }));
    }

    @Test
    void findsEveryViolationOfTheFixtureAndNoneInItsCli() {
        List<String> details = rules(FIXTURE_ROOT).stream()
                .flatMap(rule -> rule.evaluate(FIXTURE).getFailureReport().getDetails().stream())
                .toList();

        List<String> violators = FIXTURE.stream()
                .filter(c -> !c.getSimpleName().equals("package-info") && !c.isEquivalentTo(Cli.class))
                .map(JavaClass::getName)
                .toList();
        assertThat(violators)
                .hasSize(16)
                .allSatisfy(name -> assertThat(details)
                        .anySatisfy(detail -> assertThat(origin(detail)).startsWith(name + ".")));
        assertThat(details).noneSatisfy(detail -> assertThat(origin(detail)).startsWith(Cli.class.getName() + "."));
    }

    /** The member a violation starts from: ArchUnit's details read {@code Field <a.B.x> has type <c.D> in (B.java:0)}. */
    private static String origin(String detail) {
        int start = detail.indexOf('<') + 1;
        return detail.substring(start, detail.indexOf('>', start));
    }
}
