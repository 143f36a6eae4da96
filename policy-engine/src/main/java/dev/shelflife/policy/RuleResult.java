package dev.shelflife.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one rule found: its violations, the actions it recommends, and the next instant at which
 * its result would change on its own.
 *
 * @param violations the violations, in a deterministic order
 * @param actions the actions it recommends
 * @param nextChange the first instant after the evaluation instant at which this result changes,
 *     and why; empty if it never does
 * @since 0.1
 */
public record RuleResult(List<Violation> violations, List<Action> actions, Optional<Forecast> nextChange) {

    /** Copies the lists. */
    public RuleResult {
        violations = List.copyOf(violations);
        actions = List.copyOf(actions);
        Objects.requireNonNull(nextChange, "nextChange");
    }

    /**
     * A result with nothing in it.
     *
     * @return the empty result
     */
    public static RuleResult empty() {
        return new RuleResult(List.of(), List.of(), Optional.empty());
    }

    /**
     * A builder for the result of an evaluation at {@code at}; {@link RuleContext#result()} is
     * the usual way to get one.
     *
     * @param at the evaluation instant
     * @return the builder
     */
    public static Builder builder(Instant at) {
        return new Builder(at);
    }

    /**
     * Collects a rule's result and keeps the earliest change after the evaluation instant.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Instant at;
        private final List<Violation> violations = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();
        private Instant next;
        private final TreeSet<String> reasons = new TreeSet<>();

        private Builder(Instant at) {
            this.at = Objects.requireNonNull(at, "at");
        }

        /**
         * @param value one more violation
         * @return this builder
         */
        public Builder violation(Violation value) {
            violations.add(Objects.requireNonNull(value, "violation"));
            return this;
        }

        /**
         * @param value one more action
         * @return this builder
         */
        public Builder action(Action value) {
            actions.add(Objects.requireNonNull(value, "action"));
            return this;
        }

        /**
         * @param values more actions
         * @return this builder
         */
        public Builder actions(List<Action> values) {
            values.forEach(this::action);
            return this;
        }

        /**
         * Reports an instant at which the result would change. Instants not after the
         * evaluation instant are ignored; of the others the earliest is kept, and the reasons of
         * changes at that same instant are all kept.
         *
         * @param when when the result changes (a deadline, a limit, an expiry)
         * @param reason what happens then
         * @return this builder
         */
        public Builder changeAt(Instant when, String reason) {
            Objects.requireNonNull(when, "when");
            Objects.requireNonNull(reason, "reason");
            if (!when.isAfter(at)) {
                return this;
            }
            if (next == null || when.isBefore(next)) {
                next = when;
                reasons.clear();
            }
            if (when.equals(next)) {
                reasons.add(reason);
            }
            return this;
        }

        /**
         * Whether {@link #changeAt} would keep a change at this instant: a rule can then leave out
         * the text of changes that would be dropped (most deadlines of a record are not the earliest).
         *
         * @param when when the result would change
         * @return whether a change then would be kept, for now
         * @since 0.2
         */
        public boolean keepsChangeAt(Instant when) {
            return when.isAfter(at) && (next == null || !when.isAfter(next));
        }

        /**
         * Builds the result.
         *
         * @return the result
         */
        public RuleResult build() {
            Optional<Forecast> forecast =
                    next == null ? Optional.empty() : Optional.of(new Forecast(next, List.copyOf(reasons)));
            return new RuleResult(violations, actions, forecast);
        }
    }
}
