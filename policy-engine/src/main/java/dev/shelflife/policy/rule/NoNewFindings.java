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
import dev.shelflife.policy.Treatment;
import dev.shelflife.policy.ValueType;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.internal.FixStates;
import dev.shelflife.policy.internal.Phrases;
import dev.shelflife.policy.merge.Baseline;
import dev.shelflife.policy.merge.BaselineDiff;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule {@code no-new-findings}: pull-request gating against a {@link Baseline}, the mainline
 * image's last reports. A finding the change {@linkplain BaselineDiff.Status#INTRODUCED introduced}
 * is a violation with the rule's effect; a finding {@linkplain BaselineDiff.Status#NEWLY_DISCLOSED
 * newly disclosed} against an unchanged package is treated as {@code newlyDisclosed} says (by
 * default a warning: the change did not cause it, and mainline has it too); existing findings
 * are not this rule's business.
 *
 * <p>Only findings of at least {@code minimum} (every severity, {@code UNKNOWN} included, when
 * none is given) in one of {@code fixStates} count. An evaluation without a baseline is treated as
 * {@code whenNoBaseline} says: by default a warning, since without a baseline nothing can be told
 * apart. The rule does not depend on time: it adds nothing to the forecast.
 *
 * @param id the rule's id; {@code no-new-findings} by default
 * @param effect whether violations for introduced findings block or warn
 * @param minimum the lowest severity that counts, or empty for every severity
 * @param fixStates the fix states that count; every state by default
 * @param newlyDisclosed what to do about newly disclosed findings; {@code WARN} by default
 * @param whenNoBaseline what to do when the evaluation has no baseline; {@code WARN} by default
 * @since 0.1
 */
public record NoNewFindings(
        String id,
        Effect effect,
        Optional<Severity> minimum,
        Set<FixState> fixStates,
        Treatment newlyDisclosed,
        Treatment whenNoBaseline)
        implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "no-new-findings";

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the id is blank, the minimum is {@code UNKNOWN} or no fix state counts
     */
    public NoNewFindings {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(minimum, "minimum");
        if (minimum.filter(m -> m == Severity.UNKNOWN).isPresent()) {
            throw new IllegalArgumentException("minimum must be a known severity: UNKNOWN is not ranked");
        }
        fixStates = FixStates.copy(fixStates);
        Objects.requireNonNull(newlyDisclosed, "newlyDisclosed");
        Objects.requireNonNull(whenNoBaseline, "whenNoBaseline");
    }

    /**
     * The rule with its defaults: introduced findings of every severity and fix state block, newly
     * disclosed ones warn, and so does an evaluation without a baseline.
     *
     * @return the rule
     */
    public static NoNewFindings of() {
        return new NoNewFindings(TYPE, Effect.BLOCK, Optional.empty(), FixStates.ALL, Treatment.WARN, Treatment.WARN);
    }

    /**
     * A copy that counts only findings of at least a severity.
     *
     * @param severity the lowest severity that counts
     * @return the copy
     */
    public NoNewFindings atLeast(Severity severity) {
        return new NoNewFindings(id, effect, Optional.of(severity), fixStates, newlyDisclosed, whenNoBaseline);
    }

    /**
     * A copy that counts only fixable findings.
     *
     * @return the copy, with {@code fixStates} = {@code FIXED}
     */
    public NoNewFindings fixableOnly() {
        return fixStates(FixStates.FIXABLE);
    }

    /**
     * A copy that counts findings in the given fix states.
     *
     * @param states the states
     * @return the copy
     */
    public NoNewFindings fixStates(Set<FixState> states) {
        return new NoNewFindings(id, effect, minimum, states, newlyDisclosed, whenNoBaseline);
    }

    /**
     * A copy that treats newly disclosed findings differently.
     *
     * @param treatment what to do about them
     * @return the copy
     */
    public NoNewFindings newlyDisclosed(Treatment treatment) {
        return new NoNewFindings(id, effect, minimum, fixStates, treatment, whenNoBaseline);
    }

    /**
     * A copy that treats an evaluation without a baseline differently.
     *
     * @param treatment what to do then
     * @return the copy
     */
    public NoNewFindings whenNoBaseline(Treatment treatment) {
        return new NoNewFindings(id, effect, minimum, fixStates, newlyDisclosed, treatment);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public NoNewFindings withId(String newId) {
        return new NoNewFindings(newId, effect, minimum, fixStates, newlyDisclosed, whenNoBaseline);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public NoNewFindings withEffect(Effect newEffect) {
        return new NoNewFindings(id, newEffect, minimum, fixStates, newlyDisclosed, whenNoBaseline);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        Optional<BaselineDiff> diff = context.baselineDiff();
        if (diff.isEmpty()) {
            whenNoBaseline
                    .effect(effect)
                    .ifPresent(e -> result.violation(Violation.builder(
                                    id,
                                    "no baseline to compare with, so introduced findings cannot be told from existing ones"
                                            + " (when-no-baseline: " + whenNoBaseline.key() + ")")
                            .effect(e)
                            .build()));
            return result.build();
        }
        for (Finding finding : context.findings()) {
            if (!counts(finding)) {
                continue;
            }
            diff.get().find(finding).ifPresent(entry -> {
                Optional<Effect> verdict = switch (entry.status()) {
                    case INTRODUCED -> Optional.of(effect);
                    case NEWLY_DISCLOSED -> newlyDisclosed.effect(effect);
                    case EXISTING, FIXED -> Optional.empty();
                };
                verdict.ifPresent(e -> {
                    result.violation(Violation.builder(id, message(finding, entry))
                            .effect(e)
                            .finding(finding)
                            .build());
                    result.actions(context.remedies(finding, Phrases.reason(id, finding)));
                });
            });
        }
        return result.build();
    }

    private boolean counts(Finding finding) {
        return minimum.map(finding.severity()::isAtLeast).orElse(true)
                && fixStates.contains(finding.fix().state());
    }

    private String message(Finding finding, BaselineDiff.Entry entry) {
        String pkg = finding.pkg().name();
        if (entry.status() == BaselineDiff.Status.NEWLY_DISCLOSED) {
            return Phrases.finding(finding) + " is newly disclosed: the baseline has " + pkg
                    + " at this version without it (newly-disclosed: " + newlyDisclosed.key() + "); "
                    + Phrases.fix(finding);
        }
        String change = entry.otherVersions().isEmpty()
                ? "the baseline's reports do not name " + pkg
                : "the baseline has " + pkg + " "
                        + entry.otherVersions().stream()
                                .map(v -> v.isEmpty() ? "at an unknown version" : v)
                                .collect(Collectors.joining(", "));
        return Phrases.finding(finding) + " is introduced by this change (" + change + "); " + Phrases.fix(finding);
    }

    /**
     * The rule type {@code no-new-findings} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<NoNewFindings> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    NoNewFindings.class,
                    "findings this change introduces, compared with a baseline, are violations",
                    List.of(
                            RuleKey.optional(
                                    "minimum",
                                    ValueType.SEVERITY,
                                    "every severity, `unknown` included",
                                    "the lowest severity that counts; not `unknown`"),
                            fixStates(""),
                            RuleKey.optional(
                                    "newly-disclosed",
                                    ValueType.TREATMENT,
                                    "`warn`",
                                    "what to do with a newly disclosed finding"),
                            RuleKey.optional(
                                    "when-no-baseline",
                                    ValueType.TREATMENT,
                                    "`warn`",
                                    "what to do with an evaluation without a baseline: one violation about the image")),
                    Type::read,
                    """
                *Java: `NoNewFindings.of().atLeast(Severity.HIGH)`.* Pull-request gating: the image's findings
                compared with a **baseline**, the mainline image's last reports, passed to the engine with the
                evaluation
                (`engine.evaluate(record, stage, at, EvaluationContext.none().withBaseline(Baseline.of(reports)))`).
                A finding the change *introduced* (its package is new, or at another version than in the baseline) is a
                violation with the rule's effect; one *newly disclosed* against a package the change left as it
                was is treated as `newly-disclosed` says; existing findings are not this rule's business.
                [merge-and-baseline.md](merge-and-baseline.md) explains the comparison, its limits, and how CI
                feeds the baseline.

                Violation: the finding, `CVE-2024-6345 HIGH in setuptools 69.0.3 is introduced by this change
                (the baseline's reports do not name setuptools); fixed in 70.0.0`, or `… (the baseline has Jinja2
                3.1.2) …` for a version change. Actions: a [bump](#actions) when a fix is available. No clock,
                no forecast.
                """);
        }

        private static Optional<NoNewFindings> read(RuleNode node) {
            Optional<NoNewFindings> rule = Optional.of(NoNewFindings.of());
            rule = node.with(rule, "minimum", ValueType.SEVERITY, NoNewFindings::atLeast);
            rule = node.with(rule, "fix-states", ValueType.FIX_STATES, NoNewFindings::fixStates);
            rule = node.with(rule, "newly-disclosed", ValueType.TREATMENT, NoNewFindings::newlyDisclosed);
            rule = node.with(rule, "when-no-baseline", ValueType.TREATMENT, NoNewFindings::whenNoBaseline);
            return node.idAndEffect(rule, NoNewFindings::withId, NoNewFindings::withEffect);
        }
    }
}
