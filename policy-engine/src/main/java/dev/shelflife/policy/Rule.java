package dev.shelflife.policy;

/**
 * One rule of a stage: the extension point of the policy engine. The built-in rules implement
 * it, and so can anyone's; a {@link RuleType} lets policy files name it ({@link RuleTypes} finds
 * every installed one).
 *
 * <p>A rule must be a pure function of its {@link RuleContext}: immutable, thread-safe, no
 * clock, file or network of its own. Time enters only through {@link RuleContext#at()}, and a
 * rule whose result depends on it must report, through
 * {@link RuleResult.Builder#changeAt(java.time.Instant, String)}, every instant after
 * {@code at} at which its result would change: the engine's forecast is only as exact as its
 * rules. The convention for deadlines is that a violation holds from the deadline on
 * ({@code at >= deadline}), and messages must not depend on {@code at} (say "reached its 30d
 * limit on 2026-12-04", not "is 34 days old").
 *
 * <p>Rules are values: implement {@code equals} (a record does) so that equal policies compare
 * equal.
 *
 * @since 0.1
 */
public interface Rule {

    /**
     * The rule's id: what verdicts, waivers and tests call it ({@code sla}), unique within a stage.
     *
     * @return the id
     */
    String id();

    /**
     * Evaluates the rule.
     *
     * @param context the record, stage, instant and findings to judge
     * @return the violations, actions and next change; never {@code null}
     */
    RuleResult evaluate(RuleContext context);
}
