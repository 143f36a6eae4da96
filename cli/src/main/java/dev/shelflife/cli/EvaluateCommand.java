package dev.shelflife.cli;

import dev.shelflife.Stage;
import dev.shelflife.policy.Baseline;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    private static final String POLICY = PolicyOption.NAME;
    private static final String AT = "--at";
    private static final String OUTPUT = "--output";
    private static final String FAIL_ON = "--fail-on";
    private static final String BASELINE = "--baseline";

    /** How the verdict is printed. */
    private enum Output {
        TEXT,
        JSON,
        MARKDOWN,
        SARIF
    }

    /** The weakest outcome that fails the command. */
    private enum FailOn {
        WARN,
        FAIL
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
                + "[--fail-on warn|fail] [--baseline REPORT[,REPORT...]] [--format ADAPTER-ID] [--same-image] REPORT...";
    }

    @Override
    public String help() {
        return """
                Evaluates a policy at one stage over the reports of one image, read together: scans
                by several scanners or on several dates, SBOMs (inventories, never a scan), and VEX
                documents (assessments), whose statements act as waivers. Reports of two different
                images are refused. Evidence made after the evaluation instant did not exist yet and
                is left out. Prints the verdict: the outcome, every violation, the waivers applied,
                the actions to take, and when the verdict will change on its own.

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
                """ + FormatOption.HELP + ImageEvidence.HELP + """

                exit codes: 0 the verdict passes or warns, 1 it fails (or warns, with --fail-on
                warn), 2 a usage error or an invalid policy, 3 an unreadable report
                """;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(
                arguments,
                Set.of(STAGE, POLICY, AT, OUTPUT, FAIL_ON, BASELINE, FormatOption.NAME),
                Set.of(ImageEvidence.SAME_IMAGE));
        Stage stage = stage(parsed.value(STAGE).orElseThrow(() -> new UsageException("missing " + STAGE)));
        if (parsed.positionals().isEmpty()) {
            throw new UsageException("missing the REPORT files");
        }
        Output output = parsed.choice(OUTPUT, Output.class, Output.TEXT);
        FailOn failOn = parsed.choice(FAIL_ON, FailOn.class, FailOn.FAIL);
        Instant at = parsed.instant(AT, clock);
        Optional<String> policyFile = parsed.value(POLICY);
        Policy policy = PolicyOption.load(policyFile);
        if (policy.stage(stage).isEmpty()) {
            throw new UsageException(PolicyOption.noStage(policy, stage));
        }

        FormatOption read = FormatOption.of(parsed);
        EvaluateInput input = EvaluateInput.of(
                ImageEvidence.read(read, parsed.positionals()), parsed.flag(ImageEvidence.SAME_IMAGE), policyFile);
        PolicyEngine engine = PolicyEngine.of(policy);
        Optional<Baseline> baseline = parsed.value(BASELINE)
                .map(files -> Baseline.of(ImageEvidence.record(
                                ImageEvidence.read(read, List.of(files.split(","))),
                                parsed.flag(ImageEvidence.SAME_IMAGE))
                        .reports()));
        EvaluationContext context =
                baseline.map(EvaluationContext.none()::withBaseline).orElseGet(EvaluationContext::none);
        Verdict verdict = engine.evaluate(input.record(), stage, at, context);

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
}
