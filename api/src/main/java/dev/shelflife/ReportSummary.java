package dev.shelflife;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link ScanReport} says except its findings: what
 * {@link dev.shelflife.spi.ScannerAdapter#stream ScannerAdapter.stream} returns once it has handed
 * every finding to the caller.
 *
 * <p>The counts still account for every raw entry. A streamed report keeps no findings, so it
 * cannot recognise an exact duplicate: its findings count the entries handed to the caller,
 * duplicates included, and its duplicates count is zero. A summary of a report read whole
 * ({@link ScanReport#summary()}) keeps the report's counts.
 *
 * @param kind what the document is evidence of: a scan, an inventory or an assessment
 * @param format the format and schema version the report was written in
 * @param scanner the tool that wrote it
 * @param artifact what was scanned
 * @param image what is known about the scanned image
 * @param scannedAt when the scan ran, if the report says
 * @param databaseBuiltAt when the scanner's vulnerability database was built, if the report says
 * @param components the components the report lists (SBOMs), in document order
 * @param vexStatements the VEX statements the report makes
 * @param problems everything the adapter skipped, coerced or ignored, with its location
 * @param counts how the raw entries were accounted for
 * @param ignoreRules the rules of an ignore file
 * @since 0.1
 */
public record ReportSummary(
        EvidenceKind kind,
        ReportFormat format,
        ScannerTool scanner,
        Artifact artifact,
        Image image,
        Optional<Instant> scannedAt,
        Optional<Instant> databaseBuiltAt,
        List<Component> components,
        List<VexStatement> vexStatements,
        List<Problem> problems,
        ReportCounts counts,
        List<IgnoreRule> ignoreRules) {

    /**
     * Validates the parts, copies the lists and checks the counts against the statements, rules
     * and problems.
     *
     * @throws IllegalArgumentException if the counts disagree with the statements, rules or problems
     */
    public ReportSummary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(scannedAt, "scannedAt");
        Objects.requireNonNull(databaseBuiltAt, "databaseBuiltAt");
        components = List.copyOf(components);
        vexStatements = List.copyOf(vexStatements);
        problems = List.copyOf(problems);
        Objects.requireNonNull(counts, "counts");
        ignoreRules = List.copyOf(ignoreRules);
        if (counts.rules() != ignoreRules.size()) {
            throw new IllegalArgumentException(
                    "counts.rules (" + counts.rules() + ") != ignore rules (" + ignoreRules.size() + ")");
        }
        if (counts.statements() > vexStatements.size()) {
            throw new IllegalArgumentException(
                    "counts.statements (" + counts.statements() + ") > VEX statements (" + vexStatements.size() + ")");
        }
        long skipped = problems.stream()
                .filter(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY)
                .count();
        if (counts.skipped() != skipped) {
            throw new IllegalArgumentException(
                    "counts.skipped (" + counts.skipped() + ") != skipped-entry problems (" + skipped + ")");
        }
    }

    /**
     * A copy with the image replaced.
     *
     * @param newImage the image
     * @return the new summary
     * @since 0.2
     */
    public ReportSummary withImage(Image newImage) {
        return new ReportSummary(
                kind,
                format,
                scanner,
                artifact,
                newImage,
                scannedAt,
                databaseBuiltAt,
                components,
                vexStatements,
                problems,
                counts,
                ignoreRules);
    }

    /**
     * A copy with the scan instant replaced.
     *
     * @param instant when the scan ran
     * @return the new summary
     * @since 0.2
     */
    public ReportSummary withScannedAt(Instant instant) {
        return new ReportSummary(
                kind,
                format,
                scanner,
                artifact,
                image,
                Optional.of(instant),
                databaseBuiltAt,
                components,
                vexStatements,
                problems,
                counts,
                ignoreRules);
    }
}
