package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    /**
     * A builder for a verdict, for engines and for tests of code that reads verdicts. The outcome
     * is not set: it follows from the violations.
     *
     * @param stage the stage evaluated
     * @param mode the stage's mode
     * @param evaluatedAt the instant evaluated at
     * @return the builder; every list starts empty and there is no next change
     * @since 0.2
     */
    public static Builder builder(Stage stage, Mode mode, Instant evaluatedAt) {
        return new Builder(stage, mode, evaluatedAt);
    }

    /**
     * Builds a {@link Verdict} part by part, deriving its outcome from its violations.
     *
     * @since 0.2
     */
    public static final class Builder {
        private final Stage stage;
        private final Mode mode;
        private final Instant evaluatedAt;
        private List<Violation> violations = List.of();
        private List<AppliedWaiver> waiversApplied = List.of();
        private List<Waiver> unmatchedWaivers = List.of();
        private List<Waiver> expiredWaivers = List.of();
        private List<Action> actions = List.of();
        private Forecast nextChange;
        private List<IgnoredEvidence> ignoredEvidence = List.of();

        private Builder(Stage stage, Mode mode, Instant evaluatedAt) {
            this.stage = Objects.requireNonNull(stage, "stage");
            this.mode = Objects.requireNonNull(mode, "mode");
            this.evaluatedAt = Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        }

        /**
         * Sets the violations, in the order of the stage's rules.
         *
         * @param value the violations
         * @return this builder
         */
        public Builder violations(List<Violation> value) {
            this.violations = Objects.requireNonNull(value, "violations");
            return this;
        }

        /**
         * Sets the waivers and VEX statements that took findings out of the evaluation.
         *
         * @param value the applied waivers
         * @return this builder
         */
        public Builder waiversApplied(List<AppliedWaiver> value) {
            this.waiversApplied = Objects.requireNonNull(value, "waiversApplied");
            return this;
        }

        /**
         * Sets the waivers that still apply and matched no finding.
         *
         * @param value the waivers
         * @return this builder
         */
        public Builder unmatchedWaivers(List<Waiver> value) {
            this.unmatchedWaivers = Objects.requireNonNull(value, "unmatchedWaivers");
            return this;
        }

        /**
         * Sets the waivers that cover the stage but have expired.
         *
         * @param value the waivers
         * @return this builder
         */
        public Builder expiredWaivers(List<Waiver> value) {
            this.expiredWaivers = Objects.requireNonNull(value, "expiredWaivers");
            return this;
        }

        /**
         * Sets what to do, each action once, sorted by kind and subject.
         *
         * @param value the actions
         * @return this builder
         */
        public Builder actions(List<Action> value) {
            this.actions = Objects.requireNonNull(value, "actions");
            return this;
        }

        /**
         * Sets the next change on its own.
         *
         * @param value the forecast, or {@code null} when the verdict never changes on its own
         * @return this builder
         */
        public Builder nextChange(@Nullable Forecast value) {
            this.nextChange = value;
            return this;
        }

        /**
         * Sets the evidence made after {@code evaluatedAt} that the evaluation left out.
         *
         * @param value the ignored evidence
         * @return this builder
         */
        public Builder ignoredEvidence(List<IgnoredEvidence> value) {
            this.ignoredEvidence = Objects.requireNonNull(value, "ignoredEvidence");
            return this;
        }

        /**
         * Builds the verdict, with the outcome its violations lead to.
         *
         * @return the verdict
         * @throws IllegalArgumentException as {@link Verdict#Verdict the constructor} does
         */
        public Verdict build() {
            return new Verdict(
                    stage,
                    mode,
                    evaluatedAt,
                    outcomeOf(violations),
                    violations,
                    waiversApplied,
                    unmatchedWaivers,
                    expiredWaivers,
                    actions,
                    Optional.ofNullable(nextChange),
                    ignoredEvidence);
        }
    }
}
