package dev.shelflife.benchmarks;

import dev.shelflife.Finding;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import dev.shelflife.Vulnerability;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.trivy.TrivyScannerAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A year of daily Trivy scans of a lineage, made of real findings: those of the corpus's Trivy
 * centos-7 golden (711 entries), read by the adapter. Each scan holds a window of
 * {@code findings} of them; the lineage is rebuilt every week (a new tag and digest), and each week
 * the window moves on by three findings (three fixed by the rebuild, three newly disclosed). Each
 * day the scanner's database has revised one vulnerability record in a hundred (its {@code
 * modified} date is the day's, {@link #revisedOn}), so a store sees new finding contents every day,
 * as it would from a real scanner; the rest repeat.
 * Lineage {@code n} starts its window at {@code 97 n}, so lineages differ.
 */
final class DailyScans {

    /** The first day of the year of scans. */
    static final Instant DAY_0 = Instant.parse("2025-06-01T04:00:00Z");

    private final List<Finding> corpus;

    private DailyScans(List<Finding> corpus) {
        this.corpus = corpus;
    }

    static DailyScans load() {
        Corpus corpus = Corpus.find()
                .orElseThrow(() -> new IllegalStateException(
                        "no corpus: set -D" + Corpus.PROPERTY + "=DIR or SHELFLIFE_FIXTURES (it holds MANIFEST.tsv)"));
        ScanReport report =
                new TrivyScannerAdapter().read(ReportSource.of(corpus.root().resolve(Format.TRIVY.corpusName())));
        return new DailyScans(report.findings());
    }

    /** The image the lineage ships on a day: rebuilt weekly. */
    static ImageRef image(int lineage, int day) {
        int week = day / 7;
        return ImageRef.parse("registry.example/team-" + lineage + "/app:1." + week + "@sha256:"
                + String.format("%064x", (long) lineage * 100_000 + week));
    }

    /** The lineage's scan of a day. */
    ScanReport scan(int lineage, int day, int findings) {
        Instant made = DAY_0.plus(Duration.ofDays(day));
        ImageRef ref = image(lineage, day);
        ScanReport.Builder report = ScanReport.builder(
                        corpusKind(), dev.shelflife.ReportFormat.of("trivy", "Trivy JSON", "2"), scanner())
                .image(Image.builder()
                        .ref(ref)
                        .manifestDigest(ref.digest().orElseThrow())
                        .createdAt(DAY_0.plus(Duration.ofDays(day / 7 * 7)))
                        .os("centos 7.9.2009")
                        .build())
                .scannedAt(made)
                .databaseBuiltAt(made.minus(Duration.ofHours(6)));
        int start = lineage * 97 + (day / 7) * 3;
        for (int i = 0; i < findings; i++) {
            Finding finding = corpus.get((start + i) % corpus.size());
            if (revisedOn(finding.vulnerability().id(), day)) {
                finding = revised(finding, made);
            }
            report.finding(finding);
        }
        return report.build();
    }

    /** The scans of a lineage, one a day for {@code days} days. */
    List<ScanReport> year(int lineage, int days, int findings) {
        List<ScanReport> scans = new ArrayList<>(days);
        for (int day = 0; day < days; day++) {
            scans.add(scan(lineage, day, findings));
        }
        return scans;
    }

    /**
     * Whether the scanner's database revised a vulnerability's record on a day: one in a hundred
     * records a day, the same for every lineage, as a real database's daily update is.
     */
    static boolean revisedOn(String id, int day) {
        return Math.floorMod((id + "/" + day).hashCode() * 0x9E3779B9, 100) == 0;
    }

    private static Finding revised(Finding finding, Instant day) {
        Vulnerability v = finding.vulnerability();
        Vulnerability changed = new Vulnerability(
                v.id(),
                v.aliases(),
                v.severity(),
                v.severitySource(),
                v.ratings(),
                v.published(),
                java.util.Optional.of(day),
                v.epss(),
                v.knownExploited(),
                v.title(),
                v.cwes(),
                v.primaryUrl());
        return new Finding(changed, finding.pkg(), finding.fix(), finding.target());
    }

    private static dev.shelflife.EvidenceKind corpusKind() {
        return dev.shelflife.EvidenceKind.SCAN;
    }

    private static dev.shelflife.ScannerTool scanner() {
        return dev.shelflife.ScannerTool.of("Trivy", "0.58.1");
    }
}
