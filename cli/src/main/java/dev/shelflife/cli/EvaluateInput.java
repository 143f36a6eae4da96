package dev.shelflife.cli;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.output.EvaluatedEvidence;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What {@code shelflife evaluate} was given: the reports of one image, each with the file it was
 * read from, the image record they make, and where the policy came from.
 *
 * <p>The record sorts the reports by {@linkplain dev.shelflife.EvidenceKind kind} as
 * {@link ImageRecord#builder()} does for any Java caller: only scans are judged as scans;
 * inventories (SBOMs) are not, and assessments (VEX documents) only lend their statements, which
 * act as waivers.
 *
 * @param reports the reports, in command-line order
 * @param record the record of the reports
 * @param policyFile the policy file as given, or empty for the built-in default policy
 */
record EvaluateInput(List<ImageEvidence.Report> reports, ImageRecord record, Optional<String> policyFile) {

    /** Validates the parts and copies the reports. */
    EvaluateInput {
        reports = List.copyOf(reports);
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(policyFile, "policyFile");
    }

    /**
     * The input of reports of one image.
     *
     * @param reports the reports with their files
     * @param sameImage whether the caller said they are one image whatever their identities say
     * @param policyFile the policy file as given, or empty
     * @return the input
     * @throws UsageException if two reports describe different images and {@code sameImage} is false
     */
    static EvaluateInput of(List<ImageEvidence.Report> reports, boolean sameImage, Optional<String> policyFile) {
        return new EvaluateInput(reports, ImageEvidence.record(reports, sameImage), policyFile);
    }

    /**
     * Which scans report a finding: those holding a finding in a package of the same name that
     * shares one of its ids or aliases, ignoring case. So a finding the engine merged from several
     * scanners' sightings is traced to every scan that saw it.
     *
     * @return for a finding, the scans that report it, in command-line order
     */
    Function<Finding, List<ImageEvidence.Report>> scansReporting() {
        Map<String, Set<Integer>> index = new HashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            if (reports.get(i).report().isScan()) {
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
     * The evidence as the shared outputs name it: each report by its file, the policy by its file.
     *
     * @return the evidence
     */
    EvaluatedEvidence evidence() {
        return new EvaluatedEvidence(
                record, reports.stream().map(ImageEvidence.Report::file).toList(), policyFile);
    }

    /**
     * The file that image-level violations (image age, scan age, coverage) are attributed to:
     * the first scan, or the first report when there is no scan.
     *
     * @return the file
     */
    String imageFile() {
        return reports.stream()
                .filter(r -> r.report().isScan())
                .findFirst()
                .or(() -> reports.stream().findFirst())
                .map(ImageEvidence.Report::file)
                .orElseThrow(() -> new IllegalStateException("an evaluation reads at least one report"));
    }

    /**
     * The file a report was read from, for evidence the verdict names.
     *
     * @param report a report of this input
     * @return its file, or empty if it is not one of them
     */
    Optional<String> fileOf(ScanReport report) {
        return reports.stream()
                .filter(r -> r.report() == report)
                .map(ImageEvidence.Report::file)
                .findFirst();
    }
}
