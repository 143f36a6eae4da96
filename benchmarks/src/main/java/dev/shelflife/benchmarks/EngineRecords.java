package dev.shelflife.benchmarks;

import dev.shelflife.Finding;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.grype.GrypeScannerAdapter;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.trivy.TrivyScannerAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Image records for the policy engine's benchmarks, built from real corpus findings: the Trivy
 * centos-7 golden (711 entries) and Grype 0.7.0's python3.6 report (1,509 entries), read by the
 * adapters.
 *
 * <p>A record of {@code n} findings has a latest Trivy report with half of them and a Grype report
 * with the other half, each a window of its corpus report that starts at an offset depending on the
 * record's number, so that the records of a fleet differ; and an older Trivy report with the same
 * findings (from a second read, so other objects, as a report read on another day would be), so that the history clocks ({@code fix-available}, {@code first-seen}) have two scans to
 * choose from. The image was built 60 days before {@link #AT}, the reports were made 1, 2 and 20 days
 * before it, each with a vulnerability database 6 hours older: the default policy's deploy and run stages then find findings past their SLA, findings
 * still within it (forecast candidates) and ages to forecast.
 */
final class EngineRecords {

    /** The instant every benchmark evaluates at. */
    static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    /** The most findings a record can have: each half must fit in its corpus report without repeating. */
    static final int MAX_FINDINGS = 1_400;

    private final ScanReport trivy;
    private final ScanReport trivyEarlier;
    private final ScanReport grype;

    private EngineRecords(ScanReport trivy, ScanReport trivyEarlier, ScanReport grype) {
        this.trivy = trivy;
        this.trivyEarlier = trivyEarlier;
        this.grype = grype;
    }

    /**
     * Reads the two corpus reports.
     *
     * @return the source of records
     */
    static EngineRecords load() {
        Corpus corpus = Corpus.find()
                .orElseThrow(() -> new IllegalStateException(
                        "no corpus: set -D" + Corpus.PROPERTY + "=DIR or SHELFLIFE_FIXTURES (it holds MANIFEST.tsv)"));
        return new EngineRecords(
                read(corpus, Format.TRIVY, new TrivyScannerAdapter()),
                read(corpus, Format.TRIVY, new TrivyScannerAdapter()),
                read(corpus, Format.GRYPE, new GrypeScannerAdapter()));
    }

    private static ScanReport read(Corpus corpus, Format format, ScannerAdapter adapter) {
        return adapter.read(ReportSource.of(corpus.root().resolve(format.corpusName())));
    }

    /**
     * One record.
     *
     * @param findings the number of findings in its latest reports, at most {@value #MAX_FINDINGS}
     * @param number the record's number in its fleet, which chooses its windows of the corpus reports
     * @return the record
     */
    ImageRecord record(int findings, int number) {
        if (findings > MAX_FINDINGS) {
            throw new IllegalArgumentException("at most " + MAX_FINDINGS + " findings per record, not " + findings);
        }
        int fromTrivy = findings / 2;
        Image image = Image.builder().createdAt(AT.minus(Duration.ofDays(60))).build();
        return new ImageRecord(
                image,
                List.of(
                        report(trivyEarlier, fromTrivy, number * 97, Duration.ofDays(20)),
                        report(trivy, fromTrivy, number * 97, Duration.ofDays(1)),
                        report(grype, findings - fromTrivy, number * 131, Duration.ofDays(2))),
                List.of(),
                Optional.empty());
    }

    /**
     * A fleet of records of the same size.
     *
     * @param records how many
     * @param findings the findings of each
     * @return the records
     */
    List<ImageRecord> fleet(int records, int findings) {
        List<ImageRecord> fleet = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            fleet.add(record(findings, i));
        }
        return fleet;
    }

    /** A report with a window of a corpus report's findings, made some time before {@link #AT}. */
    private static ScanReport report(ScanReport corpusReport, int findings, int offset, Duration before) {
        ScanReport.Builder report = ScanReport.builder(
                        corpusReport.kind(), corpusReport.format(), corpusReport.scanner())
                .scannedAt(AT.minus(before))
                .databaseBuiltAt(AT.minus(before).minus(Duration.ofHours(6)));
        List<Finding> all = corpusReport.findings();
        for (int i = 0; i < findings; i++) {
            report.finding(all.get((offset + i) % all.size()));
        }
        return report.build();
    }
}
