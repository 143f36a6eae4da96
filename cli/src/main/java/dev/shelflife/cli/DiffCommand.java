package dev.shelflife.cli;

import dev.shelflife.Severity;
import dev.shelflife.policy.merge.BaselineDiff;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code shelflife diff [OPTIONS] --baseline REPORT... -- REPORT...}: compares an image's reports
 * with the reports of the mainline image it was built from, and classifies every finding as
 * introduced, newly disclosed, existing or fixed.
 *
 * <p>The reports before {@code --} are the baseline's (the first one follows {@code --baseline});
 * the ones after it are the image's. Options come before {@code --}. With a history, both sides'
 * reports are recorded.
 */
final class DiffCommand implements Command {

    private static final String BASELINE = "--baseline";
    private static final String FAIL_ON_INTRODUCED = "--fail-on-introduced";

    private final InstantSource clock;
    private final Map<String, String> environment;

    /** A command with no history unless {@code --history} names one. */
    DiffCommand() {
        this(InstantSource.system(), Map.of());
    }

    /**
     * A command that records at the clock's instant.
     *
     * @param clock read once per run with a history: when the reports are recorded
     * @param environment the process's environment, for {@value HistoryOption#VARIABLE}
     */
    DiffCommand(InstantSource clock, Map<String, String> environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "compare an image's reports with its mainline baseline: what a change introduced";
    }

    @Override
    public String synopsis() {
        return "diff [--output text|json|markdown] [--severity highest|vendor|scanner:NAME] "
                + "[--fail-on-introduced SEVERITY|any] [--format ADAPTER-ID] [--same-image] [--history URL]"
                + " --baseline REPORT... -- REPORT...";
    }

    @Override
    public String help() {
        return """
                Compares the reports of an image (a pull request's build) with those of the mainline
                image it was built from (the baseline: mainline's last reports, kept by CI), both
                sides merged as 'shelflife merge' does. Each finding of the image is INTRODUCED (its
                package is new, or at another version than in the baseline), NEWLY_DISCLOSED (the
                package and version are the baseline's, the vulnerability is new to it) or EXISTING;
                each baseline finding the image no longer has is FIXED. A finding is the same on both
                sides when its vulnerability (the same CVE ids, or a shared id when neither names a
                CVE), package and version are: tags, digests and the scanners' wording do not count. Give the same scanners on both sides,
                and an SBOM on both sides to tell newly disclosed from introduced in packages with no
                finding in the baseline.

                  --baseline REPORT... the baseline's reports; '--' ends them, the image's follow
                """ + MergeOptions.HELP + """
                  --fail-on-introduced SEVERITY|any
                                       exit 1 when the change introduced a finding of at least this
                                       severity (critical, high, medium, low, negligible), or of any
                                       severity; default: never

                exit codes: 0 compared (and nothing introduced at the --fail-on-introduced severity),
                1 the change introduced such a finding, 2 a usage error, 3 an unreadable report
                """;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        int end = arguments.indexOf("--");
        if (end < 0) {
            throw new UsageException("missing '--' and the image's REPORT files after it");
        }
        Arguments parsed = Arguments.parse(
                arguments.subList(0, end),
                Set.of(
                        BASELINE,
                        MergeOptions.OUTPUT,
                        MergeOptions.SEVERITY,
                        FAIL_ON_INTRODUCED,
                        FormatOption.NAME,
                        HistoryOption.NAME),
                Set.of(ImageEvidence.SAME_IMAGE));
        String first =
                parsed.value(BASELINE).orElseThrow(() -> new UsageException("missing " + BASELINE + " REPORT..."));
        List<String> baseline = new ArrayList<>(List.of(first));
        baseline.addAll(parsed.positionals());
        List<String> current = arguments.subList(end + 1, arguments.size());
        if (current.isEmpty()) {
            throw new UsageException("missing the image's REPORT files after '--'");
        }
        MergeOptions.Output output = MergeOptions.output(parsed);
        Optional<Predicate<Severity>> failOn = parsed.value(FAIL_ON_INTRODUCED).map(DiffCommand::threshold);
        Optional<String> history = HistoryOption.url(parsed, environment);
        FormatOption reader = FormatOption.of(parsed);
        List<ImageEvidence.Report> baselineReports = MergeOptions.read(reader, baseline, parsed);
        List<ImageEvidence.Report> currentReports = MergeOptions.read(reader, current, parsed);
        List<ImageEvidence.Report> both = new ArrayList<>(baselineReports);
        both.addAll(currentReports);
        BaselineDiff diff = BaselineDiff.between(
                MergeOptions.reports(baselineReports),
                MergeOptions.reports(currentReports),
                MergeOptions.severityRule(parsed, both));
        MergeOptions.record(history, both, clock.instant(), "shelflife diff");
        switch (output) {
            case TEXT -> MergeText.diff(diff, out);
            case JSON -> MergeJson.diff(diff, out);
            case MARKDOWN -> MergeMarkdown.diff(diff, out);
        }
        boolean fails = failOn.isPresent()
                && diff.entries(BaselineDiff.Status.INTRODUCED).stream()
                        .anyMatch(e -> failOn.get().test(e.group().severity()));
        return fails ? ExitCode.VERDICT_FAILED : ExitCode.SUCCESS;
    }

    /** Which severities fail: at least the one named, or every one, {@code UNKNOWN} included, for {@code any}. */
    private static Predicate<Severity> threshold(String text) {
        if (text.equalsIgnoreCase("any")) {
            return severity -> true;
        }
        Severity minimum = Arrays.stream(Severity.values())
                .filter(s -> s != Severity.UNKNOWN && s.name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new UsageException(FAIL_ON_INTRODUCED
                        + " must be critical, high, medium, low, negligible or any, not \"" + text + "\""));
        return severity -> severity.isAtLeast(minimum);
    }
}
