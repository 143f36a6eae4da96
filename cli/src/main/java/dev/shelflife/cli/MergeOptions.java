package dev.shelflife.cli;

import dev.shelflife.ScanReport;
import dev.shelflife.policy.SeverityRule;
import java.util.List;

/** What {@code merge} and {@code diff} share: their {@code --output}, {@code --severity} and {@code --format} options. */
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
            """ + FormatOption.HELP;

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

    static SeverityRule severityRule(Arguments parsed) {
        try {
            return parsed.value(SEVERITY).map(SeverityRule::parse).orElse(SeverityRule.HIGHEST);
        } catch (IllegalArgumentException e) {
            throw new UsageException(SEVERITY + ": " + e.getMessage());
        }
    }

    /**
     * Reads the reports of one image, each with the command's {@code --format} or its detected one.
     * Merging takes the scans among them; a baseline comparison also the packages of the inventories.
     *
     * @param reader the command's {@code --format} and the installed adapters
     * @param files the files as given on the command line
     * @param parsed the command line, for {@value ImageEvidence#SAME_IMAGE}
     * @return the reports, in order
     * @throws dev.shelflife.ReportParseException if a file is missing or unreadable
     * @throws UsageException if two reports describe different images
     */
    static List<ScanReport> read(FormatOption reader, List<String> files, Arguments parsed) {
        return ImageEvidence.record(ImageEvidence.read(reader, files), parsed.flag(ImageEvidence.SAME_IMAGE))
                .reports();
    }
}
