package dev.shelflife.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Artifact;
import dev.shelflife.Epss;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import dev.shelflife.spi.ReportSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedsTest {

    private static final KevCatalog KEV =
            KevCatalog.read(ReportSource.of("kev.json", """
            {"catalogVersion": "2025.08.25", "dateReleased": "2025-08-25T17:04:19.9796Z", "count": 3, "vulnerabilities": [
             {"cveID": "CVE-2021-44228", "dateAdded": "2021-12-10", "dueDate": "2021-12-24", "knownRansomwareCampaignUse": "Known"},
             {"cveID": "CVE-2021-45046", "dateAdded": "2023-05-01", "dueDate": "2023-05-22"},
             {"cveID": "CVE-2023-4911", "dateAdded": "2023-11-21", "dueDate": "2023-12-12"}]}
            """.getBytes(StandardCharsets.UTF_8)));
    private static final EpssScores EPSS =
            EpssScores.read(ReportSource.of("epss.csv", """
            #model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000
            cve,epss,percentile
            CVE-2021-44228,0.94358,0.99957
            CVE-2021-45046,0.94,0.999
            CVE-2023-4911,0.71384,0.98612
            """.getBytes(StandardCharsets.UTF_8)));
    private static final Feeds FEEDS = Feeds.none().withKev(KEV).withEpss(EPSS);
    private static final LocalDate FEED_DAY = LocalDate.of(2025, 8, 25);

    private static Finding finding(Vulnerability vulnerability) {
        return new Finding(vulnerability, InstalledPackage.of("log4j-core", "2.14.1"), Fix.fixed("2.17.1"), "Java");
    }

    @Test
    void enrichesByIdAndByAliasIgnoringCase() {
        Vulnerability byId = FEEDS.apply(
                Vulnerability.builder("cve-2023-4911").severity(Severity.HIGH).build());
        Vulnerability byAlias = FEEDS.apply(Vulnerability.builder("GHSA-jfh8-c2jp-5v3q")
                .alias("CVE-2021-44228")
                .build());

        assertThat(byId.knownExploited())
                .contains(new KnownExploited(
                        "cisa-kev",
                        Optional.of(LocalDate.of(2023, 11, 21)),
                        Optional.of(LocalDate.of(2023, 12, 12)),
                        Optional.empty()));
        assertThat(byId.epss()).contains(new Epss(0.71384, 0.98612, Optional.of(FEED_DAY)));
        assertThat(byId.severity()).isEqualTo(Severity.HIGH);
        assertThat(byAlias.knownExploited()).map(KnownExploited::ransomware).contains(Optional.of(true));
        assertThat(byAlias.epss()).map(Epss::score).contains(0.94358);
    }

    @Test
    void takesTheEarliestDueDateAndTheHighestScoreOfSeveralCves() {
        Vulnerability both = FEEDS.apply(Vulnerability.builder("GHSA-7rjr-3q55-vv33")
                .alias("CVE-2021-45046")
                .alias("CVE-2021-44228")
                .build());

        assertThat(both.knownExploited()).flatMap(KnownExploited::dueDate).contains(LocalDate.of(2021, 12, 24));
        assertThat(both.epss()).map(Epss::score).contains(0.94358);
    }

    @Test
    void letsTheCatalogReplaceTheReportsListingButKeepsOnesItLacks() {
        KnownExploited scannerSaid = new KnownExploited(
                "cisa-kev", Optional.of(LocalDate.of(2021, 12, 10)), Optional.empty(), Optional.empty());
        Vulnerability listedInBoth = Vulnerability.builder("CVE-2021-44228")
                .knownExploited(scannerSaid)
                .build();
        Vulnerability onlyTheScanner = Vulnerability.builder("CVE-2025-99999")
                .knownExploited(scannerSaid)
                .build();

        assertThat(FEEDS.apply(listedInBoth).knownExploited())
                .flatMap(KnownExploited::dueDate)
                .contains(LocalDate.of(2021, 12, 24));
        assertThat(FEEDS.apply(onlyTheScanner)).isSameAs(onlyTheScanner);
    }

    @Test
    void keepsTheNewerEpssScore() {
        Epss newer = new Epss(0.5, 0.9, Optional.of(FEED_DAY.plusDays(1)));
        Epss older = new Epss(0.5, 0.9, Optional.of(FEED_DAY.minusDays(1)));
        Epss sameDay = new Epss(0.5, 0.9, Optional.of(FEED_DAY));
        Epss undated = new Epss(0.5, 0.9, Optional.empty());

        assertThat(FEEDS.apply(Vulnerability.builder("CVE-2023-4911")
                                .epss(newer)
                                .build())
                        .epss())
                .contains(newer);
        assertThat(FEEDS.apply(Vulnerability.builder("CVE-2023-4911")
                                .epss(older)
                                .build())
                        .epss())
                .map(Epss::score)
                .contains(0.71384);
        assertThat(FEEDS.apply(Vulnerability.builder("CVE-2023-4911")
                                .epss(sameDay)
                                .build())
                        .epss())
                .map(Epss::score)
                .contains(0.71384);
        assertThat(FEEDS.apply(Vulnerability.builder("CVE-2023-4911")
                                .epss(undated)
                                .build())
                        .epss())
                .map(Epss::score)
                .contains(0.71384);
    }

    @Test
    void leavesVulnerabilitiesWithoutACveAsTheyAre() {
        Vulnerability distroOnly =
                Vulnerability.builder("DSA-5514-1").alias("GHSA-xxxx").build();

        assertThat(FEEDS.apply(distroOnly)).isSameAs(distroOnly);
        assertThat(Feeds.none()
                        .apply(Vulnerability.builder("CVE-2023-4911").build())
                        .knownExploited())
                .isEmpty();
    }

    @Test
    void enrichesEveryReportOfARecordAndKeepsEverythingElse() {
        ScanReport report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.58.1"))
                .artifact(new Artifact("app:1", Artifact.Type.CONTAINER_IMAGE))
                .scannedAt(Instant.parse("2025-08-25T06:00:00Z"))
                .finding(finding(Vulnerability.builder("CVE-2021-44228")
                        .severity(Severity.CRITICAL)
                        .build()))
                .finding(finding(Vulnerability.builder("CVE-2021-44228")
                        .severity(Severity.CRITICAL)
                        .build()))
                .finding(finding(Vulnerability.builder("DSA-1").build()))
                .skipped("broken entry", ReportLocation.of("trivy.json"))
                .build();
        ImageRecord record = ImageRecord.of(List.of(report)).withDeployedSince(Instant.parse("2025-08-01T00:00:00Z"));

        ImageRecord enriched = FEEDS.apply(record);

        ScanReport after = enriched.reports().get(0);
        assertThat(after.counts()).isEqualTo(report.counts());
        assertThat(after.problems()).isEqualTo(report.problems());
        assertThat(after.scannedAt()).isEqualTo(report.scannedAt());
        assertThat(after.findings())
                .extracting(f -> f.vulnerability().knownExploited().isPresent())
                .containsExactly(true, false);
        assertThat(enriched.deployedSince()).isEqualTo(record.deployedSince());
        assertThat(enriched.image()).isEqualTo(record.image());
    }

    private static ScanReport reportOf(String... ids) {
        ScanReport.Builder builder = ScanReport.builder(
                EvidenceKind.SCAN, ReportFormat.of("trivy", "trivy-json", "2"), ScannerTool.of("Trivy", "0.58.1"));
        for (int i = 0; i < ids.length; i++) {
            builder.finding(new Finding(
                    Vulnerability.builder(ids[i]).severity(Severity.HIGH).build(),
                    InstalledPackage.of("pkg-" + i, "1.0"),
                    Fix.fixed("1.1"),
                    "Java"));
        }
        return builder.build();
    }

    @Test
    void givesBackTheVeryRecordAndReportWhenTheFeedsChangeNothing() {
        ScanReport report = reportOf("CVE-2021-44228", "DSA-1");
        ImageRecord record = ImageRecord.of(List.of(report));
        ScanReport unlisted = reportOf("CVE-2099-0001", "DSA-1");

        assertThat(Feeds.none().isEmpty()).isTrue();
        assertThat(FEEDS.isEmpty()).isFalse();
        assertThat(Feeds.none().apply(record)).isSameAs(record);
        assertThat(Feeds.none().apply(report)).isSameAs(report);
        assertThat(FEEDS.apply(unlisted)).isSameAs(unlisted);
        assertThat(FEEDS.apply(ImageRecord.of(List.of(unlisted))).reports().get(0))
                .isSameAs(unlisted);
    }

    @Test
    void findingsOfOneVulnerabilityShareItsEnrichedCopy() {
        ScanReport report = reportOf("CVE-2021-44228", "CVE-2021-44228", "CVE-2023-4911");
        assertThat(report.findings().get(1).vulnerability())
                .isSameAs(report.findings().get(0).vulnerability());

        List<Finding> enriched = FEEDS.apply(report).findings();

        assertThat(enriched.get(0).vulnerability().knownExploited()).isPresent();
        assertThat(enriched.get(1).vulnerability()).isSameAs(enriched.get(0).vulnerability());
        assertThat(enriched.get(2).vulnerability().epss().orElseThrow().score()).isEqualTo(0.71384);
        assertThat(enriched).extracting(f -> f.pkg().name()).containsExactly("pkg-0", "pkg-1", "pkg-2");
    }
}
