package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.PolicyException;
import dev.shelflife.ScanReport;
import dev.shelflife.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates a policy: {@code evaluate(record, stage, at)} is pure, deterministic and
 * thread-safe. Time is a parameter; nothing here reads the system clock.
 *
 * <p>An evaluation takes the findings of the latest report of each scanner (see
 * {@link RuleContext}), takes out those that an active waiver covering the stage or a
 * suppressing VEX statement matches, runs the stage's rules in order, and merges what they say
 * into a {@link Verdict}: in a stage in {@link Mode#WARN} every violation becomes a warning; in
 * a stage that is {@link Mode#OFF} nothing is evaluated and the verdict passes. The verdict's
 * forecast is the earliest of the rules' next changes and of the expiries of the waivers that
 * cover the stage.
 *
 * @since 0.1
 */
public final class PolicyEngine {

    private final Policy policy;

    private PolicyEngine(Policy policy) {
        this.policy = policy;
    }

    /**
     * An engine for a policy.
     *
     * @param policy the policy
     * @return the engine
     */
    public static PolicyEngine of(Policy policy) {
        return new PolicyEngine(Objects.requireNonNull(policy, "policy"));
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
     * Evaluates an image record at a stage and an instant.
     *
     * @param record everything known about the image
     * @param stage the stage
     * @param at the instant to evaluate at (now, or any other: "what will this say next Tuesday?")
     * @return the verdict
     * @throws PolicyException if the policy does not define the stage
     */
    public Verdict evaluate(ImageRecord record, Stage stage, Instant at) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        StagePolicy stagePolicy = policy.stage(stage).orElseThrow(() -> new PolicyException(
                "the policy defines no stage \"" + stage + "\"; it defines: "
                        + policy.stages().keySet().stream().map(Stage::name).collect(Collectors.joining(", "))));
        if (stagePolicy.mode() == Mode.OFF) {
            return new Verdict(stage, Mode.OFF, at, Outcome.PASS, List.of(), List.of(), List.of(), List.of(),
                    List.of(), Optional.empty());
        }
        List<ScanReport> latest = latestPerScanner(record.reports());
        List<Finding> findings = latest.stream().flatMap(r -> r.findings().stream()).toList();
        Exemptions exemptions = Exemptions.apply(policy.waivers(), record.vexStatements(), stage, at, findings);
        RuleContext context = new RuleContext(record, stage, at, latest, exemptions.remaining(),
                FindingHistory.of(record.reports()));

        RuleResult.Builder combined = RuleResult.builder(at);
        for (Rule rule : stagePolicy.rules()) {
            RuleResult result = Objects.requireNonNull(rule.evaluate(context), () -> "rule " + rule.id() + " returned null");
            result.violations().forEach(v -> combined.violation(stagePolicy.mode() == Mode.WARN ? v.withEffect(Effect.WARN) : v));
            combined.actions(result.actions());
            result.nextChange().ifPresent(change -> combined.changeAt(change.at(), change.reason()));
        }
        exemptions.active().forEach(w -> combined.changeAt(w.expires(), "waiver " + w.id() + " expires"));
        RuleResult all = combined.build();
        return new Verdict(stage, stagePolicy.mode(), at, Verdict.outcomeOf(all.violations()), all.violations(),
                exemptions.applied(), exemptions.unmatched(), exemptions.expired(), merge(all.actions()),
                all.nextChange());
    }

    /**
     * The latest report of each scanner (by name, ignoring case), in the record's order; the
     * latest by scan instant, reports without one counting as oldest, ties going to the later one.
     */
    static List<ScanReport> latestPerScanner(List<ScanReport> reports) {
        Map<String, ScanReport> latest = new LinkedHashMap<>();
        for (ScanReport report : reports) {
            latest.merge(report.scanner().name().toLowerCase(Locale.ROOT), report,
                    (kept, candidate) -> scanned(candidate).compareTo(scanned(kept)) >= 0 ? candidate : kept);
        }
        return reports.stream().filter(r -> latest.containsValue(r)).distinct().toList();
    }

    private static Instant scanned(ScanReport report) {
        return report.scannedAt().orElse(Instant.MIN);
    }

    /**
     * Merges actions of the same kind on the same subject from the same version: reasons are
     * joined and, for bumps, the highest target is kept.
     */
    static List<Action> merge(List<Action> actions) {
        Map<List<Object>, List<Action>> groups = new LinkedHashMap<>();
        for (Action action : actions) {
            groups.computeIfAbsent(List.of(action.kind(), action.subject(), action.from()), k -> new ArrayList<>())
                    .add(action);
        }
        List<Action> merged = new ArrayList<>();
        for (List<Action> group : groups.values()) {
            Action first = group.get(0);
            Optional<String> to = group.stream().map(Action::to).flatMap(Optional::stream).max(VersionOrder.INSTANCE);
            List<String> reasons = group.stream().flatMap(a -> a.reasons().stream()).toList();
            merged.add(new Action(first.kind(), first.subject(), first.from(), to, reasons));
        }
        merged.sort(Comparator.comparing(Action::kind)
                .thenComparing(a -> a.subject().orElse(""))
                .thenComparing(a -> a.from().orElse("")));
        return List.copyOf(merged);
    }
}
