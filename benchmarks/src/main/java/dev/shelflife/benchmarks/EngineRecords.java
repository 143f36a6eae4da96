package dev.shelflife.benchmarks;

import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.cyclonedx.CycloneDxScannerAdapter;
import dev.shelflife.grype.GrypeScannerAdapter;
import dev.shelflife.snyk.SnykScannerAdapter;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.trivy.TrivyOperatorScannerAdapter;
import dev.shelflife.trivy.TrivyScannerAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

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
 * still within it (forecast candidates) and ages to forecast. These are the {@link Shape#SYNTHETIC}
 * records: two corpus reports only, and most of their findings pass.
 *
 * <p>The real-shaped records ({@link Shape#VIOLATING}, {@link Shape#PASSING}) mix the findings of
 * ten corpus reports of five formats ({@link #MIXED}): rpm, deb, apk, npm, Python and Java
 * packages, fixed, not fixed, won't fix and affected, with and without publication dates. A record
 * takes an equal share of its findings from each report (all of a small report's findings, the
 * rest from the larger ones), in a window of the report's findings, fixed ones first, that starts
 * among the fixed ones at an offset depending on the record's number, and groups them as one image scanned by three scanners: a Trivy report (Trivy, Trivy
 * Operator), a Grype report (Grype 0.7.0, 0.94, Grype's CycloneDX XML) and a Snyk report (Snyk Open
 * Source's npm project, Snyk Container's Alpine image and its npm application), made 1, 2 and 3
 * days before {@link #AT}. Each has an earlier scan with the same findings, which starts the
 * {@code fix-available} clock: 400 days before {@link #AT} for {@link Shape#VIOLATING}, so that
 * every fixable finding of a severity with an SLA is past it, and 4 days before for {@link
 * Shape#PASSING}, so that few are and most deadlines lie ahead, in the forecast.
 */
final class EngineRecords {

    /** The instant every benchmark evaluates at. */
    static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");

    /** The most findings a record can have: each half must fit in its corpus report without repeating. */
    static final int MAX_FINDINGS = 1_400;

    /** The shape of a record: where its findings come from and how old their fixes are. */
    enum Shape {
        /** Windows of two corpus reports (centos-7 by Trivy, python:3.6 by Grype); most findings pass. */
        SYNTHETIC(Duration.ofDays(20)),
        /** Ten corpus reports of five formats mixed, fixes known for 400 days: most findings violate. */
        VIOLATING(Duration.ofDays(400)),
        /** The same mix, fixes known for 4 days: few findings violate, most deadlines are forecast. */
        PASSING(Duration.ofDays(4));

        private final Duration earlier;

        Shape(Duration earlier) {
            this.earlier = earlier;
        }

        /**
         * The shape a benchmark parameter names.
         *
         * @param name {@code synthetic}, {@code violating} or {@code passing}
         * @return the shape
         */
        static Shape of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A corpus report of the real-shaped records and the report of a record it goes into. */
    private record Source(String name, Supplier<ScannerAdapter> adapter, int family) {}

    /** The families: a record has one latest report (and one earlier) per family. */
    private static final int TRIVY = 0;

    private static final int GRYPE = 1;
    private static final int SNYK = 2;

    /** The reports the real-shaped records mix. */
    private static final List<Source> MIXED = List.of(
            new Source("trivy/trivy-v0.20-schema2-centos-7-large.json", TrivyScannerAdapter::new, TRIVY),
            new Source(
                    "trivy-operator/dd-vulnerabilityreport_many-trivy-0.38.2.json",
                    TrivyOperatorScannerAdapter::new,
                    TRIVY),
            new Source("trivy/dd-scheme_2_many_vulns.json", TrivyScannerAdapter::new, TRIVY),
            new Source("trivy/dd-all_statuses.json", TrivyScannerAdapter::new, TRIVY),
            new Source("trivy/dd-legacy_many_vulns.json", TrivyScannerAdapter::new, TRIVY),
            new Source("grype/dd-many_vulns-grype-0.7.0-python3.6-large.json", GrypeScannerAdapter::new, GRYPE),
            new Source("grype/dd-many_vulns_with_epss_values-grype-0.94.0.json", GrypeScannerAdapter::new, GRYPE),
            new Source("cyclonedx/dd-dd_1_15_0-grype-0.11.0-cdx1.2-vulnext.xml", CycloneDxScannerAdapter::new, GRYPE),
            new Source("snyk/dd-single_project_upgrade_libs-large.json", SnykScannerAdapter::new, SNYK),
            new Source("snyk/snyk-cli-container-app-vulns-nongrouped.json", SnykScannerAdapter::new, SNYK));

    private final ScanReport trivy;
    private final ScanReport trivyEarlier;
    private final ScanReport grype;
    /** The reports of {@link #MIXED}, read twice (the latest and the earlier scans). */
    private final List<ScanReport> mixed;

    private final List<ScanReport> mixedEarlier;

    private EngineRecords(
            ScanReport trivy,
            ScanReport trivyEarlier,
            ScanReport grype,
            List<ScanReport> mixed,
            List<ScanReport> mixedEarlier) {
        this.trivy = trivy;
        this.trivyEarlier = trivyEarlier;
        this.grype = grype;
        this.mixed = mixed;
        this.mixedEarlier = mixedEarlier;
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
                read(corpus, Format.TRIVY.corpusName(), new TrivyScannerAdapter()),
                read(corpus, Format.TRIVY.corpusName(), new TrivyScannerAdapter()),
                read(corpus, Format.GRYPE.corpusName(), new GrypeScannerAdapter()),
                readMixed(corpus),
                readMixed(corpus));
    }

    /**
     * Reads the reports of {@link #MIXED}, each with its fixed findings first: a record's window of
     * a report starts among them, so that fixable findings, which the SLAs judge, make up most of a
     * record, as in an image that has not been rebuilt for a long time; the findings without a fix
     * follow and fill the larger records.
     */
    private static List<ScanReport> readMixed(Corpus corpus) {
        List<ScanReport> reports = new ArrayList<>();
        for (Source source : MIXED) {
            ScanReport read = read(corpus, source.name(), source.adapter().get());
            ScanReport.Builder fixedFirst = ScanReport.builder(read.kind(), read.format(), read.scanner());
            read.findings().stream()
                    .filter(finding -> finding.fix().state() == FixState.FIXED)
                    .forEach(fixedFirst::finding);
            read.findings().stream()
                    .filter(finding -> finding.fix().state() != FixState.FIXED)
                    .forEach(fixedFirst::finding);
            reports.add(fixedFirst.build());
        }
        return reports;
    }

    private static ScanReport read(Corpus corpus, String name, ScannerAdapter adapter) {
        return adapter.read(ReportSource.of(corpus.root().resolve(name)));
    }

    /** The most findings a real-shaped record can have: every finding of every report of {@link #MIXED}. */
    int maxMixedFindings() {
        return mixed.stream().mapToInt(report -> report.findings().size()).sum();
    }

    /**
     * One record of a shape.
     *
     * @param shape the shape
     * @param findings the number of findings in its latest reports
     * @param number the record's number in its fleet, which chooses its windows of the corpus reports
     * @return the record
     */
    ImageRecord record(Shape shape, int findings, int number) {
        if (shape == Shape.SYNTHETIC) {
            return record(findings, number);
        }
        if (findings > maxMixedFindings()) {
            throw new IllegalArgumentException(
                    "at most " + maxMixedFindings() + " findings per real-shaped record, not " + findings);
        }
        int[] shares = shares(findings);
        List<ScanReport> reports = new ArrayList<>();
        for (int family : new int[] {TRIVY, GRYPE, SNYK}) {
            Duration latest = Duration.ofDays(1 + family);
            reports.add(family(mixedEarlier, family, shares, number, shape.earlier));
            reports.add(family(mixed, family, shares, number, latest));
        }
        Image image = Image.builder().createdAt(AT.minus(Duration.ofDays(60))).build();
        return new ImageRecord(image, reports, List.of(), Optional.empty());
    }

    /**
     * A fleet of records of one shape and size.
     *
     * @param shape the shape
     * @param records how many
     * @param findings the findings of each
     * @return the records
     */
    List<ImageRecord> fleet(Shape shape, int records, int findings) {
        List<ImageRecord> fleet = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            fleet.add(record(shape, findings, i));
        }
        return fleet;
    }

    /** How many findings a record takes from each report of {@link #MIXED}: equal shares, small reports whole. */
    private int[] shares(int findings) {
        int[] shares = new int[MIXED.size()];
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < MIXED.size(); i++) {
            bySize.add(i);
        }
        bySize.sort(Comparator.comparingInt(i -> mixed.get(i).findings().size()));
        int left = findings;
        for (int k = 0; k < bySize.size(); k++) {
            int i = bySize.get(k);
            int share = Math.min(mixed.get(i).findings().size(), left / (bySize.size() - k));
            shares[i] = share;
            left -= share;
        }
        // What integer division left over goes to the largest report.
        shares[bySize.get(bySize.size() - 1)] += left;
        return shares;
    }

    /** One family's report of a real-shaped record: its share of each of the family's corpus reports. */
    private static ScanReport family(List<ScanReport> reports, int family, int[] shares, int number, Duration before) {
        ScanReport.Builder report = null;
        for (int i = 0; i < MIXED.size(); i++) {
            if (MIXED.get(i).family() != family) {
                continue;
            }
            ScanReport corpusReport = reports.get(i);
            if (report == null) {
                report = ScanReport.builder(corpusReport.kind(), corpusReport.format(), corpusReport.scanner())
                        .scannedAt(AT.minus(before))
                        .databaseBuiltAt(AT.minus(before).minus(Duration.ofHours(6)));
            }
            List<Finding> all = corpusReport.findings();
            int fixed = (int) all.stream()
                    .filter(finding -> finding.fix().state() == FixState.FIXED)
                    .count();
            int offset = fixed == 0 ? 0 : number * 97 % fixed;
            for (int j = 0; j < shares[i]; j++) {
                report.finding(all.get((offset + j) % all.size()));
            }
        }
        return report.build();
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
