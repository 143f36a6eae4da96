package com.example.acmescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real, unchanged {@code shelflife} command in a separate JVM, as
 * {@code java -cp CLASS-PATH dev.shelflife.cli.Main ...}: with this module's classes on the class
 * path it reads Acme reports, without them it does not know the format. The class path is this
 * test's own: the CLI and its dependencies (a test dependency of this module), this module's
 * classes, and test libraries the CLI never touches. The repository's launcher, {@code ./shelflife},
 * takes the module through {@code SHELFLIFE_CLASSPATH} instead.
 */
class CommandLineTest {

    private static final String MAIN = "dev.shelflife.cli.Main";

    @TempDir
    Path work;

    @Test
    void listsTheAcmeAdapterAmongTheInstalledOnes() throws Exception {
        Run run = cli(classPath(), "--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("acme");
    }

    @Test
    void parsesAnAcmeReportWithoutBeingToldItsFormat() throws Exception {
        Run run = cli(
                classPath(),
                "parse",
                "--output",
                "json",
                sample("shop-api-1.4.2.acme.json").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "\"adapter\" : \"acme\"",
                        "\"name\" : \"acme-scan-json\"",
                        "CVE-2024-45490",
                        "unknown severity \\\"elevated\\\": read as UNKNOWN");
    }

    @Test
    void evaluatesAnAcmeReportAtTheBuildStageAndFailsOnAFixableCritical() throws Exception {
        Run run = cli(
                classPath(),
                "evaluate",
                "--stage",
                "build",
                "--at",
                "2026-11-21",
                sample("shop-api-1.4.2.acme.json").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("=> FAIL", "CVE-2024-45490");
    }

    @Test
    void endsATruncatedAcmeReportInOneLocatedLineAndExitCode3() throws Exception {
        byte[] whole = Files.readAllBytes(sample("shop-api-1.4.2.acme.json"));
        Path cut = work.resolve("cut.acme.json");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        Run run = cli(classPath(), "parse", cut.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith(cut + ":").contains("truncated document");
    }

    @Test
    void doesNotKnowTheFormatWithoutThisModuleOnTheClassPath() throws Exception {
        String adapter = adapterLocation();
        List<String> without = new ArrayList<>(classPath());
        assertThat(without.remove(adapter))
                .as("%s on the class path %s", adapter, without)
                .isTrue();

        Run run = cli(without, "parse", sample("shop-api-1.4.2.acme.json").toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not a report any installed adapter understands");
    }

    @Test
    void theLauncherReadsAnAcmeReportWithTheAdapterOnShelflifeClasspath() throws Exception {
        ProcessBuilder launcher = new ProcessBuilder(
                System.getProperty("shelflife.launcher"),
                "parse",
                sample("shop-api-1.4.2.acme.json").toString());
        launcher.environment().put("SHELFLIFE_CLASSPATH", adapterLocation());

        Run run = run(launcher);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("acme-scan-json (schema 1), read by acme", "CVE-2024-45490");
    }

    /** This module's classes: a folder in the reactor build, a jar once packaged. */
    private static String adapterLocation() throws URISyntaxException {
        return Path.of(AcmeScannerAdapter.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    private static List<String> classPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(CommandLineTest.class.getResource(name).toURI());
    }

    private Run cli(List<String> classPath, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(File.pathSeparator, classPath),
                MAIN));
        command.addAll(List.of(arguments));
        return run(new ProcessBuilder(command));
    }

    private Run run(ProcessBuilder command) throws IOException, InterruptedException {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process process =
                command.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s ends within a minute", command.command())
                .isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** What one run of the command printed, and its exit code. */
    private record Run(int exitCode, String out, String err) {}
}
