package dev.shelflife.cli;

import dev.shelflife.PolicyException;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Stage;
import dev.shelflife.policy.Baseline;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.spi.ReportSource;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code shelflife evaluate --stage STAGE [--policy FILE] [--at INSTANT] [--output
 * text|json|markdown|sarif] [--fail-on warn|fail] REPORT...}: evaluates a policy over the reports
 * of one image and exits with the verdict.
 *
 * <p>Everything about the command line is checked before a report is read: the stage, the
 * instant, the options, and the policy itself. A policy that cannot be loaded, or that lacks the
 * stage, is a usage error (exit 2), like any other wrong configuration of the command; exit 3 is
 * kept for the evidence, the reports, so that a pipeline can tell "fix the pipeline" from "the
 * scanner wrote something unreadable".
 */
final class EvaluateCommand implements Command {

    private static final String STAGE = "--stage";
    private static final String POLICY = "--policy";
    private static final String AT = "--at";
    private static final String OUTPUT = "--output";
    private static final String FAIL_ON = "--fail-on";
    private static final String BASELINE = "--baseline";

    /** How the verdict is printed. */
    private enum Output {
        TEXT, JSON, MARKDOWN, SARIF
    }

    /** The weakest outcome that fails the command. */
    private enum FailOn {
        WARN, FAIL
    }

    private final InstantSource clock;

    /**
     * A command that evaluates at the instant {@code --at} gives, or else at the clock's.
     *
     * @param clock read once per run, when {@code --at} is not given
     */
    EvaluateCommand(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "evaluate a stage's policy over the reports of one image";
    }

    @Override
    public String synopsis() {
        return "evaluate --stage STAGE [--policy FILE] [--at INSTANT] [--output text|json|markdown|sarif] "
                + "[--fail-on warn|fail] [--baseline REPORT[,REPORT...]] REPORT...";
    }

    @Override
    public String help() {
        return """
                Evaluates a policy at one stage over the reports of one image, read together: scans
                by several scanners or on several dates, and VEX documents, whose statements act as
                waivers. Prints the verdict: the outcome, every violation, the waivers applied, the
                actions to take, and when the verdict will change on its own.

                  --stage STAGE        build, deploy, run, or another stage the policy defines
                  --policy FILE        a policy in YAML or JSON (docs/policy.md); default: the
                                       built-in default policy
                  --at INSTANT         evaluate at this instant instead of now: 2026-12-01T09:00:00Z,
                                       2026-12-01T10:00:00+01:00, or a date, 2026-12-01 (midnight UTC)
                  --output FORMAT      text (the default), json (docs/cli.md), markdown (a pull-request
                                       comment) or sarif (SARIF 2.1.0, one result per violation)
                  --fail-on warn|fail  the weakest outcome that exits 1; default: fail
                  --baseline FILES     the mainline image's last reports, separated by commas, for
                                       the no-new-findings rule (docs/merge-and-baseline.md)

                exit codes: 0 the verdict passes or warns, 1 it fails (or warns, with --fail-on
                warn), 2 a usage error or an invalid policy, 3 an unreadable report
                """;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(arguments, Set.of(STAGE, POLICY, AT, OUTPUT, FAIL_ON, BASELINE));
        Stage stage = stage(parsed.value(STAGE).orElseThrow(() -> new UsageException("missing " + STAGE)));
        if (parsed.positionals().isEmpty()) {
            throw new UsageException("missing the REPORT files");
        }
        Output output = choice(parsed, OUTPUT, Output.class, Output.TEXT);
        FailOn failOn = choice(parsed, FAIL_ON, FailOn.class, FailOn.FAIL);
        Instant at = parsed.value(AT).map(EvaluateCommand::instant).orElseGet(clock::instant);
        Optional<String> policyFile = parsed.value(POLICY);
        Policy policy = policy(policyFile);
        if (policy.stage(stage).isEmpty()) {
            throw new UsageException("the policy defines no stage \"" + stage + "\"; it defines: "
                    + policy.stages().keySet().stream().map(Stage::name).sorted().collect(Collectors.joining(", ")));
        }

        ScannerAdapters adapters = ScannerAdapters.load();
        List<EvaluateInput.Report> reports = new ArrayList<>();
        for (String file : parsed.positionals()) {
            Path path = ParseCommand.existingFile(file);
            reports.add(EvaluateInput.Report.of(file, adapters.read(ReportSource.of(path))));
        }
        EvaluateInput input = new EvaluateInput(reports, policyFile);
        PolicyEngine engine = PolicyEngine.of(policy);
        Optional<Baseline> baseline = parsed.value(BASELINE)
                .map(files -> Baseline.of(MergeOptions.read(adapters, List.of(files.split(",")))));
        Verdict verdict = baseline.map(b -> engine.evaluate(input.record(), stage, at, b))
                .orElseGet(() -> engine.evaluate(input.record(), stage, at));

        switch (output) {
            case JSON -> VerdictJson.write(verdict, input, out);
            case MARKDOWN -> VerdictMarkdown.write(verdict, input, out);
            case SARIF -> VerdictSarif.write(verdict, input, policy, out);
            case TEXT -> VerdictText.write(verdict, input, out);
        }
        boolean fails = verdict.outcome() == Outcome.FAIL || failOn == FailOn.WARN && verdict.outcome() == Outcome.WARN;
        return fails ? ExitCode.VERDICT_FAILED : ExitCode.SUCCESS;
    }

    private static Stage stage(String name) {
        try {
            return Stage.of(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(STAGE + ": " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(Arguments parsed, String option, Class<E> type, E byDefault) {
        Optional<String> value = parsed.value(option);
        if (value.isEmpty()) {
            return byDefault;
        }
        try {
            return Enum.valueOf(type, value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw new UsageException(option + " must be one of " + allowed + ", not \"" + value.get() + "\"");
        }
    }

    /** An ISO-8601 instant, with {@code Z} or an offset, or a date, read as its start in UTC. */
    static Instant instant(String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(AT + " must be an ISO-8601 instant such as 2026-12-01T09:00:00Z, or a date such as "
                    + "2026-12-01, not \"" + text + "\"");
        }
    }

    private static Policy policy(Optional<String> file) {
        if (file.isEmpty()) {
            return Policies.defaults();
        }
        try {
            return Policies.read(Path.of(file.get()));
        } catch (PolicyException e) {
            throw new UsageException(e.getMessage());
        } catch (InvalidPathException e) {
            throw new UsageException(POLICY + ": not a file name: " + e.getMessage());
        }
    }
}
