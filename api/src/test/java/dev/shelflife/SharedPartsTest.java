package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedPartsTest {

    private static final Instant PUBLISHED = Instant.parse("2024-03-01T10:00:00Z");

    /** A vulnerability built from fresh strings, as a parser hands them over for every entry. */
    private static Vulnerability vulnerability(String id, String vector) {
        return Vulnerability.builder(new String(id))
                .severity(Severity.HIGH)
                .severitySource(new String("nvd"))
                .rating(Rating.of(new String("nvd"), Severity.HIGH, 7.5, new String(vector)))
                .published(Instant.ofEpochSecond(PUBLISHED.getEpochSecond()))
                .title(new String("a title"))
                .cwe(new String("CWE-79"))
                .build();
    }

    private static Finding finding(String id, String pkg, String target) {
        return new Finding(
                vulnerability(id, "CVSS:3.1/AV:N"),
                InstalledPackage.builder(new String(pkg))
                        .version(new String("1.0"))
                        .type(new String("npm"))
                        .build(),
                Fix.fixed(new String("1.1")),
                new String(target));
    }

    @Test
    void equalPartsOfDifferentFindingsAreOneObject() {
        SharedParts shared = new SharedParts();
        Finding first = shared.share(finding("CVE-2024-1", "lodash", "app/package-lock.json"));
        Finding second = shared.share(finding("CVE-2024-1", "lodash", "web/package-lock.json"));

        assertThat(second.vulnerability()).isSameAs(first.vulnerability());
        assertThat(second.pkg()).isSameAs(first.pkg());
        assertThat(second.fix()).isSameAs(first.fix());
        assertThat(second.target()).isNotEqualTo(first.target());
    }

    @Test
    void aSharedFindingEqualsTheFindingAsRead() {
        SharedParts shared = new SharedParts();
        shared.share(finding("CVE-2024-1", "lodash", "app"));
        Finding read = finding("CVE-2024-2", "lodash", "app");

        Finding kept = shared.share(read);

        assertThat(kept).isEqualTo(read).hasSameHashCodeAs(read);
        assertThat(kept.pkg()).isNotSameAs(read.pkg());
    }

    @Test
    void differentVulnerabilitiesShareTheirEqualRatingsStringsAndDates() {
        SharedParts shared = new SharedParts();
        Vulnerability first = shared.share(finding("CVE-2024-1", "a", "t")).vulnerability();
        Vulnerability second = shared.share(finding("CVE-2024-2", "b", "t")).vulnerability();

        assertThat(second).isNotSameAs(first);
        assertThat(second.ratings().get(0)).isSameAs(first.ratings().get(0));
        assertThat(second.severitySource().orElseThrow())
                .isSameAs(first.severitySource().orElseThrow());
        assertThat(second.published()).isSameAs(first.published());
        assertThat(second.title()).isSameAs(first.title());
        assertThat(second.cwes()).isSameAs(first.cwes());
    }

    @Test
    void partsEqualInSomeFieldsOnlyStayApart() {
        SharedParts shared = new SharedParts();
        Vulnerability nvd = shared.share(new Finding(
                        vulnerability("CVE-2024-1", "CVSS:3.1/AV:N"),
                        InstalledPackage.of("a", "1"),
                        Fix.of(FixState.NOT_FIXED),
                        "t"))
                .vulnerability();
        Vulnerability local = shared.share(new Finding(
                        vulnerability("CVE-2024-1", "CVSS:3.1/AV:L"),
                        InstalledPackage.of("a", "2"),
                        Fix.of(FixState.NOT_FIXED),
                        "t"))
                .vulnerability();

        assertThat(local).isNotEqualTo(nvd);
        assertThat(local.ratings().get(0).vector()).contains("CVSS:3.1/AV:L");
    }

    @Test
    void aReportOfManyFindingsKeepsEveryDistinctOneAndCountsExactDuplicates() {
        ScanReport.Builder builder = ScanReport.builder(
                EvidenceKind.SCAN, ReportFormat.of("trivy", "Trivy", "2"), ScannerTool.of("trivy", "0.50.0"));
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < 3_000; i++) {
                builder.finding(finding("CVE-2024-" + (i % 40), "pkg" + (i % 70), "target" + i));
            }
        }
        ScanReport report = builder.build();

        assertThat(report.findings()).hasSize(3_000);
        assertThat(report.counts().duplicates()).isEqualTo(3_000);
        assertThat(report.findings().get(2_999))
                .isEqualTo(finding("CVE-2024-" + (2_999 % 40), "pkg" + (2_999 % 70), "target2999"));
        assertThat(report.findings().get(40).vulnerability())
                .isSameAs(report.findings().get(0).vulnerability());
        assertThat(report.findings().get(70).pkg())
                .isSameAs(report.findings().get(0).pkg());
    }

    @Test
    void aFindingWhosePartsRepeatNothingIsKeptAsItIs() {
        SharedParts shared = new SharedParts();
        Finding read = finding("CVE-2024-1", "lodash", "app");

        assertThat(shared.share(read)).isSameAs(read);
    }

    @Test
    void manyVulnerabilitiesOfOneIdDifferingElsewhereStayDistinct() {
        SharedParts shared = new SharedParts();
        for (int i = 0; i < 2_000; i++) {
            Vulnerability read = Vulnerability.builder("CVE-2024-1")
                    .severity(Severity.HIGH)
                    .title("title " + i)
                    .build();
            Finding kept =
                    shared.share(new Finding(read, InstalledPackage.of("a", "1"), Fix.of(FixState.NOT_FIXED), "t"));

            assertThat(kept.vulnerability()).isEqualTo(read);
        }
    }
}
