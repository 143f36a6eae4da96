package dev.shelflife.output;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The evidence a verdict was reached on, as an output names it: the image record, a name for each
 * of its reports, and the policy's name.
 *
 * <p>What a report is called depends on where it came from: the command line names each by the file
 * it was read from, a stream by its content hash or its topic, partition and offset. The outputs
 * print these names wherever they point at a report: the reports a violation's finding was seen in,
 * the report that ignored evidence comes from, the list of reports evaluated.
 *
 * @param record the record evaluated
 * @param reportNames one name per report of {@link ImageRecord#reports()}, in the same order
 * @param policy the policy's name (the command line's policy file as given), or empty for the
 *     built-in default policy
 * @since 0.2
 */
public record EvaluatedEvidence(ImageRecord record, List<String> reportNames, Optional<String> policy) {

    /**
     * Validates the parts and copies the names.
     *
     * @throws IllegalArgumentException if there is not exactly one name per report
     */
    public EvaluatedEvidence {
        Objects.requireNonNull(record, "record");
        reportNames = List.copyOf(reportNames);
        Objects.requireNonNull(policy, "policy");
        if (reportNames.size() != record.reports().size()) {
            throw new IllegalArgumentException(
                    "one name per report: " + record.reports().size() + " reports, " + reportNames.size() + " names");
        }
    }

    /**
     * The names of the scans that report a finding: those holding a finding in a package of the same
     * name that shares one of its ids or aliases, ignoring case. A finding the engine merged from
     * several scanners' sightings is so traced to every scan that saw it. Inventories and
     * assessments are never named: they report no findings.
     *
     * @param finding a finding of a verdict about this record
     * @return the names of the scans that report it, in the record's order; empty for none
     */
    public List<String> namesReporting(Finding finding) {
        Objects.requireNonNull(finding, "finding");
        return index().reporting(finding);
    }

    /**
     * The name of a report of the record, found by identity: the very object the record holds.
     *
     * @param report a report of the record
     * @return its name, or empty when the record does not hold that report
     */
    public Optional<String> nameOf(ScanReport report) {
        List<ScanReport> reports = record.reports();
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i) == report) {
                return Optional.of(reportNames.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The name that violations about the whole image (image age, scan age, coverage) are attributed
     * to: the first scan's, or the first report's when there is no scan.
     *
     * @return the name, or empty for a record without reports
     */
    public Optional<String> imageReportName() {
        List<ScanReport> reports = record.reports();
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i).isScan()) {
                return Optional.of(reportNames.get(i));
            }
        }
        return reportNames.stream().findFirst();
    }

    /** An index from each finding's keys to the scans holding it, built once per output. */
    Index index() {
        return new Index(this);
    }

    /** The scans that hold each (package name, id) key, by position in the record. */
    static final class Index {
        private final Map<String, Set<Integer>> scans = new HashMap<>();
        private final List<String> names;

        private Index(EvaluatedEvidence evidence) {
            this.names = evidence.reportNames;
            List<ScanReport> reports = evidence.record.reports();
            for (int i = 0; i < reports.size(); i++) {
                if (reports.get(i).isScan()) {
                    for (Finding finding : reports.get(i).findings()) {
                        for (String key : keys(finding)) {
                            scans.computeIfAbsent(key, k -> new TreeSet<>()).add(i);
                        }
                    }
                }
            }
        }

        List<String> reporting(Finding finding) {
            Set<Integer> positions = new TreeSet<>();
            for (String key : keys(finding)) {
                positions.addAll(scans.getOrDefault(key, Set.of()));
            }
            List<String> found = new ArrayList<>(positions.size());
            positions.forEach(i -> found.add(names.get(i)));
            return found;
        }

        private static List<String> keys(Finding finding) {
            List<String> keys =
                    new ArrayList<>(1 + finding.vulnerability().aliases().size());
            keys.add(key(finding, finding.vulnerability().id()));
            finding.vulnerability().aliases().forEach(alias -> keys.add(key(finding, alias)));
            return keys;
        }

        private static String key(Finding finding, String id) {
            return finding.pkg().name() + '\n' + id.toUpperCase(Locale.ROOT);
        }
    }
}
