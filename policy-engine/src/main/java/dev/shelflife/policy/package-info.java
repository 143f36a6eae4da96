/**
 * The stage-aware policy engine: {@link dev.shelflife.policy.Policy} (per stage a
 * {@link dev.shelflife.policy.Mode} and {@link dev.shelflife.policy.Rule}s, plus
 * {@link dev.shelflife.policy.Waiver}s), loaded by {@link dev.shelflife.policy.Policies} from
 * YAML or JSON or built in Java, and evaluated by {@link dev.shelflife.policy.PolicyEngine} into
 * a {@link dev.shelflife.policy.Verdict} with violations, actions and a forecast.
 *
 * <p>Every kind of rule a policy file can name is a {@link dev.shelflife.policy.RuleType}, found
 * with {@link java.util.ServiceLoader} by {@link dev.shelflife.policy.RuleTypes}: the built-in
 * ones beside their rules in {@link dev.shelflife.policy.rule}, and anyone's on the class path;
 * {@code docs/policy.md} lists the built-in ones, written from their types. A rule of one's own
 * implements {@link dev.shelflife.policy.Rule} and reads a {@link dev.shelflife.policy.RuleContext}
 * (with the {@link dev.shelflife.policy.DeadlineClock}s a deadline is counted from), and its type
 * binds it from a {@link dev.shelflife.policy.RuleNode}. Nothing here reads the system clock: the
 * evaluation instant is always a parameter.
 *
 * <p>The engine judges the findings of an image merged from several scanners' reports
 * ({@link dev.shelflife.policy.merge}). What the caller knows beyond the image record (a
 * {@link dev.shelflife.policy.merge.Baseline}, a {@link dev.shelflife.policy.BaseImageStatus})
 * reaches the engine in an {@link dev.shelflife.policy.EvaluationContext}.
 *
 * @since 0.1
 */
@NullMarked
package dev.shelflife.policy;

import org.jspecify.annotations.NullMarked;
