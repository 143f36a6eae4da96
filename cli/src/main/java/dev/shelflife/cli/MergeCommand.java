package dev.shelflife.cli;

import dev.shelflife.policy.merge.MergedFindings;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code shelflife merge REPORT... [--output text|json|markdown] [--severity RULE] [--history
 * URL]}: merges the reports of several scanners on one image into one finding per vulnerability
 * and package version, and says where the scanners disagree; with a history, records the reports.
 */
final class MergeCommand implements Command {

    private final InstantSource clock;
    private final Map<String, String> environment;

    /** A command with no history unless {@code --history} names one. */
    MergeCommand() {
        this(InstantSource.system(), Map.of());
    }

    /**
     * A command that records at the clock's instant.
     *
     * @param clock read once per run with a history: when the reports are recorded
     * @param environment the process's environment, for {@value HistoryOption#VARIABLE}
     */
    MergeCommand(InstantSource clock, Map<String, String> environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Map.copyOf(environment);
    }

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
                + " [--format ADAPTER-ID] [--same-image] [--history URL]";
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
                Set.of(MergeOptions.OUTPUT, MergeOptions.SEVERITY, FormatOption.NAME, HistoryOption.NAME),
                Set.of(ImageEvidence.SAME_IMAGE));
        if (parsed.positionals().isEmpty()) {
            throw new UsageException("missing the REPORT files");
        }
        MergeOptions.Output output = MergeOptions.output(parsed);
        Optional<String> history = HistoryOption.url(parsed, environment);
        List<ImageEvidence.Report> reports = MergeOptions.read(FormatOption.of(parsed), parsed.positionals(), parsed);
        MergedFindings merged =
                MergedFindings.of(MergeOptions.reports(reports), MergeOptions.severityRule(parsed, reports));
        MergeOptions.record(history, reports, clock.instant(), "shelflife merge");
        switch (output) {
            case TEXT -> MergeText.merge(merged, out);
            case JSON -> MergeJson.merge(merged, out);
            case MARKDOWN -> MergeMarkdown.merge(merged, out);
        }
        return ExitCode.SUCCESS;
    }
}
