package dev.shelflife.feed;

import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.KnownExploited;
import dev.shelflife.ScanReport;
import dev.shelflife.Vulnerability;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The threat feeds a caller supplies — a {@link KevCatalog} and {@link EpssScores} — applied to the
 * findings of an image record before a policy evaluates it, so that the policy engine stays pure:
 * its {@code kev} and {@code epss} rules read only {@link Vulnerability#knownExploited()} and
 * {@link Vulnerability#epss()}.
 *
 * <p>A finding is matched by every CVE id among its vulnerability's id and aliases, ignoring case
 * (a Grype finding on {@code GHSA-jfh8-c2jp-5v3q} is matched through its alias
 * {@code CVE-2021-44228}). When several of them are listed, the KEV listing with the earliest due
 * date counts, and the highest EPSS score.
 *
 * <p>Precedence over what the report already carries (Grype's database and Snyk carry EPSS, Grype's
 * KEV too):
 * <ul>
 * <li><b>KEV</b>: the catalog's listing replaces the report's, since the catalog is the source the
 *     caller chose and carries the due date; a listing the catalog does not have (a scanner with a
 *     newer catalog) is kept. Applying a feed never removes what a scanner said.</li>
 * <li><b>EPSS</b>: the newer score wins, by its score date; a score without a date counts as the
 *     oldest, and on the same day the feed's wins.</li>
 * </ul>
 *
 * @param kev the KEV catalog, if supplied
 * @param epss the EPSS scores, if supplied
 * @since 0.1
 */
public record Feeds(Optional<KevCatalog> kev, Optional<EpssScores> epss) {

    /** Validates the parts. */
    public Feeds {
        Objects.requireNonNull(kev, "kev");
        Objects.requireNonNull(epss, "epss");
    }

    /**
     * No feeds: applying them changes nothing.
     *
     * @return the empty feeds
     */
    public static Feeds none() {
        return new Feeds(Optional.empty(), Optional.empty());
    }

    /**
     * Whether there is no feed at all, so that applying them changes nothing.
     *
     * @return {@code true} when neither a KEV catalog nor EPSS scores are supplied
     * @since 0.2
     */
    public boolean isEmpty() {
        return kev.isEmpty() && epss.isEmpty();
    }

    /**
     * A copy with a KEV catalog.
     *
     * @param catalog the catalog
     * @return the copy
     */
    public Feeds withKev(KevCatalog catalog) {
        return new Feeds(Optional.of(catalog), epss);
    }

    /**
     * A copy with EPSS scores.
     *
     * @param scores the scores
     * @return the copy
     */
    public Feeds withEpss(EpssScores scores) {
        return new Feeds(kev, Optional.of(scores));
    }

    /**
     * Applies the feeds to every finding of every report of a record.
     *
     * @param record the record
     * @return the record with its reports' findings enriched, everything else as it was; the record
     *     itself when the feeds change nothing
     */
    public ImageRecord apply(ImageRecord record) {
        if (isEmpty()) {
            return record;
        }
        List<ScanReport> reports = new ArrayList<>(record.reports().size());
        boolean changed = false;
        for (ScanReport report : record.reports()) {
            ScanReport enriched = apply(report);
            reports.add(enriched);
            changed |= enriched != report;
        }
        return changed ? record.withReports(reports) : record;
    }

    /**
     * Applies the feeds to every finding of a report.
     *
     * @param report the report
     * @return the report with its findings enriched, its counts unchanged; the report itself when the
     *     feeds change nothing
     */
    public ScanReport apply(ScanReport report) {
        if (isEmpty()) {
            return report;
        }
        // Findings of one vulnerability in many packages share one Vulnerability (the report
        // builder shares equal parts): each is looked up once, and its findings share the result.
        Map<Vulnerability, Vulnerability> enriched = new IdentityHashMap<>();
        List<Finding> findings = new ArrayList<>(report.findings().size());
        boolean changed = false;
        for (Finding finding : report.findings()) {
            Vulnerability known = finding.vulnerability();
            Vulnerability applied = enriched.computeIfAbsent(known, this::apply);
            if (applied == known) {
                findings.add(finding);
            } else {
                findings.add(new Finding(applied, finding.pkg(), finding.fix(), finding.target()));
                changed = true;
            }
        }
        return changed ? report.withFindings(findings) : report;
    }

    /**
     * Applies the feeds to a finding.
     *
     * @param finding the finding
     * @return the finding with its vulnerability enriched
     */
    public Finding apply(Finding finding) {
        Vulnerability enriched = apply(finding.vulnerability());
        return enriched == finding.vulnerability()
                ? finding
                : new Finding(enriched, finding.pkg(), finding.fix(), finding.target());
    }

    /**
     * Applies the feeds to a vulnerability.
     *
     * @param v the vulnerability
     * @return the vulnerability with the KEV listing and EPSS score the feeds give it, by the
     *     precedence above; the same instance when they change nothing
     */
    public Vulnerability apply(Vulnerability v) {
        if (isEmpty()) {
            return v;
        }
        List<String> cves = Stream.concat(Stream.of(v.id()), v.aliases().stream())
                .filter(CveIds::isCveId)
                .toList();
        if (cves.isEmpty()) {
            return v;
        }
        Optional<KnownExploited> listed = kev.flatMap(catalog -> strictest(
                cves,
                catalog::find,
                Comparator.comparing((KnownExploited k) -> k.dueDate().orElse(LocalDate.MAX))
                        .thenComparing(k -> k.dateAdded().orElse(LocalDate.MAX))));
        Optional<Epss> scored = epss.flatMap(scores -> strictest(
                cves, scores::find, Comparator.comparingDouble(Epss::score).reversed()));
        Optional<KnownExploited> knownExploited = listed.or(v::knownExploited);
        Optional<Epss> newestEpss = scored.filter(
                        feed -> v.epss().map(report -> !isOlder(feed, report)).orElse(true))
                .or(v::epss);
        if (knownExploited.equals(v.knownExploited()) && newestEpss.equals(v.epss())) {
            return v;
        }
        return new Vulnerability(
                v.id(),
                v.aliases(),
                v.severity(),
                v.severitySource(),
                v.ratings(),
                v.published(),
                v.modified(),
                newestEpss,
                knownExploited,
                v.title(),
                v.cwes(),
                v.primaryUrl());
    }

    private static <T> Optional<T> strictest(
            List<String> cves, Function<String, Optional<T>> find, Comparator<T> order) {
        return cves.stream().map(find).flatMap(Optional::stream).min(order);
    }

    /** Whether the feed's score is older than the report's: undated counts as oldest. */
    private static boolean isOlder(Epss feed, Epss report) {
        LocalDate feedDay = feed.date().orElse(LocalDate.MIN);
        LocalDate reportDay = report.date().orElse(LocalDate.MIN);
        return feedDay.isBefore(reportDay);
    }
}
