package dev.shelflife.policy.rule;

import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.Severity;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleKey;
import dev.shelflife.policy.RuleNode;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.ValueType;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.internal.FixStates;
import dev.shelflife.policy.internal.Phrases;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rule {@code severity-gate}: every finding of at least a minimum severity, among the fix states
 * that count, is a violation, whatever its age. "Fixable only" is {@code fix-states: [fixed]}.
 *
 * <p>{@link Severity#UNKNOWN} is not ranked and never reaches the gate; the {@link Coverage}
 * rule decides about findings of unknown severity.
 *
 * @param id the rule's id; {@code severity-gate} by default
 * @param effect whether its violations block or warn
 * @param minimum the lowest severity that violates
 * @param fixStates the fix states that count; every state by default
 * @since 0.1
 */
public record SeverityGate(String id, Effect effect, Severity minimum, Set<FixState> fixStates) implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "severity-gate";

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the id is blank, the minimum is {@code UNKNOWN} or no fix state counts
     */
    public SeverityGate {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(minimum, "minimum");
        if (minimum == Severity.UNKNOWN) {
            throw new IllegalArgumentException(
                    "minimum must be a known severity: UNKNOWN is not ranked (see the coverage rule)");
        }
        fixStates = FixStates.copy(fixStates);
    }

    /**
     * A blocking gate on findings of at least {@code minimum}, in every fix state.
     *
     * @param minimum the lowest severity that violates
     * @return the rule
     */
    public static SeverityGate atLeast(Severity minimum) {
        return new SeverityGate(TYPE, Effect.BLOCK, minimum, FixStates.ALL);
    }

    /**
     * A copy that counts only fixable findings.
     *
     * @return the copy, with {@code fixStates} = {@code FIXED}
     */
    public SeverityGate fixableOnly() {
        return fixStates(FixStates.FIXABLE);
    }

    /**
     * A copy that counts findings in the given fix states.
     *
     * @param states the states
     * @return the copy
     */
    public SeverityGate fixStates(Set<FixState> states) {
        return new SeverityGate(id, effect, minimum, states);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public SeverityGate withId(String newId) {
        return new SeverityGate(newId, effect, minimum, fixStates);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public SeverityGate withEffect(Effect newEffect) {
        return new SeverityGate(id, newEffect, minimum, fixStates);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        for (Finding finding : context.findings()) {
            if (finding.severity().isAtLeast(minimum)
                    && fixStates.contains(finding.fix().state())) {
                result.violation(Violation.builder(
                                id, Phrases.finding(finding) + " is at least " + minimum + "; " + Phrases.fix(finding))
                        .effect(effect)
                        .finding(finding)
                        .build());
                result.actions(context.remedies(finding, Phrases.reason(id, finding)));
            }
        }
        return result.build();
    }

    /**
     * The rule type {@code severity-gate} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<SeverityGate> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    SeverityGate.class,
                    "findings at or above a minimum severity, among the fix states that count, are violations",
                    List.of(
                            RuleKey.required(
                                    "minimum",
                                    ValueType.SEVERITY,
                                    "the lowest severity that violates; not `unknown`, which is not ranked (see"
                                            + " [coverage](#coverage))"),
                            fixStates("")),
                    Type::read,
                    """
                *Java: `SeverityGate.atLeast(Severity.HIGH).fixableOnly()`.* Every finding of at least a
                minimum severity, among the fix states that count, is a violation — whatever its age. This is
                the build-time rule: no clock, no deadline, no forecast.

                Violation: the finding and its severity, no clock. Actions: a [bump](#actions) when a fix is
                available.
                """);
        }

        private static Optional<SeverityGate> read(RuleNode node) {
            Optional<SeverityGate> rule = node.create("minimum", ValueType.SEVERITY, SeverityGate::atLeast);
            rule = node.with(rule, "fix-states", ValueType.FIX_STATES, SeverityGate::fixStates);
            return node.idAndEffect(rule, SeverityGate::withId, SeverityGate::withEffect);
        }
    }
}
