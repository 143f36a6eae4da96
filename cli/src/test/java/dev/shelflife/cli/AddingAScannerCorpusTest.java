package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRecord;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.rule.SeverityGate;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Adding a scanner never hides a finding, on the corpus's Trivy and Grype reports of one Debian 10
 * image ({@code python:3.6}), and on reports made from Trivy's to be awkward for merging: a
 * distribution advisory over all the CVEs of each package version that has several, and Trivy's
 * findings again with one vendor id that every CVE of a package version shares (as Trivy writes an
 * Oracle {@code ELSA} into each CVE it covers). Every violation of the default policy about a
 * vulnerability, at each stage, and of a gate on every severity, is still there after the other
 * report is added, about the same CVEs, in the same package and version.
 */
class AddingAScannerCorpusTest {

    /** Both reports as if made the day the image was scanned; neither's own instant changes a verdict here. */
    private static final Instant SCANNED = Instant.parse("2021-05-01T00:00:00Z");

    private static final Instant AT = Instant.parse("2021-06-15T00:00:00Z");

    /**
     * The default policy blocks few of these findings (Trivy's are all unfixed); this one judges
     * every finding rated at least negligible, whatever its fix.
     */
    private static final Policy EVERY_SEVERITY = Policy.builder()
            .stage(Stage.BUILD, Mode.ENFORCE, SeverityGate.atLeast(Severity.NEGLIGIBLE))
            .build();

    private static ScanReport read(Corpus corpus, String name) {
        return corpus.files(name.substring(0, name.indexOf('/'))).stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .map(f -> ScannerAdapters.load().read(ReportSource.of(f.path())))
                .orElseThrow(() -> new AssertionError(name + " is not in the corpus manifest"))
                .withScannedAt(SCANNED);
    }

    private static Set<String> cves(Vulnerability vulnerability) {
        return Stream.concat(Stream.of(vulnerability.id()), vulnerability.aliases().stream())
                .filter(id -> id.regionMatches(true, 0, "CVE-", 0, 4))
                .map(id -> id.toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String packageVersion(Finding finding) {
        return finding.pkg().name() + "@" + finding.pkg().version().orElse("");
    }

    private static ScanReport made(String scanner, List<Finding> findings) {
        ScanReport.Builder report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of(scanner.toLowerCase(Locale.ROOT), "made-json", "1"),
                        ScannerTool.of(scanner, "1"))
                .scannedAt(SCANNED);
        findings.forEach(report::finding);
        return report.build();
    }

    /** An advisory over all the CVEs of each package version of the report that has two or more. */
    private static ScanReport advisories(ScanReport report) {
        Map<String, List<Finding>> byVersion = new LinkedHashMap<>();
        report.findings()
                .forEach(f -> byVersion
                        .computeIfAbsent(packageVersion(f), k -> new ArrayList<>())
                        .add(f));
        List<Finding> made = new ArrayList<>();
        int n = 0;
        for (List<Finding> findings : byVersion.values()) {
            Set<String> cves = findings.stream()
                    .flatMap(f -> cves(f.vulnerability()).stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (cves.size() > 1) {
                Vulnerability.Builder advisory =
                        Vulnerability.builder("DSA-9" + n++ + "-1").severity(Severity.CRITICAL);
                cves.forEach(advisory::alias);
                Finding first = findings.get(0);
                made.add(new Finding(advisory.build(), first.pkg(), Fix.fixed("99:0"), ""));
            }
        }
        return made("Advisories", made);
    }

    /** The report's findings again, each with one vendor id shared by every CVE of its package version. */
    private static ScanReport sharedVendorIds(ScanReport report) {
        List<Finding> made = report.findings().stream()
                .map(f -> {
                    Vulnerability v = f.vulnerability();
                    List<String> aliases = new ArrayList<>(v.aliases());
                    aliases.add("ELSA-" + packageVersion(f));
                    return new Finding(
                            new Vulnerability(
                                    v.id(),
                                    aliases,
                                    v.severity(),
                                    v.severitySource(),
                                    v.ratings(),
                                    v.published(),
                                    v.modified(),
                                    v.epss(),
                                    v.knownExploited(),
                                    v.title(),
                                    v.cwes(),
                                    v.primaryUrl()),
                            f.pkg(),
                            f.fix(),
                            f.target());
                })
                .toList();
        return made("VendorIds", made);
    }

    private record Violated(Stage stage, String rule, String pkg, String version, Set<String> cves) {}

    private static List<Violated> violated(Policy policy, List<ScanReport> reports) {
        PolicyEngine engine = PolicyEngine.of(policy);
        ImageRecord record = ImageRecord.of(reports);
        List<Violated> found = new ArrayList<>();
        for (Stage stage : policy.stages().keySet()) {
            for (Violation violation : engine.evaluate(record, stage, AT).violations()) {
                if (!violation.ruleId().equals("coverage") && violation.group().isPresent()) {
                    FindingGroup group = violation.group().get();
                    found.add(new Violated(
                            stage,
                            violation.ruleId(),
                            group.packageIdentity(),
                            group.version().orElse(""),
                            cves(group.finding().vulnerability())));
                }
            }
        }
        return found;
    }

    private static void assertAddingKeepsEveryViolation(List<ScanReport> before, ScanReport added) {
        List<ScanReport> after = new ArrayList<>(before);
        after.add(added);
        for (Policy policy : List.of(Policies.defaults(), EVERY_SEVERITY)) {
            List<Violated> was = violated(policy, before);
            List<Violated> is = violated(policy, after);
            if (policy == EVERY_SEVERITY) {
                assertThat(was).as("violations to keep").hasSizeGreaterThan(50);
            }
            assertThat(is)
                    .as(
                            "after adding %s to %s",
                            added.scanner(),
                            before.stream().map(ScanReport::scanner).toList())
                    .containsAll(was);
        }
        for (FindingGroup group :
                MergedFindings.of(PolicyEngine.latestPerScanner(after)).groups()) {
            Set<String> cves = cves(group.finding().vulnerability());
            assertThat(group.sightings())
                    .as("the sightings of %s", group.id())
                    .allSatisfy(
                            s -> assertThat(cves(s.finding().vulnerability())).isEqualTo(cves));
        }
    }

    @Test
    void keepsEveryViolationWhenGrypeIsAddedToTrivyOrTrivyToGrype() {
        Corpus corpus = Corpus.require();
        ScanReport trivy = read(corpus, "trivy/dd-legacy_many_vulns.json");
        ScanReport grype = read(corpus, "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json");

        assertAddingKeepsEveryViolation(List.of(trivy), grype);
        assertAddingKeepsEveryViolation(List.of(grype), trivy);
    }

    @Test
    void keepsEveryViolationWhenAReportOfAdvisoriesOverSeveralCvesIsAdded() {
        Corpus corpus = Corpus.require();
        ScanReport trivy = read(corpus, "trivy/dd-legacy_many_vulns.json");
        ScanReport grype = read(corpus, "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json");
        ScanReport advisories = advisories(grype);

        assertThat(advisories.findings()).as("advisories made").hasSizeGreaterThan(20);
        assertAddingKeepsEveryViolation(List.of(trivy), advisories(trivy));
        assertAddingKeepsEveryViolation(List.of(grype), advisories);
        assertAddingKeepsEveryViolation(List.of(trivy, grype), advisories);
    }

    @Test
    void keepsEveryViolationWhenAScannerThatGivesEveryCveOfAPackageOneVendorIdIsAdded() {
        Corpus corpus = Corpus.require();
        ScanReport trivy = read(corpus, "trivy/dd-legacy_many_vulns.json");
        ScanReport grype = read(corpus, "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json");

        assertAddingKeepsEveryViolation(List.of(trivy), sharedVendorIds(grype));
        assertAddingKeepsEveryViolation(List.of(grype), sharedVendorIds(grype));
        assertAddingKeepsEveryViolation(List.of(sharedVendorIds(trivy)), grype);
    }
}
