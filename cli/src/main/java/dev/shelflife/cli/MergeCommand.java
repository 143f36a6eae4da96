package dev.shelflife.cli;

import dev.shelflife.policy.MergedFindings;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code shelflife merge REPORT... [--output text|json|markdown] [--severity RULE]}: merges the
 * reports of several scanners on one image into one finding per vulnerability and package
 * version, and says where the scanners disagree.
 */
final class MergeCommand implements Command {

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public String summary() {
        return "merge several scanners' reports of one image and show where they disagree";
    }

    @Override
    public String synopsis() {
        return "merge REPORT... [--output text|json|markdown] [--severity highest|vendor|scanner:NAME]"
                + " [--format ADAPTER-ID] [--same-image]";
    }

    @Override
    public String help() {
        return """
                Reads the reports of several scanners on one image (Trivy and Grype, say) and merges
                their findings into one per vulnerability and package version: findings join when
                they name the same package at the same version and share an id or alias (CVE, GHSA,
                distribution advisory). Prints every vulnerability with the scanners that saw it,
                and the disagreements: seen by one scanner only, different severities, different
                fixed versions, fixed according to one and not to another. Give one report per
                scanner; SBOMs and VEX documents are not scans, and are left out. Reports of two
                different images are refused.

                """ + MergeOptions.HELP + ImageEvidence.HELP;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(
                arguments,
                Set.of(MergeOptions.OUTPUT, MergeOptions.SEVERITY, FormatOption.NAME),
                Set.of(ImageEvidence.SAME_IMAGE));
        if (parsed.positionals().isEmpty()) {
            throw new UsageException("missing the REPORT files");
        }
        MergeOptions.Output output = MergeOptions.output(parsed);
        MergedFindings merged = MergedFindings.of(
                MergeOptions.read(FormatOption.of(parsed), parsed.positionals(), parsed),
                MergeOptions.severityRule(parsed));
        switch (output) {
            case TEXT -> MergeText.merge(merged, out);
            case JSON -> MergeJson.merge(merged, out);
            case MARKDOWN -> MergeMarkdown.merge(merged, out);
        }
        return ExitCode.SUCCESS;
    }
}
