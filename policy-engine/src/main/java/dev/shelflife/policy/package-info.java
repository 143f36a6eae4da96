/**
 * The stage-aware policy engine: {@link dev.shelflife.policy.Policy} (per stage a
 * {@link dev.shelflife.policy.Mode} and {@link dev.shelflife.policy.Rule}s, plus
 * {@link dev.shelflife.policy.Waiver}s), loaded by {@link dev.shelflife.policy.Policies} from
 * YAML or JSON or built in Java, and evaluated by {@link dev.shelflife.policy.PolicyEngine} into
 * a {@link dev.shelflife.policy.Verdict} with violations, actions and a forecast.
 *
 * <p>The built-in rules are {@link dev.shelflife.policy.SeverityGate},
 * {@link dev.shelflife.policy.RemediationSla}, {@link dev.shelflife.policy.AgeLimit},
 * {@link dev.shelflife.policy.DenyList} and {@link dev.shelflife.policy.Coverage}; a rule of
 * one's own implements {@link dev.shelflife.policy.Rule} and reads a
 * {@link dev.shelflife.policy.RuleContext}. Nothing here reads the system clock: the evaluation
 * instant is always a parameter.
 *
 * @since 0.1
 */
package dev.shelflife.policy;
