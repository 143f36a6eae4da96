package dev.shelflife.cli;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.VexStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@code shelflife evaluate} was given: the reports of one image, each with the file it was
 * read from and whether it is a scan or a VEX document, and where the policy came from.
 *
 * <p>A <em>VEX document</em> is a report that makes VEX statements and whose every finding is
 * the subject of one of its own statements (a CycloneDX VEX file: each vulnerability carries an
 * {@code analysis}). It is not a scan: its findings only restate what the statements are about,
 * and its date is when someone made the statements, not when the image was scanned. So only its
 * statements enter the {@link ImageRecord}, where they act as waivers; counted as a scan, its
 * findings would be judged twice and its date would pass for a fresh scan. A report that mixes
 * statements with findings of its own (a scanner's CycloneDX output with some analyses) is a
 * scan, and its statements apply too.
 *
 * @param reports the reports, in command-line order
 * @param policyFile the policy file as given, or empty for the built-in default policy
 */
record EvaluateInput(List<Report> reports, Optional<String> policyFile) {

    /**
     * One report and the file it came from.
     *
     * @param file the file as given on the command line
     * @param report the report read from it
     * @param role whether it is a scan or a VEX document
     */
    record Report(String file, ScanReport report, Role role) {

        /** Validates the parts. */
        Report {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(role, "role");
        }

        /**
         * A report, sorted into scan or VEX document by what it holds.
         *
         * @param file the file as given
         * @param report the report read from it
         * @return the report with its role
         */
        static Report of(String file, ScanReport report) {
            return new Report(file, report, isVexDocument(report) ? Role.VEX : Role.SCAN);
        }
    }

    /** What a report is to the evaluation. */
    enum Role {
        /** Evidence about the image: its findings are judged, its dates count. */
        SCAN,
        /** Statements about findings: they act as waivers, and nothing else of the report counts. */
        VEX
    }

    /** Validates the parts and copies the reports. */
    EvaluateInput {
        reports = List.copyOf(reports);
        Objects.requireNonNull(policyFile, "policyFile");
    }

    /**
     * The image record the policy judges: the scans, with the image they describe, and the VEX
     * statements of every report.
     *
     * @return the record
     */
    ImageRecord record() {
        ImageRecord scans = ImageRecord.of(reports(Role.SCAN));
        List<VexStatement> statements = new ArrayList<>(scans.vexStatements());
        reports(Role.VEX).forEach(r -> statements.addAll(r.vexStatements()));
        return new ImageRecord(scans.image(), scans.reports(), statements, scans.deployedSince());
    }

    /**
     * Which scans report a finding: those holding a finding in a package of the same name that
     * shares one of its ids or aliases, ignoring case. So a finding the engine merged from several
     * scanners' sightings is traced to every scan that saw it.
     *
     * @return for a finding, the scans that report it, in command-line order
     */
    Function<Finding, List<Report>> scansReporting() {
        Map<String, Set<Integer>> index = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i).role() == Role.SCAN) {
                for (Finding finding : reports.get(i).report().findings()) {
                    for (String key : keys(finding)) {
                        index.computeIfAbsent(key, k -> new TreeSet<>()).add(i);
                    }
                }
            }
        }
        return finding -> keys(finding).stream()
                .flatMap(key -> index.getOrDefault(key, Set.of()).stream())
                .distinct()
                .sorted()
                .map(reports::get)
                .toList();
    }

    private static List<String> keys(Finding finding) {
        return Stream.concat(Stream.of(finding.vulnerability().id()), finding.vulnerability().aliases().stream())
                .map(id -> finding.pkg().name() + '\n' + id.toUpperCase(Locale.ROOT))
                .toList();
    }

    /**
     * The file that image-level violations (image age, scan age, coverage) are attributed to:
     * the first scan, or the first report when there is no scan.
     *
     * @return the file
     */
    String imageFile() {
        return reports.stream()
                .filter(r -> r.role() == Role.SCAN)
                .findFirst()
                .or(() -> reports.stream().findFirst())
                .map(Report::file)
                .orElseThrow(() -> new IllegalStateException("an evaluation reads at least one report"));
    }

    private List<ScanReport> reports(Role role) {
        return reports.stream()
                .filter(r -> r.role() == role)
                .map(Report::report)
                .toList();
    }

    private static boolean isVexDocument(ScanReport report) {
        if (report.vexStatements().isEmpty()) {
            return false;
        }
        Set<String> stated = report.vexStatements().stream()
                .flatMap(s -> Stream.concat(Stream.of(s.vulnerabilityId()), s.aliases().stream()))
                .map(id -> id.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return report.findings().stream()
                .allMatch(f -> stated.contains(f.vulnerability().id().toUpperCase(Locale.ROOT)));
    }
}
