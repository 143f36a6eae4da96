/**
 * The stage-aware policy engine: {@link dev.shelflife.policy.Policy} (per stage a
 * {@link dev.shelflife.policy.Mode} and {@link dev.shelflife.policy.Rule}s, plus
 * {@link dev.shelflife.policy.Waiver}s), loaded by {@link dev.shelflife.policy.Policies} from
 * YAML or JSON or built in Java, and evaluated by {@link dev.shelflife.policy.PolicyEngine} into
 * a {@link dev.shelflife.policy.Verdict} with violations, actions and a forecast.
 *
 * <p>Every kind of rule a policy file can name is a {@link dev.shelflife.policy.RuleType}, found
 * with {@link java.util.ServiceLoader} by {@link dev.shelflife.policy.RuleTypes}: the built-in
 * ones beside their rules, and anyone's on the class path; {@code docs/policy.md} lists the
 * built-in ones, written from their types. A rule of one's own implements
 * {@link dev.shelflife.policy.Rule} and reads a {@link dev.shelflife.policy.RuleContext}, and its
 * type binds it from a {@link dev.shelflife.policy.RuleNode}. Nothing here reads the system clock:
 * the evaluation instant is always a parameter.
 *
 * <p>Several scanners' findings of one image are merged by {@link dev.shelflife.policy.merge.MergedFindings}
 * into {@link dev.shelflife.policy.merge.FindingGroup}s, one per vulnerability and package version, with
 * a {@link dev.shelflife.policy.merge.SeverityRule} and the scanners' {@link dev.shelflife.policy.merge.Disagreement}s;
 * the engine judges these groups. {@link dev.shelflife.policy.merge.BaselineDiff} compares them with a
 * {@link dev.shelflife.policy.merge.Baseline}, the mainline image's reports, for pull-request gating by
 * the {@link dev.shelflife.policy.rule.NoNewFindings} rule. What the caller knows beyond the image
 * record (a baseline, a base image status) reaches the engine in an
 * {@link dev.shelflife.policy.EvaluationContext}.
 *
 * <p>Freshness: {@link dev.shelflife.policy.rule.KevDeadline} and {@link dev.shelflife.policy.rule.EpssThreshold}
 * judge the KEV listings and EPSS scores on the findings (which the caller may apply from feeds
 * before the evaluation), {@link dev.shelflife.policy.rule.BaseImageCurrent} the
 * {@link dev.shelflife.policy.BaseImageStatus} the caller resolved; bumps are sized in the
 * package's version scheme ({@code shelflife-versions}).
 *
 * @since 0.1
 */
package dev.shelflife.policy;
