package dev.shelflife.cli;

import dev.shelflife.ScanReport;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.policy.merge.SeverityRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code merge} and {@code diff} share: their {@code --output}, {@code --severity} and
 * {@code --format} options, reading reports, and recording them in a history.
 */
final class MergeOptions {

    static final String OUTPUT = "--output";
    static final String SEVERITY = "--severity";

    /** The help lines of the shared options. */
    static final String HELP = """
              --output text|json|markdown
                                   text (the default): for people; json: one object for scripts,
                                   described in docs/cli.md; markdown: a pull-request comment
              --severity highest|vendor|scanner:NAME
                                   which severity a vulnerability gets when the scanners disagree:
                                   the highest (the default); a distribution's or vendor's rating
                                   over NVD's; or the named scanner's (scanner:grype)
            """ + FormatOption.HELP + HistoryOption.HELP + """
                                   The reports are recorded; nothing else changes.
            """;

    /** How the result is printed. */
    enum Output {
        TEXT,
        JSON,
        MARKDOWN
    }

    private MergeOptions() {}

    static Output output(Arguments parsed) {
        return parsed.choice(OUTPUT, Output.class, Output.TEXT);
    }

    /**
     * The {@code --severity} rule, which must name a scanner that wrote one of the reports: a
     * misspelt {@code scanner:NAME} would otherwise fall back to the highest severity unsaid.
     *
     * @param parsed the command line
     * @param reports every report the command read
     * @return the rule
     * @throws UsageException for a rule that cannot be read or a scanner no report names
     */
    static SeverityRule severityRule(Arguments parsed, List<ImageEvidence.Report> reports) {
        SeverityRule rule;
        try {
            rule = parsed.value(SEVERITY).map(SeverityRule::parse).orElse(SeverityRule.HIGHEST);
        } catch (IllegalArgumentException e) {
            throw new UsageException(SEVERITY + ": " + e.getMessage());
        }
        Set<String> scanners = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        reports.stream()
                .filter(r -> r.report().isScan())
                .forEach(r -> scanners.add(r.report().scanner().name()));
        rule.scanner().filter(name -> !scanners.contains(name)).ifPresent(name -> {
            throw new UsageException(SEVERITY + " scanner:" + name + ": no scan given was written by " + name
                    + " (the scans' scanners: " + (scanners.isEmpty() ? "none" : String.join(", ", scanners)) + ")");
        });
        return rule;
    }

    /**
     * Reads the reports of one image, each with the command's {@code --format} or its detected one.
     * Merging takes the scans among them; a baseline comparison also the packages of the inventories.
     *
     * @param reader the command's {@code --format} and the installed adapters
     * @param files the files as given on the command line
     * @param parsed the command line, for {@value ImageEvidence#SAME_IMAGE}
     * @return the reports with their files, in order
     * @throws dev.shelflife.ReportParseException if a file is missing or unreadable
     * @throws UsageException if two reports describe different images
     */
    static List<ImageEvidence.Report> read(FormatOption reader, List<String> files, Arguments parsed) {
        List<ImageEvidence.Report> reports = ImageEvidence.read(reader, files);
        ImageEvidence.record(reports, parsed.flag(ImageEvidence.SAME_IMAGE));
        return reports;
    }

    /**
     * The reports without their files.
     *
     * @param reports reports with their files
     * @return the reports, in order
     */
    static List<ScanReport> reports(List<ImageEvidence.Report> reports) {
        return reports.stream().map(ImageEvidence.Report::report).toList();
    }

    /**
     * Records the reports a command was given, when it was given a history.
     *
     * @param history the store's URL, if any
     * @param reports the reports with their files
     * @param at when they are recorded
     * @param command the command that records them, such as {@code shelflife merge}
     * @throws dev.shelflife.history.HistoryException if the store fails
     */
    static void record(Optional<String> history, List<ImageEvidence.Report> reports, Instant at, String command) {
        if (history.isEmpty()) {
            return;
        }
        try (HistoryStore store = HistoryOption.open(history.get())) {
            Recording.record(
                    store, reports, Optional.empty(), at, command, "record it with 'shelflife record --image REF'");
        }
    }
}
