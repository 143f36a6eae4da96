package dev.shelflife.policy;

import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.IgnoreRule;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.rule.SeverityGate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The rules of ignore files, imported as waivers: what they take out, what they lack, when they expire. */
class ImportedRulesTest {

    private static final Instant AT = days(10);
    private static final Instant SCANNED = days(9);

    private static final Finding SETUPTOOLS = new Finding(
            Vulnerability.builder("CVE-2024-6345").severity(Severity.HIGH).build(),
            InstalledPackage.builder("setuptools")
                    .version("65.5.1")
                    .type("python-pkg")
                    .purl("pkg:pypi/setuptools@65.5.1")
                    .path("usr/local/lib/python3.12/site-packages/setuptools-65.5.1.dist-info/METADATA")
                    .build(),
            Fix.fixed("70.0.0"),
            "Python");
    private static final Finding LIBC = new Finding(
            Vulnerability.builder("CVE-2024-2961")
                    .severity(Severity.HIGH)
                    .alias("GHSA-xxxx-yyyy-zzzz")
                    .build(),
            InstalledPackage.builder("libc6")
                    .version("2.36-9+deb12u4")
                    .type("debian")
                    .purl("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5")
                    .build(),
            Fix.fixed("2.36-9+deb12u7"),
            "ghcr.io/acme/shop-api:1.4.2 (debian 12.5)");
    private static final Finding ZLIB = new Finding(
            Vulnerability.builder("CVE-2023-45853").severity(Severity.CRITICAL).build(),
            InstalledPackage.builder("zlib1g")
                    .version("1:1.2.13.dfsg-1")
                    .type("deb")
                    .purl("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64")
                    .build(),
            new Fix(FixState.WONT_FIX, List.of()),
            "ghcr.io/acme/shop-api:1.4.2 (debian 12.5)");

    private static final Policy GATE = Policy.builder()
            .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
            .build();

    private static ScanReport ignoreFile(IgnoreRule... rules) {
        ScanReport.Builder report = ScanReport.builder(
                EvidenceKind.ASSESSMENT,
                ReportFormat.of("trivyignore", "trivyignore-yaml", null),
                ScannerTool.of("Trivy", null));
        for (IgnoreRule rule : rules) {
            report.ignoreRule(rule);
        }
        return report.build();
    }

    private static IgnoreRule rule(int line, UnaryOperator<IgnoreRule.Builder> conditions) {
        return conditions
                .apply(IgnoreRule.builder(
                        ".trivyignore.yaml:" + line, new ReportLocation(".trivyignore.yaml", line, 5, "")))
                .build();
    }

    private static Verdict evaluate(Policy policy, ScanReport... ignoreFiles) {
        List<ScanReport> reports = new java.util.ArrayList<>(List.of(report("Trivy", SCANNED, SETUPTOOLS, LIBC, ZLIB)));
        reports.addAll(List.of(ignoreFiles));
        return PolicyEngine.of(policy).evaluate(Records.record(reports.toArray(ScanReport[]::new)), Stage.BUILD, AT);
    }

    private static List<String> violated(Verdict verdict) {
        return verdict.violations().stream()
                .filter(v -> v.ruleId().equals(SeverityGate.TYPE))
                .map(v -> v.vulnerabilityId().orElseThrow())
                .toList();
    }

    @Test
    void takesOutWhatARuleNamesAndListsItAsImportedWithWhatItLacks() {
        Verdict verdict = evaluate(GATE, ignoreFile(rule(2, r -> r.vulnerability("cve-2024-6345"))));

        assertThat(violated(verdict)).containsExactly("CVE-2024-2961", "CVE-2023-45853");
        assertThat(verdict.waiversApplied()).singleElement().satisfies(w -> {
            assertThat(w.id()).isEqualTo(".trivyignore.yaml:2");
            assertThat(w.origin()).isEqualTo(AppliedWaiver.Origin.IMPORTED);
            assertThat(w.findings()).containsExactly(SETUPTOOLS);
            assertThat(w.lacks())
                    .containsExactlyInAnyOrder(
                            ImportedWaivers.Part.OWNER, ImportedWaivers.Part.REASON, ImportedWaivers.Part.EXPIRY);
            assertThat(w.reason()).isEqualTo("no reason given (an ignore file's rule)");
        });
    }

    @Test
    void warnsOnceForEachAppliedRuleThatNeverExpiresAndNotForOneThatMatchesNothing() {
        Verdict verdict = evaluate(
                GATE,
                ignoreFile(
                        rule(2, r -> r.vulnerability("CVE-2024-6345")),
                        rule(3, r -> r.vulnerability("CVE-1999-0001"))));

        assertThat(verdict.violationsOf(ImportedRules.RULE_ID)).singleElement().satisfies(v -> {
            assertThat(v.effect()).isEqualTo(Effect.WARN);
            assertThat(v.message())
                    .isEqualTo("ignore rule .trivyignore.yaml:2 (CVE-2024-6345) never expires: it leaves 1 finding out"
                            + " for good; give it an expiry, or a waiver of the policy instead");
        });
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void putsAnExpiringRuleInTheForecastAndStopsApplyingItThen() {
        Instant expires = days(20);
        ScanReport file = ignoreFile(rule(
                2, r -> r.vulnerability("CVE-2024-6345").reason("not reachable").expires(expires)));

        Verdict verdict = evaluate(GATE, file);

        assertThat(verdict.violationsOf(ImportedRules.RULE_ID)).isEmpty();
        assertThat(verdict.nextChange()).hasValueSatisfying(change -> {
            assertThat(change.at()).isEqualTo(expires);
            assertThat(change.reason()).isEqualTo("ignore rule .trivyignore.yaml:2 expires");
        });
        Verdict after = PolicyEngine.of(GATE)
                .evaluate(Records.record(report("Trivy", SCANNED, SETUPTOOLS, LIBC, ZLIB), file), Stage.BUILD, expires);
        assertThat(after.waiversApplied()).isEmpty();
        assertThat(violated(after)).contains("CVE-2024-6345");
    }

    @Test
    void appliesNoRuleThatLacksWhatThePolicyRequiresAndSaysSo() {
        Policy strict = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
                .importedWaivers(
                        ImportedWaivers.applied().requiring(ImportedWaivers.Part.EXPIRY, ImportedWaivers.Part.REASON))
                .build();

        Verdict verdict = evaluate(
                strict,
                ignoreFile(
                        rule(2, r -> r.vulnerability("CVE-2024-6345")),
                        rule(
                                3,
                                r -> r.vulnerability("CVE-2024-2961")
                                        .reason("r")
                                        .expires(days(30)))));

        assertThat(violated(verdict)).containsExactly("CVE-2024-6345", "CVE-2023-45853");
        assertThat(verdict.waiversApplied()).extracting(AppliedWaiver::id).containsExactly(".trivyignore.yaml:3");
        assertThat(verdict.violationsOf(ImportedRules.RULE_ID))
                .extracting(Violation::message)
                .containsExactly("ignore rule .trivyignore.yaml:2 (CVE-2024-6345) is not applied: it lacks a reason and"
                        + " an expiry, which the policy's imported-waivers require, so the 1 finding it matches stay"
                        + " judged");
    }

    @Test
    void appliesNoImportedRuleWhenThePolicySaysSo() {
        Policy off = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
                .importedWaivers(ImportedWaivers.ignored())
                .build();

        Verdict verdict = evaluate(off, ignoreFile(rule(2, r -> r.vulnerability("CVE-2024-6345"))));

        assertThat(violated(verdict)).containsExactly("CVE-2024-6345", "CVE-2024-2961", "CVE-2023-45853");
        assertThat(verdict.waiversApplied()).isEmpty();
        assertThat(verdict.violations()).noneMatch(v -> v.ruleId().equals(ImportedRules.RULE_ID));
    }

    @Test
    void matchesPathGlobsAgainstThePackagePathOrTheTarget() {
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.path("**/site-packages/**"))))))
                .containsExactly("CVE-2024-2961", "CVE-2023-45853");
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.path("/usr/local/lib/**"))))))
                .as("Grype's absolute paths name the files Trivy names relative to the root")
                .containsExactly("CVE-2024-2961", "CVE-2023-45853");
        assertThat(violated(evaluate(
                        GATE,
                        ignoreFile(rule(2, r -> r.vulnerability("CVE-2024-6345").path("Pyth?n"))))))
                .as("the target")
                .containsExactly("CVE-2024-2961", "CVE-2023-45853");
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.path("usr/*/METADATA"))))))
                .as("* stays within a segment")
                .hasSize(3);
    }

    @Test
    void matchesPackageUrlsWithAndWithoutVersionAndWithTheirQualifiers() {
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.packageUrl("pkg:pypi/setuptools"))))))
                .as("versionless: every version")
                .containsExactly("CVE-2024-2961", "CVE-2023-45853");
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.packageUrl("pkg:pypi/setuptools@65.5.0"))))))
                .hasSize(3);
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.packageUrl("pkg:deb/debian/libc6?arch=amd64"))))))
                .containsExactly("CVE-2024-6345", "CVE-2023-45853");
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.packageUrl("pkg:deb/debian/libc6?arch=arm64"))))))
                .hasSize(3);
    }

    @Test
    void matchesGrypesPackageNamePatternTypeVersionAndFixState() {
        assertThat(violated(evaluate(
                        GATE, ignoreFile(rule(2, r -> r.packageName("lib.*").packageType("deb"))))))
                .as("a regular expression of the whole name; the type of the package URL")
                .containsExactly("CVE-2024-6345", "CVE-2023-45853");
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.packageName("lib"))))))
                .hasSize(3);
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.fixState(FixState.WONT_FIX))))))
                .containsExactly("CVE-2024-6345", "CVE-2024-2961");
        assertThat(violated(evaluate(
                        GATE,
                        ignoreFile(rule(2, r -> r.packageName("setuptools").packageVersion("65.5.1"))))))
                .containsExactly("CVE-2024-2961", "CVE-2023-45853");
        assertThat(violated(evaluate(GATE, ignoreFile(rule(2, r -> r.vulnerability("GHSA-XXXX-YYYY-ZZZZ"))))))
                .as("an alias")
                .containsExactly("CVE-2024-6345", "CVE-2023-45853");
    }

    @Test
    void matchesAVexStatusThatAStatementOfTheRecordGivesTheFinding() {
        VexStatement triage = new VexStatement(
                "CVE-2023-45853",
                List.of(),
                List.of(),
                VexStatement.State.IN_TRIAGE,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty());
        ScanReport vex = ScanReport.builder(
                        EvidenceKind.ASSESSMENT,
                        ReportFormat.of("openvex", "openvex", null),
                        ScannerTool.of("vexctl", null))
                .statement(triage)
                .build();

        Verdict verdict = evaluate(GATE, vex, ignoreFile(rule(2, r -> r.vexStatus("under_investigation"))));

        assertThat(violated(verdict)).containsExactly("CVE-2024-6345", "CVE-2024-2961");
    }

    @Test
    void takesOutTheSameFindingsAsTheEquivalentWaiversOfThePolicy() {
        Instant expires = days(60);
        ScanReport file = ignoreFile(
                rule(
                        2,
                        r -> r.vulnerability("CVE-2024-6345")
                                .path("**/site-packages/**")
                                .reason("build only")
                                .expires(expires)),
                rule(
                        5,
                        r -> r.vulnerability("CVE-2024-2961")
                                .packageUrl("pkg:deb/debian/libc6")
                                .reason("no iconv")
                                .expires(expires)));
        Policy withWaivers = Policy.builder()
                .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.HIGH))
                .waiver(Waiver.builder("W-1")
                        .vulnerability("CVE-2024-6345")
                        .pkg("setuptools")
                        .owner("o")
                        .reason("build only")
                        .expires(expires)
                        .build())
                .waiver(Waiver.builder("W-2")
                        .vulnerability("CVE-2024-2961")
                        .pkg("pkg:deb/debian/libc6")
                        .owner("o")
                        .reason("no iconv")
                        .expires(expires)
                        .build())
                .build();

        Verdict imported = evaluate(GATE, file);
        Verdict waived = evaluate(withWaivers);

        assertThat(imported.violations()).isEqualTo(waived.violations());
        assertThat(imported.outcome()).isEqualTo(waived.outcome());
        assertThat(imported.actions()).isEqualTo(waived.actions());
        assertThat(imported.waiversApplied())
                .extracting(AppliedWaiver::findings)
                .isEqualTo(waived.waiversApplied().stream()
                        .map(AppliedWaiver::findings)
                        .toList());
        assertThat(imported.nextChange().map(Forecast::at))
                .isEqualTo(waived.nextChange().map(Forecast::at));
    }

    @Test
    void readsImportedWaiversFromAPolicyFileStrictly() {
        Policy policy = Policies.parse("p.yaml", """
                stages:
                  build: {mode: enforce}
                imported-waivers:
                  apply: true
                  require: [reason, expiry]
                """);
        assertThat(policy.importedWaivers())
                .isEqualTo(new ImportedWaivers(true, Set.of(ImportedWaivers.Part.REASON, ImportedWaivers.Part.EXPIRY)));
        assertThat(Policies.parse("p.yaml", "stages:\n  build: {mode: enforce}\n")
                        .importedWaivers())
                .isEqualTo(ImportedWaivers.applied());
        assertThatThrownBy(() -> Policies.parse("p.yaml", """
                        stages:
                          build: {mode: enforce}
                        imported-waivers:
                          apply: yes
                          require: [owner, when]
                          owner: me
                        """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("p.yaml:4:10")
                .hasMessageContaining("expected true or false, got \"yes\"")
                .hasMessageContaining("p.yaml:5:20")
                .hasMessageContaining("unknown part of a waiver \"when\"; expected one of: owner, reason, expiry")
                .hasMessageContaining("p.yaml:6:3")
                .hasMessageContaining("unknown key \"owner\" in imported-waivers; expected one of: apply, require");
    }
}
