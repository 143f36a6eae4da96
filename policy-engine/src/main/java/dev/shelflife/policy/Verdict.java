package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy says about one image at one stage and instant: the outcome, every violation, the
 * waivers that applied or did not, what to do about it, and when this will change on its own.
 *
 * <p>Everything but {@code evaluatedAt} depends on the evaluation instant only through the
 * deadlines it passed: two evaluations of the same record at instants with no
 * {@linkplain #nextChange() change} between them give verdicts that differ only in
 * {@code evaluatedAt}.
 *
 * @param stage the stage evaluated
 * @param mode the stage's mode
 * @param evaluatedAt the instant evaluated at
 * @param outcome {@code FAIL} if a violation blocks, else {@code WARN} if there is a violation,
 *     else {@code PASS}
 * @param violations every violation, in the order of the stage's rules
 * @param waiversApplied the waivers and VEX statements that took findings out of the evaluation
 * @param unmatchedWaivers the policy's waivers that cover the stage, still apply, and matched no finding
 * @param expiredWaivers the policy's waivers that cover the stage but have expired
 * @param actions what to do, each action once, sorted by kind and subject
 * @param nextChange the next instant after {@code evaluatedAt} at which the verdict changes on
 *     its own, and why; empty if it never does
 * @param ignoredEvidence the evidence of the record made after {@code evaluatedAt}, which the
 *     evaluation left out (see {@link IgnoredEvidence})
 * @since 0.1
 */
public record Verdict(
        Stage stage,
        Mode mode,
        Instant evaluatedAt,
        Outcome outcome,
        List<Violation> violations,
        List<AppliedWaiver> waiversApplied,
        List<Waiver> unmatchedWaivers,
        List<Waiver> expiredWaivers,
        List<Action> actions,
        Optional<Forecast> nextChange,
        List<IgnoredEvidence> ignoredEvidence) {

    /**
     * Validates the parts, copies the lists and checks that the outcome follows from the violations.
     *
     * @throws IllegalArgumentException if the outcome does not match the violations, a stage in
     *     {@code WARN} or {@code OFF} mode has blocking violations, or the forecast is not after
     *     {@code evaluatedAt}
     */
    public Verdict {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(outcome, "outcome");
        violations = List.copyOf(violations);
        waiversApplied = List.copyOf(waiversApplied);
        unmatchedWaivers = List.copyOf(unmatchedWaivers);
        expiredWaivers = List.copyOf(expiredWaivers);
        actions = List.copyOf(actions);
        Objects.requireNonNull(nextChange, "nextChange");
        ignoredEvidence = List.copyOf(ignoredEvidence);
        if (outcome != outcomeOf(violations)) {
            throw new IllegalArgumentException("outcome " + outcome + " does not follow from the violations");
        }
        if (mode != Mode.ENFORCE && outcome == Outcome.FAIL) {
            throw new IllegalArgumentException("a stage in " + mode + " mode cannot fail");
        }
        if (nextChange.filter(f -> !f.at().isAfter(evaluatedAt)).isPresent()) {
            throw new IllegalArgumentException("the next change must come after " + evaluatedAt);
        }
    }

    /**
     * The outcome a list of violations leads to.
     *
     * @param violations the violations
     * @return {@code FAIL} if one blocks, {@code WARN} if there is any, {@code PASS} otherwise
     */
    public static Outcome outcomeOf(List<Violation> violations) {
        if (violations.stream().anyMatch(Violation::isBlocking)) {
            return Outcome.FAIL;
        }
        return violations.isEmpty() ? Outcome.PASS : Outcome.WARN;
    }

    /**
     * The waivers that applied but are stale: a finding they took out now has a fix available, so
     * the exception can give way to the fix. A waiver of the policy or a rule of an ignore file is
     * stale when any finding it took out has a {@linkplain dev.shelflife.Fix#isAvailable() fix
     * available}; a VEX statement never is, since a product that is not affected stays so whatever
     * the fix. A stale waiver still applies until it expires: it is reported, not dropped.
     *
     * @return each stale waiver as it {@linkplain #waiversApplied() applied}, with only the
     *     findings that now have a fix, in the order of {@link #waiversApplied()}
     * @since 0.2
     */
    public List<AppliedWaiver> staleWaivers() {
        List<AppliedWaiver> stale = new ArrayList<>();
        for (AppliedWaiver waiver : waiversApplied) {
            if (waiver.origin() == AppliedWaiver.Origin.VEX) {
                continue;
            }
            List<Finding> fixable = waiver.findings().stream()
                    .filter(f -> f.fix().isAvailable())
                    .toList();
            if (!fixable.isEmpty()) {
                stale.add(new AppliedWaiver(
                        waiver.id(),
                        waiver.origin(),
                        waiver.owner(),
                        waiver.reason(),
                        waiver.expires(),
                        fixable,
                        waiver.lacks()));
            }
        }
        return List.copyOf(stale);
    }

    /**
     * The violations of one rule.
     *
     * @param ruleId the rule's id
     * @return its violations, in order
     */
    public List<Violation> violationsOf(String ruleId) {
        return violations.stream().filter(v -> v.ruleId().equals(ruleId)).toList();
    }
}
