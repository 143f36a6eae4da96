package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportSummaryTest {

    private static final ReportFormat FORMAT = ReportFormat.of("trivy", "trivy-json", "2");
    private static final ScannerTool TRIVY = ScannerTool.of("Trivy", "0.58.1");
    private static final Instant SCANNED = Instant.parse("2025-01-14T09:12:44Z");
    private static final ReportLocation WHERE = new ReportLocation("trivy.json", 40, 9, "/Results/0/Vulnerabilities/2");

    private static Finding finding(String id, String pkg) {
        return new Finding(
                Vulnerability.builder(id).severity(Severity.HIGH).build(),
                InstalledPackage.of(pkg, "1.0"),
                Fix.fixed("2.0"),
                "debian 12.8");
    }

    private static ScanReport.Builder header() {
        return ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .artifact(new Artifact("alpine:3.19", Artifact.Type.CONTAINER_IMAGE))
                .scannedAt(SCANNED);
    }

    @Test
    void summarisesAReportReadWholeWithItsCounts() {
        ScanReport report = header().finding(finding("CVE-1", "a"))
                .finding(finding("CVE-1", "a"))
                .skipped("no PkgName", WHERE)
                .build();

        ReportSummary summary = report.summary();

        assertThat(summary.counts()).isEqualTo(new ReportCounts(3, 1, 1, 1));
        assertThat(summary.artifact()).isEqualTo(report.artifact());
        assertThat(summary.scannedAt()).contains(SCANNED);
        assertThat(summary.problems()).isEqualTo(report.problems());
    }

    @Test
    void countsStreamedFindingsAsFindingsAndNoneAsDuplicates() {
        ReportSummary summary = header().skipped("no PkgName", WHERE).summary(5);

        assertThat(summary.counts()).isEqualTo(new ReportCounts(6, 5, 0, 1));
        assertThat(summary.format()).isEqualTo(FORMAT);
        assertThat(summary.scanner()).isEqualTo(TRIVY);
    }

    @Test
    void refusesANegativeNumberOfStreamedFindings() {
        assertThatThrownBy(() -> header().summary(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamed findings must not be negative, got -1");
    }

    @Test
    void refusesCountsThatDisagreeWithTheSkippedEntries() {
        assertThatThrownBy(() -> new ReportSummary(
                        EvidenceKind.SCAN,
                        FORMAT,
                        TRIVY,
                        Artifact.unknown(),
                        Image.unknown(),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        new ReportCounts(1, 0, 0, 1),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts.skipped (1) != skipped-entry problems (0)");
    }

    @Test
    void streamsWhatReadReturnsWhenAnAdapterDoesNotStreamItself() {
        ScanReport report = header().finding(finding("CVE-2", "b"))
                .finding(finding("CVE-1", "a"))
                .finding(finding("CVE-2", "b"))
                .build();
        ScannerAdapter adapter = new ScannerAdapter() {
            @Override
            public String id() {
                return "fixed";
            }

            @Override
            public Detection detect(ReportSource source) {
                return Detection.certain("fixed", null, "always");
            }

            @Override
            public ScanReport read(ReportSource source) {
                return report;
            }
        };
        List<Finding> streamed = new ArrayList<>();

        ReportSummary summary =
                adapter.stream(ReportSource.of("any.json", "{}".getBytes(StandardCharsets.UTF_8)), streamed::add);

        assertThat(streamed).containsExactlyElementsOf(report.findings());
        assertThat(summary).isEqualTo(report.summary());
        assertThat(summary.counts()).isEqualTo(new ReportCounts(3, 2, 1, 0));
    }
}
