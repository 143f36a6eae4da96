package dev.shelflife.policy;

import dev.shelflife.Finding;
import dev.shelflife.RecordedScan;
import dev.shelflife.Severity;
import dev.shelflife.policy.merge.FindingGroup;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One thing a rule objects to: a finding, or the image as a whole (its age, its scans).
 *
 * <p>Everything a renderer needs is here: the rule, the finding and its severity, the clock the
 * deadline was counted from and its value, the deadline (the violation holds from the deadline
 * on: {@code at >= deadline}), the effect and a message for a person. The message does not depend
 * on the evaluation instant, so a verdict stays equal until its forecast says otherwise.
 *
 * @param ruleId the id of the rule that found it ({@code sla}, {@code image-age})
 * @param effect whether it blocks or warns; in a stage in {@link Mode#WARN} every violation warns
 * @param finding the finding it is about, if it is about one
 * @param severity the finding's severity, if it is about one
 * @param clock the name of the clock the deadline was counted from ({@code fix-available},
 *     {@code image-built}, {@code last-scan}), if the rule uses one
 * @param clockValue that clock's value, if known
 * @param deadline the instant from which the violation holds, if it has one
 * @param message what is wrong, for a person
 * @param group the merged group the finding stands for, with every scanner's sighting of it, when
 *     the violation is about a finding the engine judged; the engine sets it
 * @param clockSource the recorded scan of the image's lineage the clock's value came from, when a
 *     history store made the record and the value is a remembered one (see {@link RuleContext#clockSource})
 * @since 0.1
 */
public record Violation(
        String ruleId,
        Effect effect,
        Optional<Finding> finding,
        Optional<Severity> severity,
        Optional<String> clock,
        Optional<Instant> clockValue,
        Optional<Instant> deadline,
        String message,
        Optional<FindingGroup> group,
        Optional<RecordedScan> clockSource) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the rule id or message is blank, or a clock value has no clock name
     */
    public Violation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(clockValue, "clockValue");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(clockSource, "clockSource");
        if (ruleId.isBlank() || message.isBlank()) {
            throw new IllegalArgumentException("a violation needs a rule id and a message");
        }
        if (clockValue.isPresent() && clock.isEmpty()) {
            throw new IllegalArgumentException("a clock value needs the clock's name");
        }
    }

    /**
     * A violation without a group, as rules make them; the engine adds the group.
     *
     * @param ruleId the id of the rule that found it
     * @param effect whether it blocks or warns
     * @param finding the finding it is about, if it is about one
     * @param severity the finding's severity, if it is about one
     * @param clock the name of the clock the deadline was counted from, if the rule uses one
     * @param clockValue that clock's value, if known
     * @param deadline the instant from which the violation holds, if it has one
     * @param message what is wrong, for a person
     */
    public Violation(
            String ruleId,
            Effect effect,
            Optional<Finding> finding,
            Optional<Severity> severity,
            Optional<String> clock,
            Optional<Instant> clockValue,
            Optional<Instant> deadline,
            String message) {
        this(
                ruleId,
                effect,
                finding,
                severity,
                clock,
                clockValue,
                deadline,
                message,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * A builder for a violation of the given rule.
     *
     * @param ruleId the rule's id
     * @param message what is wrong
     * @return a builder for a blocking violation about nothing in particular
     */
    public static Builder builder(String ruleId, String message) {
        return new Builder(ruleId, message);
    }

    /**
     * Whether this violation fails the verdict.
     *
     * @return {@code true} for {@link Effect#BLOCK}
     */
    public boolean isBlocking() {
        return effect == Effect.BLOCK;
    }

    /**
     * The id of the vulnerability this violation is about.
     *
     * @return the finding's vulnerability id, or empty when it is not about a finding
     */
    public Optional<String> vulnerabilityId() {
        return finding.map(f -> f.vulnerability().id());
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public Violation withEffect(Effect newEffect) {
        return new Violation(
                ruleId, newEffect, finding, severity, clock, clockValue, deadline, message, group, clockSource);
    }

    /**
     * A copy with the merged group its finding stands for.
     *
     * @param newGroup the group
     * @return the copy
     */
    public Violation withGroup(FindingGroup newGroup) {
        return new Violation(
                ruleId,
                effect,
                finding,
                severity,
                clock,
                clockValue,
                deadline,
                message,
                Optional.of(newGroup),
                clockSource);
    }

    /**
     * Builds a {@link Violation}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String ruleId;
        private final String message;
        private Effect effect = Effect.BLOCK;
        private Finding finding;
        private Severity severity;
        private String clock;
        private Instant clockValue;
        private Instant deadline;
        private RecordedScan clockSource;

        private Builder(String ruleId, String message) {
            this.ruleId = Objects.requireNonNull(ruleId, "ruleId");
            this.message = Objects.requireNonNull(message, "message");
        }

        /**
         * @param value whether it blocks or warns
         * @return this builder
         */
        public Builder effect(Effect value) {
            this.effect = Objects.requireNonNull(value, "effect");
            return this;
        }

        /**
         * Sets the finding, and the severity to the finding's unless one is set.
         *
         * @param value the finding
         * @return this builder
         */
        public Builder finding(Finding value) {
            this.finding = Objects.requireNonNull(value, "finding");
            return this;
        }

        /**
         * @param value the severity, when it is not the finding's
         * @return this builder
         */
        public Builder severity(Severity value) {
            this.severity = Objects.requireNonNull(value, "severity");
            return this;
        }

        /**
         * Sets the clock the deadline was counted from.
         *
         * @param name the clock's name
         * @param value its value, or {@code null} when the clock is unknown
         * @return this builder
         */
        public Builder clock(String name, @Nullable Instant value) {
            this.clock = Objects.requireNonNull(name, "name");
            this.clockValue = value;
            return this;
        }

        /**
         * @param value the instant from which the violation holds
         * @return this builder
         */
        public Builder deadline(Instant value) {
            this.deadline = Objects.requireNonNull(value, "deadline");
            return this;
        }

        /**
         * Sets the recorded scan the clock's value came from.
         *
         * @param value the scan, or {@code null} when the value is not a remembered one
         * @return this builder
         * @since 0.2
         */
        public Builder clockSource(@Nullable RecordedScan value) {
            this.clockSource = value;
            return this;
        }

        /**
         * Builds the violation.
         *
         * @return the violation
         */
        public Violation build() {
            Severity effectiveSeverity = severity != null ? severity : finding != null ? finding.severity() : null;
            return new Violation(
                    ruleId,
                    effect,
                    Optional.ofNullable(finding),
                    Optional.ofNullable(effectiveSeverity),
                    Optional.ofNullable(clock),
                    Optional.ofNullable(clockValue),
                    Optional.ofNullable(deadline),
                    message,
                    Optional.empty(),
                    Optional.ofNullable(clockSource));
        }
    }
}
