package com.example.baseregistry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real, unchanged {@code shelflife evaluate}, in a separate JVM, judging the example Trivy
 * report of {@code ghcr.io/acme/shop-api:1.4.2} (built on Docker Hub's {@code python:3.12-slim})
 * with a policy file that names {@code rule: base-registry}: it fails with Acme's registry alone,
 * passes once Docker Hub is allowed, and does not know the rule without this module on its class
 * path. The repository's launcher, {@code ./shelflife}, takes the module through
 * {@code SHELFLIFE_CLASSPATH}.
 */
class CommandLineTest {

    /** The example report, in the repository's examples folder (the tests run in this module's folder). */
    private static final Path REPORT = Path.of("../trivy-shop-api-1.4.2.json").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void failsAnImageWhoseBaseIsFromDockerHubWhenOnlyAcmesRegistryIsAllowed() throws Exception {
        Result result = java(withThisModule(), evaluate("acme-bases-only.yaml"));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("=> FAIL")
                .contains("the base image docker.io/library/python:3.12-slim is from docker.io, not from an allowed"
                        + " registry (registry.acme.example)");
    }

    @Test
    void passesTheSameImageOnceDockerHubIsAllowed() throws Exception {
        Result result = java(withThisModule(), evaluate("docker-hub-bases.yaml"));

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("=> PASS");
    }

    @Test
    void describesTheRuleInSarifByItsType() throws Exception {
        List<String> arguments = new ArrayList<>(evaluate("acme-bases-only.yaml"));
        arguments.addAll(1, List.of("--output", "sarif"));

        Result result = java(withThisModule(), arguments);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out())
                .contains("Policy rule base-registry at stage deploy: the base image must come from an allowed"
                        + " registry.");
    }

    @Test
    void doesNotKnowTheRuleWithoutThisModuleOnTheClassPath() throws Exception {
        String module = moduleLocation();
        List<String> without =
                Stream.of(classPath()).filter(entry -> !entry.equals(module)).toList();
        assertThat(without).hasSize(classPath().length - 1);

        Result result = java(without, evaluate("acme-bases-only.yaml"));

        assertThat(result.exitCode()).isNotIn(0, 1);
        assertThat(result.err()).contains("unknown rule \"base-registry\"; expected one of: severity-gate");
    }

    @Test
    void theLauncherAppliesTheRuleWithTheModuleOnShelflifeClasspath() throws Exception {
        ProcessBuilder launcher = new ProcessBuilder(System.getProperty("shelflife.launcher"));
        launcher.command().addAll(evaluate("acme-bases-only.yaml"));
        launcher.environment().put("SHELFLIFE_CLASSPATH", moduleLocation());

        Result result = run(launcher);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("=> FAIL", "not from an allowed registry");
    }

    private static List<String> evaluate(String policy) throws URISyntaxException {
        Path file = Path.of(CommandLineTest.class.getResource(policy).toURI());
        return List.of(
                "evaluate", "--stage", "deploy", "--at", "2025-02-14", "--policy", file.toString(), REPORT.toString());
    }

    /** This module's classes: a folder in the reactor build, a jar once packaged. */
    private static String moduleLocation() throws URISyntaxException {
        return Path.of(BaseRegistryType.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    /** This test's class path: the CLI and its dependencies (a test dependency), and this module. */
    private static String[] classPath() {
        return System.getProperty("java.class.path").split(File.pathSeparator);
    }

    private static List<String> withThisModule() {
        return List.of(classPath());
    }

    private Result java(List<String> classPath, List<String> arguments) throws IOException, InterruptedException {
        ProcessBuilder java = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classPath),
                "dev.shelflife.cli.Main");
        java.command().addAll(arguments);
        return run(java);
    }

    private Result run(ProcessBuilder process) throws IOException, InterruptedException {
        File out = work.resolve("stdout").toFile();
        File err = work.resolve("stderr").toFile();
        Process started = process.redirectOutput(out).redirectError(err).start();
        boolean ended = started.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            started.destroyForcibly();
        }
        assertThat(ended).as("%s ends within two minutes", process.command()).isTrue();
        return new Result(
                started.exitValue(),
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    /** What the command printed, and its exit code. */
    private record Result(int exitCode, String out, String err) {}
}
