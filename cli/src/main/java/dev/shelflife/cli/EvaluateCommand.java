package dev.shelflife.cli;

import dev.shelflife.BaseImage;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import dev.shelflife.Stage;
import dev.shelflife.feed.Feeds;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.TagObservation;
import dev.shelflife.output.VerdictSarif;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.merge.Baseline;
import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code shelflife evaluate --stage STAGE [--policy FILE] [--at INSTANT] [--output
 * text|json|markdown|sarif] [--fail-on warn|fail] [--kev FILE] [--epss FILE] [--registry-offline
 * FILE | --registry-live] [--history URL [--image REF]] REPORT...}: evaluates a policy over the
 * reports of one image and exits with the verdict.
 *
 * <p>Everything about the command line is checked before a report is read: the stage, the
 * instant, the options, and the policy itself. A policy that cannot be loaded, or that lacks the
 * stage, is a usage error (exit 2), like any other wrong configuration of the command; exit 3 is
 * kept for the evidence, the reports, so that a pipeline can tell "fix the pipeline" from "the
 * scanner wrote something unreadable".
 *
 * <p>The feeds and the registry are gathered here, as {@code plan} gathers them, so that the engine
 * stays pure: the KEV and EPSS feeds are applied to the findings, and the image's base tag is
 * resolved into the {@link dev.shelflife.policy.BaseImageStatus} the {@code base-image-current} rule
 * judges. A base that cannot be resolved is not an error: the rule's {@code when-unknown} decides,
 * and why it is unknown is said on the error stream.
 *
 * <p>With a history, the reports are recorded, the clocks that remember ({@code first-seen},
 * {@code fix-available}) count from the lineage's recorded past, and the verdict is recorded, all
 * before anything is printed; with {@code --image} and no report, the image is evaluated from what
 * the history holds about it alone.
 */
final class EvaluateCommand implements Command {

    private static final String STAGE = "--stage";
    private static final String POLICY = PolicyOption.NAME;
    private static final String AT = "--at";
    private static final String OUTPUT = "--output";
    private static final String FAIL_ON = "--fail-on";
    private static final String BASELINE = "--baseline";
    private static final String IMAGE = "--image";
    private static final String IMAGE_HINT = "give " + IMAGE + " REF";

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
    private final Map<String, String> environment;

    /**
     * A command that evaluates at the instant {@code --at} gives, or else at the clock's, with no
     * history unless {@code --history} names one.
     *
     * @param clock read once per run, when {@code --at} is not given
     */
    EvaluateCommand(InstantSource clock) {
        this(clock, Map.of());
    }

    /**
     * A command that evaluates at the instant {@code --at} gives, or else at the clock's.
     *
     * @param clock read once per run, when {@code --at} is not given
     * @param environment the process's environment, for {@value HistoryOption#VARIABLE}
     */
    EvaluateCommand(InstantSource clock, Map<String, String> environment) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Map.copyOf(environment);
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
                + "[--fail-on warn|fail] [--baseline REPORT[,REPORT...]] [--format ADAPTER-ID] [--same-image] "
                + "[--kev FILE] [--epss FILE] [--registry-offline FILE | --registry-live] "
                + "[--history URL] [--image REF] REPORT...";
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
                """ + FeedOptions.HELP + RegistryOption.HELP + FormatOption.HELP + ImageEvidence.HELP
                + HistoryOption.HELP + """
                                       With a history, the reports are recorded, first-seen and
                                       fix-available count from the lineage's recorded scans, the
                                       base tag resolved is recorded, its moved-at is when the
                                       history first saw it on its current digest, and the verdict
                                       is recorded.
                  --image REF          with a history: the image the reports are about, when they do
                                       not say; without REPORT files, evaluate the image from what
                                       the history holds about it (the run stage)

                exit codes: 0 the verdict passes or warns, 1 it fails (or warns, with --fail-on
                warn), 2 a usage error, an invalid policy or registry file or a wrong history store, 3 an unreadable
                report or feed or an image the history holds nothing about, 75 the history store
                cannot be used now
                """;
    }

    @Override
    public ExitCode run(List<String> arguments, PrintStream out, PrintStream err) {
        Arguments parsed = Arguments.parse(
                arguments,
                Set.of(
                        STAGE,
                        POLICY,
                        AT,
                        OUTPUT,
                        FAIL_ON,
                        BASELINE,
                        FeedOptions.KEV,
                        FeedOptions.EPSS,
                        RegistryOption.OFFLINE,
                        FormatOption.NAME,
                        HistoryOption.NAME,
                        IMAGE),
                Set.of(ImageEvidence.SAME_IMAGE, RegistryOption.LIVE));
        Stage stage = stage(parsed.value(STAGE).orElseThrow(() -> new UsageException("missing " + STAGE)));
        Optional<String> history = HistoryOption.url(parsed, environment);
        Optional<ImageRef> image = HistoryOption.image(parsed, IMAGE);
        if (image.isPresent() && history.isEmpty()) {
            throw new UsageException(IMAGE + " names an image of the history: give " + HistoryOption.NAME
                    + " URL (or the variable " + HistoryOption.VARIABLE + ") too");
        }
        boolean fromHistory = parsed.positionals().isEmpty() && image.isPresent();
        if (parsed.positionals().isEmpty() && !fromHistory) {
            throw new UsageException(
                    history.isPresent()
                            ? "missing the REPORT files, or " + IMAGE + " REF to evaluate an image from the history"
                            : "missing the REPORT files");
        }
        Output output = parsed.choice(OUTPUT, Output.class, Output.TEXT);
        FailOn failOn = parsed.choice(FAIL_ON, FailOn.class, FailOn.FAIL);
        Instant at = parsed.instant(AT, clock);
        Optional<String> policyFile = parsed.value(POLICY);
        Policy policy = PolicyOption.load(policyFile);
        if (policy.stage(stage).isEmpty()) {
            throw new UsageException(PolicyOption.noStage(policy, stage));
        }
        Optional<RegistryOption> registry = RegistryOption.of(parsed, at);
        Feeds feeds = FeedOptions.read(parsed);

        FormatOption read = FormatOption.of(parsed);
        PolicyEngine engine = PolicyEngine.of(policy);
        Optional<Baseline> baseline = parsed.value(BASELINE)
                .map(files -> Baseline.of(ImageEvidence.record(
                                ImageEvidence.read(read, List.of(files.split(","))),
                                parsed.flag(ImageEvidence.SAME_IMAGE))
                        .reports()));
        EvaluationContext context =
                baseline.map(EvaluationContext.none()::withBaseline).orElseGet(EvaluationContext::none);
        EvaluateInput input;
        Verdict verdict;
        if (history.isEmpty()) {
            input = withFeeds(
                    EvaluateInput.of(
                            ImageEvidence.read(read, parsed.positionals()),
                            parsed.flag(ImageEvidence.SAME_IMAGE),
                            policyFile),
                    feeds);
            context = withBase(context, input.record(), registry, Optional.empty(), at, err);
            verdict = engine.evaluate(input.record(), stage, at, context);
        } else {
            List<ImageEvidence.Report> reports =
                    fromHistory ? List.of() : ImageEvidence.read(read, parsed.positionals());
            try (HistoryStore store = HistoryOption.open(history.get())) {
                ImageRef judged;
                if (fromHistory) {
                    judged = image.orElseThrow();
                    input = fromHistory(store, judged, at, policyFile);
                } else {
                    EvaluateInput given = EvaluateInput.of(reports, parsed.flag(ImageEvidence.SAME_IMAGE), policyFile);
                    judged = Recording.imageOf(given.record(), image, IMAGE_HINT);
                    Recording.record(store, reports, image, at, "shelflife evaluate", IMAGE_HINT);
                    input = new EvaluateInput(
                            given.reports(), Recording.withLineage(store, given.record(), judged, at), policyFile);
                }
                input = withFeeds(input, feeds);
                context = withBase(context, input.record(), registry, Optional.of(store), at, err);
                verdict = engine.evaluate(input.record(), stage, at, context);
                store.recordVerdict(Recording.issued(judged, verdict));
            }
        }

        Optional<Forecast> validUntil = verdict.outcome() == Outcome.PASS
                ? engine.validUntil(verdict, input.record(), context)
                : Optional.empty();
        switch (output) {
            case JSON -> VerdictJson.write(verdict, validUntil, input, out);
            case MARKDOWN -> VerdictMarkdown.write(verdict, validUntil, input, out);
            case SARIF ->
                VerdictSarif.write(
                        verdict, input.evidence(), validUntil, policy, Main.version(), RuleTypes.load(), out);
            case TEXT -> VerdictText.write(verdict, validUntil, input, out);
        }
        boolean fails = verdict.outcome() == Outcome.FAIL || failOn == FailOn.WARN && verdict.outcome() == Outcome.WARN;
        return fails ? ExitCode.VERDICT_FAILED : ExitCode.SUCCESS;
    }

    /**
     * The input with the feeds applied to its reports' findings, each report once: the record keeps
     * the very reports the input lists, so that each can still be named by its file.
     */
    private static EvaluateInput withFeeds(EvaluateInput input, Feeds feeds) {
        Map<ScanReport, ScanReport> applied = new IdentityHashMap<>();
        List<ImageEvidence.Report> reports = input.reports().stream()
                .map(r -> new ImageEvidence.Report(r.file(), applied.computeIfAbsent(r.report(), feeds::apply)))
                .toList();
        ImageRecord record = input.record()
                .withReports(input.record().reports().stream()
                        .map(r -> applied.computeIfAbsent(r, feeds::apply))
                        .toList());
        return new EvaluateInput(reports, record, input.policyFile());
    }

    /**
     * The context with the state of the image's base, when a registry is given and the image has a
     * base: resolved, observed in the history if there is one (whose first sighting of the tag on
     * its current digest is when it moved), and why it is unknown said on the error stream.
     */
    private static EvaluationContext withBase(
            EvaluationContext context,
            ImageRecord record,
            Optional<RegistryOption> registry,
            Optional<HistoryStore> history,
            Instant at,
            PrintStream err) {
        Optional<BaseImage> base = record.image().baseImage();
        if (registry.isEmpty() || base.isEmpty()) {
            return context;
        }
        RegistryOption.Resolution resolution =
                RegistryOption.resolve(registry, history, base.get().name(), at, "shelflife evaluate");
        resolution
                .note()
                .ifPresent(note ->
                        err.println("shelflife: base image " + base.get().name() + ": " + note));
        Optional<Instant> movedAt = resolution.observed().map(TagObservation::firstSeen);
        return context.withBaseImage(resolution.status(base.get(), movedAt));
    }

    /**
     * The input of an image evaluated from the history alone: the reports the store holds about
     * it at the instant, each labelled {@value Recording#FROM_HISTORY}, with its lineage's history.
     */
    private static EvaluateInput fromHistory(HistoryStore store, ImageRef image, Instant at, Optional<String> policy) {
        ImageRecord record = store.imageRecord(image, at)
                .orElseThrow(() -> new NothingRecordedException(
                        "the history holds no report of " + image + " made at or before " + at));
        List<ImageEvidence.Report> reports = record.reports().stream()
                .map(report -> new ImageEvidence.Report(Recording.FROM_HISTORY, report))
                .toList();
        return new EvaluateInput(reports, record, policy);
    }

    private static Stage stage(String name) {
        try {
            return Stage.of(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(STAGE + ": " + e.getMessage());
        }
    }
}
