package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Stage;
import dev.shelflife.policy.AppliedWaiver;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user moving from Trivy keeps their {@code .trivyignore.yaml}: the same image judged with its
 * Trivy report and the ignore file equals the verdict with the equivalent ShelfLife waivers in
 * the policy (the same violations and outcome), in Java and through the CLI, on corpus reports
 * and ignore files written here that name some of their CVEs, paths and package URLs.
 */
class ImportedWaiversCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    private static final String GATE = """
            stages:
              build:
                mode: enforce
                rules:
                  - {rule: severity-gate, minimum: low}
            """;

    /** A corpus report, an ignore file naming some of its findings, and the policy waivers that name the same. */
    private record Case(String report, String ignoreFile, String waivers, int waived) {}

    private static final List<Case> CASES = List.of(
            // OS packages: their paths are the result's target; package URLs with and without a version.
            new Case("trivy/trivy-head-schema2-ubuntu-1804-affected.json", """
                    vulnerabilities:
                      - id: CVE-2019-18276
                        paths:
                          - "testdata/fixtures/images/*.tar.gz*"
                        statement: bash is never run with untrusted input
                        expired_at: 2026-12-31
                      - id: CVE-2019-5094
                        purls:
                          - "pkg:deb/ubuntu/libss2"
                          - "pkg:deb/ubuntu/libext2fs2@1.44.1-1ubuntu1.1"
                          - "pkg:deb/ubuntu/e2fsprogs@0.0.1"
                        statement: no untrusted file systems are mounted
                        expired_at: 2026-12-31
                      - id: CVE-2019-5094
                        paths:
                          - "some/other/image.tar"
                        expired_at: 2026-12-31
                    misconfigurations:
                      - id: AVD-DS-0002
                    """, """
                      - {id: W-1, vulnerability: CVE-2019-18276, package: bash, owner: team, reason: r, expires: "2026-12-31T00:00:00Z"}
                      - {id: W-2, vulnerability: CVE-2019-5094, package: libss2, owner: team, reason: r, expires: "2026-12-31T00:00:00Z"}
                      - {id: W-3, vulnerability: CVE-2019-5094, package: libext2fs2, owner: team, reason: r, expires: "2026-12-31T00:00:00Z"}
                    """, 3),
            // Language packages: their package paths, matched by globs.
            new Case("trivy/dd-scheme_2_many_vulns.json", """
                    vulnerabilities:
                      - id: CVE-2018-11771
                        paths: ["app/libs/commons-compress-*"]
                        statement: archives come from the build only
                        expired_at: 2026-09-01
                      - id: CVE-2020-28196
                        statement: kerberos is not used
                        expired_at: 2026-09-01
                      - id: CVE-2019-12900
                        paths: ["**/*.jar"]
                        expired_at: 2026-09-01
                    """, """
                      - {id: W-1, vulnerability: CVE-2018-11771, package: "org.apache.commons:commons-compress", owner: team, reason: r, expires: "2026-09-01T00:00:00Z"}
                      - {id: W-2, vulnerability: CVE-2020-28196, owner: team, reason: r, expires: "2026-09-01T00:00:00Z"}
                    """, 2));

    @TempDir
    Path dir;

    private static Path corpus(String name) {
        return Corpus.require().root().resolve(name);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @TestFactory
    Stream<DynamicTest> leavesOutWhatTheEquivalentWaiversLeaveOutInJava() {
        return CASES.stream()
                .map(c -> DynamicTest.dynamicTest(c.report(), () -> {
                    ScannerAdapters adapters = ScannerAdapters.load();
                    ScanReport trivy = adapters.read(ReportSource.of(corpus(c.report())));
                    ScanReport ignore = adapters.read(ReportSource.of(write(".trivyignore.yaml", c.ignoreFile())));
                    Policy gate = Policies.parse("gate.yaml", GATE);
                    Policy waived = Policies.parse("waived.yaml", GATE + "waivers:\n" + c.waivers());

                    Verdict imported =
                            PolicyEngine.of(gate).evaluate(ImageRecord.of(List.of(trivy, ignore)), Stage.BUILD, AT);
                    Verdict expected =
                            PolicyEngine.of(waived).evaluate(ImageRecord.of(List.of(trivy)), Stage.BUILD, AT);

                    assertThat(imported.violations()).isEqualTo(expected.violations());
                    assertThat(imported.outcome()).isEqualTo(expected.outcome());
                    assertThat(imported.actions()).isEqualTo(expected.actions());
                    assertThat(imported.waiversApplied().stream()
                                    .mapToInt(w -> w.findings().size())
                                    .sum())
                            .isEqualTo(c.waived());
                    assertThat(imported.waiversApplied())
                            .allSatisfy(w -> assertThat(w.origin()).isEqualTo(AppliedWaiver.Origin.IMPORTED));
                    assertThat(imported.nextChange().map(f -> f.at()))
                            .isEqualTo(expected.nextChange().map(f -> f.at()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> leavesOutWhatTheEquivalentWaiversLeaveOutThroughTheCli() {
        return CASES.stream()
                .map(c -> DynamicTest.dynamicTest(c.report(), () -> {
                    Path ignore = write(".trivyignore.yaml", c.ignoreFile());
                    Path gate = write("gate.yaml", GATE);
                    Path waived = write("waived.yaml", GATE + "waivers:\n" + c.waivers());

                    JsonNode imported = evaluate(gate, corpus(c.report()).toString(), ignore.toString());
                    JsonNode expected = evaluate(waived, corpus(c.report()).toString());

                    assertThat(imported.path("outcome")).isEqualTo(expected.path("outcome"));
                    assertThat(imported.path("violations")).isEqualTo(expected.path("violations"));
                    List<String> origins = new ArrayList<>();
                    imported.path("waivers")
                            .path("applied")
                            .forEach(w -> origins.add(w.path("origin").asText()));
                    assertThat(origins).isNotEmpty().containsOnly("IMPORTED");
                    assertThat(imported.path("waivers")
                                    .path("applied")
                                    .get(0)
                                    .path("lacks")
                                    .toString())
                            .isEqualTo("[\"owner\"]");
                }));
    }

    @Test
    void warnsAboutEachRuleOfAPlainTrivyignoreThatNeverExpires() throws IOException {
        Path ignore = write(".trivyignore", "# accepted\nCVE-2019-18276\nCVE-2019-5094 exp:2026-12-31\n");
        Path gate = write("gate.yaml", GATE);

        JsonNode verdict = evaluate(
                gate,
                corpus("trivy/trivy-head-schema2-ubuntu-1804-affected.json").toString(),
                ignore.toString());

        List<String> warnings = new ArrayList<>();
        verdict.path("violations").forEach(v -> {
            if (v.path("ruleId").asText().equals("imported-waivers")) {
                warnings.add(v.path("effect").asText() + " " + v.path("message").asText());
            }
        });
        assertThat(warnings)
                .containsExactly(
                        "WARN ignore rule .trivyignore:2 (CVE-2019-18276) never expires: it leaves 1 finding out"
                                + " for good; give it an expiry, or a waiver of the policy instead");
        assertThat(verdict.path("outcome").asText()).isEqualTo("WARN");
        assertThat(verdict.path("nextChange").path("reason").asText()).isEqualTo("ignore rule .trivyignore:3 expires");
    }

    @Test
    void parsesAnIgnoreFileAsAnAssessmentWithItsRules() throws IOException {
        Path ignore = write(".trivyignore.yaml", CASES.get(0).ignoreFile());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"parse", ignore.toString(), "--output", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        JsonNode report = JSON.readTree(out.toByteArray());
        assertThat(code).isZero();
        assertThat(report.path("kind").asText()).isEqualTo("ASSESSMENT");
        assertThat(report.path("format").path("adapter").asText()).isEqualTo("trivyignore");
        assertThat(report.path("counts").toString())
                .isEqualTo(
                        "{\"entries\":4,\"findings\":0,\"statements\":0,\"rules\":3,\"duplicates\":0,\"skipped\":1}");
        JsonNode second = report.path("ignoreRules").get(1);
        assertThat(second.path("id").asText()).isEqualTo(".trivyignore.yaml:7");
        assertThat(second.path("vulnerability").asText()).isEqualTo("CVE-2019-5094");
        assertThat(second.path("packageUrls")).hasSize(3);
        assertThat(second.path("expires").asText()).isEqualTo("2026-12-31T00:00:00Z");
        assertThat(second.path("location").path("text").asText())
                .endsWith(".trivyignore.yaml:7:5 (/vulnerabilities/1)");
    }

    @TestFactory
    Stream<DynamicTest> parsesEveryCorpusIgnoreFileThroughTheCli() {
        Corpus corpus = Corpus.require();
        return Stream.concat(corpus.files("trivyignore").stream(), corpus.files("grype-config").stream())
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int code = Main.run(
                            new String[] {"parse", file.path().toString(), "--output", "json"},
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
                    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
                    JsonNode report = JSON.readTree(out.toByteArray());
                    assertThat(report.path("kind").asText()).isEqualTo("ASSESSMENT");
                    assertThat(report.path("counts").path("entries").asInt()).isEqualTo(file.rawEntries());
                    assertThat(report.path("ignoreRules"))
                            .hasSize(report.path("counts").path("rules").asInt());
                }));
    }

    private static JsonNode evaluate(Path policy, String... reports) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "evaluate",
                "--stage",
                "build",
                "--at",
                AT.toString(),
                "--policy",
                policy.toString(),
                "--output",
                "json"));
        arguments.addAll(List.of(reports));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                arguments.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonNode verdict = JSON.readTree(out.toByteArray());
        assertThat(code)
                .as(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(verdict.path("outcome").asText().equals("FAIL") ? 1 : 0);
        return verdict;
    }
}
