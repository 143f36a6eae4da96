package dev.shelflife.policy;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.IgnoreRule;
import dev.shelflife.ImageIdentity;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.Stage;
import dev.shelflife.policy.internal.MergeAccess;
import dev.shelflife.policy.merge.Baseline;
import dev.shelflife.policy.merge.BaselineDiff;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.merge.SeverityRule;
import dev.shelflife.policy.rule.BaseImageCurrent;
import dev.shelflife.policy.rule.NoNewFindings;
import dev.shelflife.version.VersionScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates a policy: {@code evaluate(record, stage, at)}, and
 * {@code evaluate(record, stage, at, context)} with what the caller knows beyond the record (see
 * {@link EvaluationContext}), are pure, deterministic and thread-safe. Time is a parameter; nothing
 * here reads the system clock.
 *
 * <p>An evaluation at an instant sees only the evidence that exists then: reports scanned, VEX
 * statements made and an image built after it (beyond a small {@linkplain #clockSkew() clock
 * skew}) are left out and listed as the verdict's {@linkplain Verdict#ignoredEvidence() ignored
 * evidence}, and the instant the first of them starts to count is a change in the forecast. It
 * takes the findings of the latest {@linkplain ScanReport#isScan() scan} of each scanner (an
 * inventory or an assessment is never a scan), merges them into one
 * finding per vulnerability and package version (see {@link MergedFindings}; the engine's
 * {@link SeverityRule} chooses the severity of a vulnerability that scanners rate differently),
 * takes out those that an active waiver covering the stage matches, or that the VEX statement
 * made last about them says need no action (statements about an image apply when it is the image
 * being judged, by digest or repository; {@code docs/policy.md} says how statements are matched
 * and ordered), then those that an active rule of a scanner's ignore file among the evidence
 * matches, as the policy's {@link ImportedWaivers} allow, runs the stage's rules in order, and merges what they say
 * into a {@link Verdict}: in a stage in {@link Mode#WARN} every violation becomes a warning; in
 * a stage that is {@link Mode#OFF} nothing is evaluated and the verdict passes. The verdict's
 * forecast is the earliest of the rules' next changes and of the expiries of the waivers that
 * cover the stage. Each violation about a finding carries the merged group, with every
 * scanner's sighting of it.
 *
 * @since 0.1
 */
public final class PolicyEngine {

    /** How far evidence may be dated after the evaluation instant and still count, by default. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * How many changes of a passing verdict's forecast {@link #validUntil(Verdict, ImageRecord,
     * EvaluationContext)} follows before it gives up.
     */
    static final int MAX_PASSING_CHANGES = 10_000;

    private final Policy policy;
    private final SeverityRule severityRule;
    private final Duration clockSkew;

    private PolicyEngine(Policy policy, SeverityRule severityRule, Duration clockSkew) {
        this.policy = policy;
        this.severityRule = severityRule;
        this.clockSkew = clockSkew;
    }

    /**
     * An engine for a policy, choosing the {@linkplain SeverityRule#HIGHEST highest} severity
     * when scanners disagree.
     *
     * @param policy the policy
     * @return the engine
     */
    public static PolicyEngine of(Policy policy) {
        return new PolicyEngine(Objects.requireNonNull(policy, "policy"), SeverityRule.HIGHEST, DEFAULT_CLOCK_SKEW);
    }

    /**
     * A copy that chooses the severity of a vulnerability that scanners rate differently by
     * another rule.
     *
     * @param rule the rule
     * @return the copy
     */
    public PolicyEngine withSeverityRule(SeverityRule rule) {
        return new PolicyEngine(policy, Objects.requireNonNull(rule, "rule"), clockSkew);
    }

    /**
     * A copy that lets evidence be dated up to another duration after the evaluation instant: the
     * clocks of the machine that scanned and of the one that evaluates are never quite equal.
     *
     * @param skew how far after the evaluation instant evidence still counts; zero or more
     * @return the copy
     * @throws IllegalArgumentException if the skew is negative
     * @since 0.2
     */
    public PolicyEngine withClockSkew(Duration skew) {
        if (Objects.requireNonNull(skew, "skew").isNegative()) {
            throw new IllegalArgumentException("the clock skew must not be negative, got " + skew);
        }
        return new PolicyEngine(policy, severityRule, skew);
    }

    /**
     * How far after the evaluation instant evidence may be dated and still count;
     * {@link #DEFAULT_CLOCK_SKEW} unless set.
     *
     * @return the skew
     * @since 0.2
     */
    public Duration clockSkew() {
        return clockSkew;
    }

    /**
     * How this engine chooses the severity of a vulnerability that scanners rate differently.
     *
     * @return the rule
     */
    public SeverityRule severityRule() {
        return severityRule;
    }

    /**
     * The policy this engine evaluates.
     *
     * @return the policy
     */
    public Policy policy() {
        return policy;
    }

    /**
     * Evaluates an image record at a stage and an instant, knowing nothing more than the record: the
     * same as {@code evaluate(record, stage, at, EvaluationContext.none())}.
     *
     * @param record everything known about the image
     * @param stage the stage
     * @param at the instant to evaluate at (now, or any other: "what will this say next Tuesday?")
     * @return the verdict
     * @throws PolicyException if the policy does not define the stage
     */
    public Verdict evaluate(ImageRecord record, Stage stage, Instant at) {
        return evaluate(record, stage, at, EvaluationContext.none());
    }

    /**
     * Evaluates an image record at a stage and an instant with what the caller knows beyond the
     * record: a {@link Baseline} for pull-request gating, which rules such as {@link NoNewFindings}
     * read as {@link RuleContext#baselineDiff()} (the latest report of each scanner among the
     * baseline's counts, as among the record's), and the {@link BaseImageStatus} of the image's
     * base image tag, which {@link BaseImageCurrent} reads as {@link RuleContext#baseImageStatus()}.
     * The caller resolves the tag; the engine does no I/O.
     *
     * @param record everything known about the image
     * @param stage the stage
     * @param at the instant to evaluate at
     * @param context the baseline and base image status, each if known; {@link EvaluationContext#none()} for neither
     * @return the verdict
     * @throws PolicyException if the policy does not define the stage
     */
    public Verdict evaluate(ImageRecord record, Stage stage, Instant at, EvaluationContext context) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(context, "context: pass EvaluationContext.none() when there is nothing to add");
        StagePolicy stagePolicy = stagePolicy(stage);
        if (stagePolicy.mode() == Mode.OFF) {
            return Verdict.builder(stage, Mode.OFF, at).build();
        }
        return new Pass(record, at, context).judge(stage, stagePolicy);
    }

    /**
     * Evaluates an image record at several stages and one instant, knowing nothing more than the
     * record: the same as {@code evaluate(record, stages, at, EvaluationContext.none())}.
     *
     * @param record everything known about the image
     * @param stages the stages, in the order the verdicts are wanted
     * @param at the instant to evaluate at
     * @return the verdict at each stage, in the order of the stages given
     * @throws PolicyException if the policy does not define one of the stages
     * @since 0.2
     */
    public Map<Stage, Verdict> evaluate(ImageRecord record, Collection<Stage> stages, Instant at) {
        return evaluate(record, stages, at, EvaluationContext.none());
    }

    /**
     * Evaluates an image record at several stages and one instant in one pass, with what the caller
     * knows beyond the record: each verdict equals the one {@link #evaluate(ImageRecord, Stage,
     * Instant, EvaluationContext) evaluate(record, stage, at, context)} returns for its stage, but
     * the work that does not depend on the stage is done once — the evidence that counts at the
     * instant, the latest scan of each scanner, the merge of their findings, the VEX statements,
     * the baseline comparison, the finding history behind the clocks and the remedies; waivers and
     * imported ignore rules are applied once for the stages the same waivers cover. A caller that
     * judges every stage of an image (a controller, a fleet, a stream) saves about as many merges
     * as it judges stages, less one.
     *
     * <pre>{@code
     * Map<Stage, Verdict> verdicts =
     *         engine.evaluate(record, List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN), at, context);
     * verdicts.forEach((stage, verdict) -> System.out.println(stage + ": " + verdict.outcome()));
     * }</pre>
     *
     * <p>Every stage is looked up before any is judged: a stage the policy does not define fails the
     * call and no verdict is returned. A stage given twice is judged once.
     *
     * @param record everything known about the image
     * @param stages the stages, in the order the verdicts are wanted
     * @param at the instant to evaluate at
     * @param context the baseline and base image status, each if known; {@link EvaluationContext#none()} for neither
     * @return the verdict at each stage, in the order of the stages given (an unmodifiable map)
     * @throws PolicyException if the policy does not define one of the stages
     * @since 0.2
     */
    public Map<Stage, Verdict> evaluate(
            ImageRecord record, Collection<Stage> stages, Instant at, EvaluationContext context) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(context, "context: pass EvaluationContext.none() when there is nothing to add");
        Map<Stage, StagePolicy> stagePolicies = new LinkedHashMap<>();
        for (Stage stage : stages) {
            Objects.requireNonNull(stage, "stages: a stage is null");
            if (!stagePolicies.containsKey(stage)) {
                stagePolicies.put(stage, stagePolicy(stage));
            }
        }
        Map<Stage, Verdict> verdicts = new LinkedHashMap<>();
        Pass pass = null;
        for (Map.Entry<Stage, StagePolicy> entry : stagePolicies.entrySet()) {
            Stage stage = entry.getKey();
            StagePolicy stagePolicy = entry.getValue();
            if (stagePolicy.mode() == Mode.OFF) {
                verdicts.put(stage, Verdict.builder(stage, Mode.OFF, at).build());
                continue;
            }
            if (pass == null) {
                pass = new Pass(record, at, context);
            }
            verdicts.put(stage, pass.judge(stage, stagePolicy));
        }
        return Collections.unmodifiableMap(verdicts);
    }

    private StagePolicy stagePolicy(Stage stage) {
        return policy.stage(stage)
                .orElseThrow(() -> new PolicyException("the policy defines no stage \"" + stage + "\"; it defines: "
                        + policy.stages().keySet().stream().map(Stage::name).collect(Collectors.joining(", "))));
    }

    /**
     * One record judged at one instant: what every stage shares is worked out when the pass begins
     * (the evidence, the merge, the statements, the baseline comparison) or when a stage first
     * needs it (the history, the remedies, the exemptions of a set of waivers), and each stage then
     * runs its rules over what is left for it.
     */
    private final class Pass {
        private final Instant at;
        private final EvaluationContext context;
        private final EvidenceAt evidence;
        private final List<ScanReport> latest;
        private final RecordWork work;
        private final MergedFindings merged;
        private final List<Finding> findings;
        private final Statements statements;
        private final Optional<BaselineDiff> diff;
        /** The exemptions of each set of covering waivers: stages covered by the same waivers share them. */
        private final Map<List<Waiver>, Exempted> exempted = new HashMap<>();
        /** The first stage's rule context, whose history and remedies the others share. */
        private RuleContext first;

        Pass(ImageRecord record, Instant at, EvaluationContext context) {
            this.at = at;
            this.context = context;
            this.evidence = EvidenceAt.of(record, at, at.plus(clockSkew));
            this.work = RecordWork.of(evidence.record(), evidence.record() == record, severityRule, at.plus(clockSkew));
            this.latest = work.latest();
            this.merged = work.merged();
            this.findings = work.findings();
            this.statements = Statements.of(
                    evidence.statements(),
                    ImageIdentity.of(evidence.record().image()),
                    () -> packagesShown(findings, evidence.record()));
            this.diff = context.baseline().map(b -> {
                List<ScanReport> latestOfBaseline = latestPerScanner(b.reports());
                return MergeAccess.get()
                        .diff(
                                withInventories(latestOfBaseline, b.reports()),
                                MergedFindings.of(latestOfBaseline, severityRule),
                                withInventories(latest, evidence.record().reports()),
                                merged);
            });
        }

        Verdict judge(Stage stage, StagePolicy stagePolicy) {
            Exempted exempt = exempted.computeIfAbsent(Exemptions.covering(policy.waivers(), stage), covering -> {
                Exemptions exemptions = Exemptions.apply(covering, statements, at, findings);
                ImportedRules imported = ImportedRules.apply(
                        ignoreRules(evidence.record()),
                        policy.importedWaivers(),
                        statements,
                        at,
                        exemptions.remaining());
                return new Exempted(exemptions, imported);
            });
            Exemptions exemptions = exempt.exemptions();
            ImportedRules imported = exempt.imported();
            RuleContext ruleContext;
            if (first == null) {
                ruleContext = new RuleContext(
                        evidence.record(),
                        stage,
                        at,
                        at.plus(clockSkew),
                        latest,
                        imported.remaining(),
                        work.identities(),
                        diff,
                        context.baseImage(),
                        work.shared());
                first = ruleContext;
            } else {
                ruleContext = first.atStage(stage, imported.remaining());
            }

            RuleResult.Builder combined = RuleResult.builder(at);
            for (Rule rule : stagePolicy.rules()) {
                RuleResult result = Objects.requireNonNull(
                        rule.evaluate(ruleContext), () -> "rule " + rule.id() + " returned null");
                for (Violation violation : result.violations()) {
                    Violation grouped = violation
                            .finding()
                            .flatMap(merged::group)
                            .map(violation::withGroup)
                            .orElse(violation);
                    combined.violation(stagePolicy.mode() == Mode.WARN ? grouped.withEffect(Effect.WARN) : grouped);
                }
                combined.actions(result.actions());
                result.nextChange()
                        .ifPresent(change -> change.reasons().forEach(r -> combined.changeAt(change.at(), r)));
            }
            exemptions.active().forEach(w -> combined.changeAt(w.expires(), "waiver " + w.id() + " expires"));
            imported.warnings().forEach(combined::violation);
            imported.expiries().forEach((id, expires) -> combined.changeAt(expires, "ignore rule " + id + " expires"));
            evidence.nextArrival()
                    .map(made -> made.minus(clockSkew))
                    .ifPresent(when ->
                            combined.changeAt(when, "evidence made after the evaluation instant starts to count"));
            RuleResult all = combined.build();
            return Verdict.builder(stage, stagePolicy.mode(), at)
                    .violations(all.violations())
                    .waiversApplied(concat(exemptions.applied(), imported.applied()))
                    .unmatchedWaivers(exemptions.unmatched())
                    .expiredWaivers(exemptions.expired())
                    .actions(merge(all.actions()))
                    .nextChange(all.nextChange().orElse(null))
                    .ignoredEvidence(evidence.ignored())
                    .build();
        }
    }

    /** The waivers, statements and imported ignore rules applied for the stages covered by the same waivers. */
    private record Exempted(Exemptions exemptions, ImportedRules imported) {}

    /**
     * Until when a passing verdict stays {@code PASS} on its own: the first change of its forecast
     * after which the verdict at this stage no longer passes, and why. It follows the forecast:
     * when a change leaves the verdict passing (a waiver that matched nothing expires, evidence
     * starts to count and adds no violation), it evaluates again at that change and takes the
     * next one, until a verdict does not pass or has no next change. Evaluated at any instant from
     * the verdict's own up to one nanosecond before the answer, the verdict passes; at the answer,
     * it does not.
     *
     * <pre>{@code
     * Verdict verdict = engine.evaluate(record, Stage.DEPLOY, at, context);
     * if (verdict.outcome() == Outcome.PASS) {
     *     engine.validUntil(verdict, record, context)
     *             .ifPresentOrElse(end -> System.out.println("passes until " + end.at() + ": " + end.reason()),
     *                     () -> System.out.println("passes until new evidence or policy changes it"));
     * }
     * }</pre>
     *
     * @param verdict a passing verdict of this engine, for the record, its stage and its instant
     * @param record the record the verdict was reached on
     * @param context the context it was reached with
     * @return the instant the verdict stops passing and the reason of that change; empty if it
     *     passes for good, as far as time alone goes
     * @throws IllegalArgumentException if the verdict does not pass
     * @throws IllegalStateException if the forecast changes {@value #MAX_PASSING_CHANGES} times
     *     and still passes: a rule that forecasts changes without end
     * @since 0.2
     */
    public Optional<Forecast> validUntil(Verdict verdict, ImageRecord record, EvaluationContext context) {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(context, "context");
        if (verdict.outcome() != Outcome.PASS) {
            throw new IllegalArgumentException(
                    "the verdict does not pass (" + verdict.outcome() + "): it is not valid until anything");
        }
        Verdict current = verdict;
        for (int step = 0; step < MAX_PASSING_CHANGES; step++) {
            Optional<Forecast> next = current.nextChange();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = evaluate(record, verdict.stage(), next.get().at(), context);
            if (current.outcome() != Outcome.PASS) {
                return next;
            }
        }
        throw new IllegalStateException("the verdict at " + verdict.stage() + " still passes after "
                + MAX_PASSING_CHANGES + " changes of its forecast: a rule forecasts changes without end");
    }

    /**
     * Until when a passing verdict, reached with {@link EvaluationContext#none()}, stays
     * {@code PASS}: the same as {@code validUntil(verdict, record, EvaluationContext.none())}.
     *
     * @param verdict a passing verdict of this engine
     * @param record the record the verdict was reached on
     * @return the instant the verdict stops passing and why; empty if it passes for good
     * @throws IllegalArgumentException if the verdict does not pass
     * @since 0.2
     */
    public Optional<Forecast> validUntil(Verdict verdict, ImageRecord record) {
        return validUntil(verdict, record, EvaluationContext.none());
    }

    /**
     * The package URLs the evidence about an image shows: its findings' packages and the components
     * of its scans and inventories, for statements about dependencies within a package.
     */
    private static List<String> packagesShown(List<Finding> findings, ImageRecord record) {
        List<String> purls = new ArrayList<>();
        findings.forEach(f -> f.pkg().purl().ifPresent(purls::add));
        for (ScanReport report : record.reports()) {
            if (report.kind() != EvidenceKind.ASSESSMENT) {
                report.components().forEach(c -> c.purl().ifPresent(purls::add));
            }
        }
        return purls;
    }

    /**
     * The reports whose findings an evaluation judges: the latest {@linkplain ScanReport#isScan()
     * scan} of each scanner (by name, ignoring case), in the record's order; the latest by scan
     * instant, reports without one counting as oldest, ties going to the later one. Inventories and
     * assessments are not scans and are left out, whatever their dates.
     *
     * @param reports the reports of one image
     * @return the latest scan of each scanner
     */
    public static List<ScanReport> latestPerScanner(List<ScanReport> reports) {
        Map<String, ScanReport> latest = new LinkedHashMap<>();
        for (ScanReport report : reports) {
            if (!report.isScan()) {
                continue;
            }
            latest.merge(
                    report.scanner().name().toLowerCase(Locale.ROOT),
                    report,
                    (kept, candidate) -> scanned(candidate).compareTo(scanned(kept)) >= 0 ? candidate : kept);
        }
        // By identity: comparing reports by value would hash every finding they hold.
        Set<ScanReport> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(latest.values());
        return reports.stream().filter(kept::remove).toList();
    }

    /** The rules of the ignore files among a record's evidence, in its order: the engine imports them as waivers. */
    private static List<IgnoreRule> ignoreRules(ImageRecord record) {
        return record.reports().stream()
                .flatMap(report -> report.ignoreRules().stream())
                .toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        if (second.isEmpty()) {
            return first;
        }
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The latest scans and every inventory among the reports: what a baseline comparison knows of the packages. */
    private static List<ScanReport> withInventories(List<ScanReport> latest, List<ScanReport> reports) {
        List<ScanReport> all = new ArrayList<>(latest);
        reports.stream().filter(r -> r.kind() == EvidenceKind.INVENTORY).forEach(all::add);
        return all;
    }

    private static Instant scanned(ScanReport report) {
        return report.scannedAt().orElse(Instant.MIN);
    }

    /**
     * Merges actions of the same kind on the same subject from the same version in the same
     * version scheme: reasons are joined and, for bumps, the highest target in the scheme is kept,
     * with its size. Bumps without a scheme keep a target only when they all name the same one:
     * nothing orders different ones.
     */
    static List<Action> merge(List<Action> actions) {
        Map<List<Object>, List<Action>> groups = new LinkedHashMap<>();
        for (Action action : actions) {
            groups.computeIfAbsent(
                            List.of(action.kind(), action.subject(), action.from(), action.scheme()),
                            k -> new ArrayList<>())
                    .add(action);
        }
        List<Action> merged = new ArrayList<>();
        for (List<Action> group : groups.values()) {
            Action first = group.get(0);
            Optional<Action> target = highestTarget(group);
            List<String> reasons;
            if (group.size() == 1) {
                reasons = first.reasons();
            } else {
                reasons = new ArrayList<>();
                for (Action action : group) {
                    reasons.addAll(action.reasons());
                }
            }
            merged.add(new Action(
                    first.kind(),
                    first.subject(),
                    first.from(),
                    target.flatMap(Action::to),
                    first.scheme(),
                    target.map(Action::size).orElse(first.size()),
                    reasons));
        }
        merged.sort(ACTION_ORDER);
        return List.copyOf(merged);
    }

    /** How a verdict orders its actions: by kind, subject, installed version and scheme id. */
    private static final Comparator<Action> ACTION_ORDER = (a, b) -> {
        int order = a.kind().compareTo(b.kind());
        if (order == 0) {
            order = a.subject().orElse("").compareTo(b.subject().orElse(""));
        }
        if (order == 0) {
            order = a.from().orElse("").compareTo(b.from().orElse(""));
        }
        if (order == 0) {
            order = schemeId(a).compareTo(schemeId(b));
        }
        return order;
    };

    private static String schemeId(Action action) {
        return action.scheme().isPresent() ? action.scheme().get().id() : "";
    }

    /**
     * The number of comparisons of two bump targets remembered, a power of two. The bumps of a
     * package's findings recur at every evaluation of a record, and each comparison reads both
     * versions in their scheme.
     */
    private static final int COMPARISON_SLOTS = 1024;

    /** Two targets compared in a scheme, and the answer. */
    private record Comparison(VersionScheme scheme, String a, String b, int order) {}

    /**
     * The comparisons made last, in a slot chosen by the hash of the two versions; as the bump
     * targets {@link Action#bump(Finding, String)} keeps, an entry is immutable and a slot is replaced
     * whole, so it is read and written from any thread without a lock.
     */
    private static final Comparison[] COMPARISONS = new Comparison[COMPARISON_SLOTS];

    /** {@code scheme.compare(a, b)}, remembered. */
    private static int compare(VersionScheme scheme, String a, String b) {
        int slot = (a.hashCode() * 31 + b.hashCode()) & (COMPARISON_SLOTS - 1);
        Comparison known = COMPARISONS[slot];
        if (known != null
                && known.scheme() == scheme
                && known.a().equals(a)
                && known.b().equals(b)) {
            return known.order();
        }
        int order = scheme.compare(a, b);
        COMPARISONS[slot] = new Comparison(scheme, a, b, order);
        return order;
    }

    /** The action of a group whose target is kept: the highest in the group's scheme, or the one all agree on. */
    private static Optional<Action> highestTarget(List<Action> group) {
        Optional<VersionScheme> scheme = group.get(0).scheme();
        Action kept = null;
        boolean agree = true;
        for (Action action : group) {
            if (action.to().isEmpty()) {
                continue;
            }
            if (kept == null) {
                kept = action;
            } else if (scheme.isPresent()) {
                // As Stream.max: the first of equal targets is kept (one text is one version: not read again).
                if (!kept.to().get().equals(action.to().get())
                        && compare(scheme.get(), kept.to().get(), action.to().get()) < 0) {
                    kept = action;
                }
            } else if (!action.to().equals(kept.to())) {
                agree = false;
            }
        }
        return kept == null || !agree ? Optional.empty() : Optional.of(kept);
    }
}
