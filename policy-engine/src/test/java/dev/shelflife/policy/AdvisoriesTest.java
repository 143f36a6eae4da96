package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.merge.BaselineDiff;
import dev.shelflife.policy.merge.Disagreement;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.merge.SeverityRule;
import dev.shelflife.policy.rule.RemediationSla;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An advisory that covers several CVEs (Oracle's {@code ELSA-…}, Red Hat's {@code RHSA-…}, a GHSA
 * that lists two CVEs) is not an alias of each of them: adding the scanner that reports it never
 * merges, waives or dates the CVEs another scanner reports one by one. The pair here is shaped
 * like a Trivy and a Grype report of an Oracle Linux 8 image: Trivy reports three gnutls CVEs,
 * Grype one advisory whose related vulnerabilities are those three.
 */
class AdvisoriesTest {

    private static final String ELSA = "ELSA-2022-9221";
    private static final List<String> GNUTLS_CVES = List.of("CVE-2022-2509", "CVE-2021-4209", "CVE-2022-3204");
    private static final String INSTALLED = "3.6.16-4.el8";
    private static final String FIXED = "3.6.16-5.el8_6";
    private static final Instant AT = days(10);

    private static InstalledPackage gnutls(String type, String namespace) {
        return InstalledPackage.builder("gnutls")
                .version(INSTALLED)
                .type(type)
                .purl("pkg:rpm/" + namespace + "/gnutls@" + INSTALLED + "?arch=x86_64&distro=ol-8.6")
                .build();
    }

    /** Trivy's finding of one CVE, with the advisory among its vendor ids when {@code vendorIds}. */
    private static Finding trivy(String cve, boolean vendorIds) {
        Vulnerability.Builder vulnerability =
                Vulnerability.builder(cve).severity(Severity.HIGH).severitySource("oracle-oval");
        if (vendorIds) {
            vulnerability.alias(ELSA);
        }
        return new Finding(vulnerability.build(), gnutls("oracle", "oracle"), Fix.fixed(FIXED), "");
    }

    private static Finding grypeAdvisory() {
        Vulnerability.Builder vulnerability =
                Vulnerability.builder(ELSA).severity(Severity.HIGH).severitySource("oracle:distro:oraclelinux:8");
        GNUTLS_CVES.forEach(vulnerability::alias);
        return new Finding(vulnerability.build(), gnutls("rpm", "ol"), Fix.fixed(FIXED), "");
    }

    private static ScanReport trivyReport(Instant at, boolean vendorIds) {
        return report(
                "Trivy",
                at,
                GNUTLS_CVES.stream().map(cve -> trivy(cve, vendorIds)).toArray(Finding[]::new));
    }

    private static ScanReport grypeReport(Instant at) {
        return report("Grype", at, grypeAdvisory());
    }

    private static Verdict build(Policy policy, ScanReport... reports) {
        return PolicyEngine.of(policy).evaluate(Records.record(reports), Stage.BUILD, AT);
    }

    private static Policy defaultsWith(Waiver... waivers) {
        return new Policy(Policies.defaults().stages(), List.of(waivers));
    }

    private static Waiver waiver(String id, String vulnerability) {
        return Waiver.builder(id)
                .vulnerability(vulnerability)
                .owner("platform")
                .reason("accepted until the next base image")
                .expires(days(100))
                .build();
    }

    private static List<String> violated(Verdict verdict) {
        return verdict.violations().stream()
                .filter(v -> v.ruleId().equals("severity-gate"))
                .map(v -> v.vulnerabilityId().orElseThrow())
                .toList();
    }

    @Test
    void keepsEachCveAGroupAndTheAdvisoryAGroupOfItsOwnWhenGrypeIsAdded() {
        MergedFindings trivyAlone = MergedFindings.of(List.of(trivyReport(T0, false)));
        MergedFindings both = MergedFindings.of(List.of(trivyReport(T0, false), grypeReport(T0)));

        assertThat(trivyAlone.groups()).extracting(FindingGroup::id).containsExactlyElementsOf(GNUTLS_CVES);
        assertThat(both.groups())
                .extracting(FindingGroup::id, g -> g.finding().vulnerability().aliases(), FindingGroup::scanners)
                .containsExactly(
                        tuple("CVE-2022-2509", List.of(), List.of("Trivy")),
                        tuple("CVE-2021-4209", List.of(), List.of("Trivy")),
                        tuple("CVE-2022-3204", List.of(), List.of("Trivy")),
                        tuple(ELSA, GNUTLS_CVES, List.of("Grype")));
        assertThat(both.disagreements())
                .as("Grype reported each CVE under its advisory, and Trivy each of the advisory's CVEs")
                .isEmpty();
    }

    @Test
    void keepsTrivysCvesApartWhenEachCarriesTheAdvisoryAsAVendorId() {
        MergedFindings trivyAlone = MergedFindings.of(List.of(trivyReport(T0, true)));
        MergedFindings both = MergedFindings.of(List.of(trivyReport(T0, true), grypeReport(T0)));

        assertThat(trivyAlone.groups())
                .extracting(FindingGroup::id, g -> g.finding().vulnerability().aliases())
                .containsExactly(
                        tuple("CVE-2022-2509", List.of(ELSA)),
                        tuple("CVE-2021-4209", List.of(ELSA)),
                        tuple("CVE-2022-3204", List.of(ELSA)));
        assertThat(both.groups())
                .extracting(FindingGroup::id)
                .containsExactly("CVE-2022-2509", "CVE-2021-4209", "CVE-2022-3204", ELSA);
    }

    @Test
    void reportsAnAdvisoryCveThatTheOtherScannerMissedAsOneScannerOnly() {
        ScanReport trivyTwo = report("Trivy", T0, trivy("CVE-2022-2509", false), trivy("CVE-2021-4209", false));

        MergedFindings merged = MergedFindings.of(List.of(trivyTwo, grypeReport(T0)));

        assertThat(merged.disagreements())
                .extracting(Disagreement::kind, Disagreement::message)
                .containsExactly(tuple(
                        Disagreement.Kind.ONE_SCANNER_ONLY,
                        ELSA + " in gnutls " + INSTALLED + ": reported by Grype only, not by Trivy"));
    }

    @Test
    void keepsAGhsaThatListsTwoCvesApartFromEachAndStillJoinsAGhsaOfOneCve() {
        InstalledPackage pkg = InstalledPackage.builder("setuptools")
                .version("69.0.3")
                .purl("pkg:pypi/setuptools@69.0.3")
                .build();
        Finding cve = new Finding(Vulnerability.builder("CVE-2024-6345").build(), pkg, Fix.fixed("70.0.0"), "");
        Finding other = new Finding(Vulnerability.builder("CVE-2024-0001").build(), pkg, Fix.fixed("70.0.0"), "");
        Finding ghsaOfOne = new Finding(
                Vulnerability.builder("GHSA-cx63-2mw6-8hw5")
                        .alias("CVE-2024-6345")
                        .build(),
                pkg,
                Fix.fixed("70.0.0"),
                "");
        Finding ghsaOfTwo = new Finding(
                Vulnerability.builder("GHSA-xxxx-yyyy-zzzz")
                        .alias("CVE-2024-6345")
                        .alias("CVE-2024-0001")
                        .build(),
                pkg,
                Fix.fixed("70.0.0"),
                "");

        MergedFindings merged =
                MergedFindings.of(List.of(report("Trivy", T0, cve, other), report("Grype", T0, ghsaOfOne, ghsaOfTwo)));

        assertThat(merged.groups())
                .extracting(FindingGroup::id, g -> g.sightings().size())
                .containsExactly(tuple("CVE-2024-6345", 2), tuple("CVE-2024-0001", 1), tuple("GHSA-xxxx-yyyy-zzzz", 1));
    }

    @Test
    void givesTheDefaultPolicyEveryCveViolationOfTrivyAloneAndTheAdvisoryBeside() {
        assertThat(violated(build(Policies.defaults(), trivyReport(T0, false)))).containsExactlyElementsOf(GNUTLS_CVES);
        assertThat(violated(build(Policies.defaults(), trivyReport(T0, false), grypeReport(T0))))
                .containsExactly("CVE-2022-2509", "CVE-2021-4209", "CVE-2022-3204", ELSA);
        assertThat(violated(build(Policies.defaults(), trivyReport(T0, true), grypeReport(T0))))
                .containsExactly("CVE-2022-2509", "CVE-2021-4209", "CVE-2022-3204", ELSA);
    }

    @Test
    void letsAWaiverForOneCveWaiveThatCveOnlyAndNotTheAdvisoryThatCoversOthers() {
        Verdict verdict = build(defaultsWith(waiver("SEC-1", "cve-2022-2509")), trivyReport(T0, true), grypeReport(T0));

        assertThat(violated(verdict)).containsExactly("CVE-2021-4209", "CVE-2022-3204", ELSA);
        assertThat(verdict.waiversApplied())
                .singleElement()
                .satisfies(applied -> assertThat(applied.findings())
                        .extracting(f -> f.vulnerability().id())
                        .containsExactly("CVE-2022-2509"));
    }

    @Test
    void takesTheAdvisoryOutWhenEachOfItsCvesIsWaived() {
        Verdict verdict = build(
                defaultsWith(
                        waiver("SEC-1", "CVE-2022-2509"),
                        waiver("SEC-2", "CVE-2021-4209"),
                        waiver("SEC-3", "CVE-2022-3204")),
                trivyReport(T0, false),
                grypeReport(T0));

        assertThat(violated(verdict)).isEmpty();
        assertThat(verdict.waiversApplied())
                .extracting(
                        AppliedWaiver::id,
                        a -> a.findings().stream()
                                .map(f -> f.vulnerability().id())
                                .toList())
                .containsExactly(
                        tuple("SEC-1", List.of("CVE-2022-2509", ELSA)),
                        tuple("SEC-2", List.of("CVE-2021-4209", ELSA)),
                        tuple("SEC-3", List.of("CVE-2022-3204", ELSA)));
    }

    @Test
    void letsAWaiverForTheAdvisoryWaiveTheAdvisoryAndTheFindingsThatNameIt() {
        assertThat(violated(build(defaultsWith(waiver("SEC-1", ELSA)), trivyReport(T0, false), grypeReport(T0))))
                .containsExactlyElementsOf(GNUTLS_CVES);
        assertThat(violated(build(defaultsWith(waiver("SEC-1", ELSA)), trivyReport(T0, true), grypeReport(T0))))
                .isEmpty();
    }

    @Test
    void letsAVexStatementAboutOneCveSuppressThatCveOnly() {
        VexStatement statement = new VexStatement(
                "CVE-2022-2509",
                List.of(ELSA),
                List.of(),
                VexStatement.State.NOT_AFFECTED,
                Optional.of("vulnerable_code_not_in_execute_path"),
                List.of(),
                Optional.empty(),
                Optional.empty());
        ImageRecord record = Records.record(trivyReport(T0, true), grypeReport(T0));
        ImageRecord withVex = new ImageRecord(record.image(), record.reports(), List.of(statement), Optional.empty());

        Verdict verdict = PolicyEngine.of(Policies.defaults()).evaluate(withVex, Stage.BUILD, AT);

        assertThat(violated(verdict)).containsExactly("CVE-2021-4209", "CVE-2022-3204", ELSA);
    }

    @Test
    void neverBorrowsAFixClockFromAnotherCveThroughTheAdvisoryId() {
        // Trivy saw CVE-2022-2509 fixable on day 0, and the advisory's two other CVEs only from day 20.
        ScanReport dayZero = report("Trivy", T0, trivy("CVE-2022-2509", true));
        ScanReport dayTwenty = report(
                "Trivy",
                days(20),
                GNUTLS_CVES.stream().map(cve -> trivy(cve, true)).toArray(Finding[]::new));
        Policy sla = Policy.builder()
                .stage(
                        Stage.DEPLOY,
                        Mode.ENFORCE,
                        RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                                .from(DeadlineClock.FIX_AVAILABLE)
                                .fixStates(Set.of(FixState.FIXED)))
                .build();

        Verdict verdict = PolicyEngine.of(sla).evaluate(Records.record(dayZero, dayTwenty), Stage.DEPLOY, days(35));

        assertThat(verdict.violations())
                .extracting(
                        v -> v.vulnerabilityId().orElseThrow(),
                        v -> v.clockValue().orElseThrow())
                .containsExactly(tuple("CVE-2022-2509", T0));
        assertThat(verdict.nextChange())
                .hasValueSatisfying(next -> assertThat(next.at()).isEqualTo(days(50)));
    }

    @Test
    void comparesWithABaselineByCveAndNotByTheAdvisoryIdTheFindingsShare() {
        ScanReport baseline = report("Trivy", T0, trivy("CVE-2022-2509", true));
        ScanReport current = report("Trivy", days(1), trivy("CVE-2022-2509", true), trivy("CVE-2021-4209", true));

        BaselineDiff diff = BaselineDiff.between(List.of(baseline), List.of(current), SeverityRule.HIGHEST);

        assertThat(diff.entries())
                .extracting(BaselineDiff.Entry::status, e -> e.group().id())
                .containsExactly(
                        tuple(BaselineDiff.Status.EXISTING, "CVE-2022-2509"),
                        tuple(BaselineDiff.Status.NEWLY_DISCLOSED, "CVE-2021-4209"));
        BaselineDiff back = BaselineDiff.between(List.of(current), List.of(baseline), SeverityRule.HIGHEST);
        assertThat(back.entries(BaselineDiff.Status.FIXED))
                .extracting(e -> e.group().id())
                .containsExactly("CVE-2021-4209");
    }
}
