/**
 * The built-in rules a policy names: {@link dev.shelflife.policy.rule.SeverityGate},
 * {@link dev.shelflife.policy.rule.RemediationSla}, {@link dev.shelflife.policy.rule.AgeLimit},
 * {@link dev.shelflife.policy.rule.DenyList}, {@link dev.shelflife.policy.rule.Coverage},
 * {@link dev.shelflife.policy.rule.NoNewFindings}, {@link dev.shelflife.policy.rule.KevDeadline},
 * {@link dev.shelflife.policy.rule.EpssThreshold} and {@link dev.shelflife.policy.rule.BaseImageCurrent}.
 * Each is a {@link dev.shelflife.policy.Rule} with a nested {@link dev.shelflife.policy.RuleType}
 * registered in {@code META-INF/services/dev.shelflife.policy.RuleType}, so a policy file names
 * it just as it names a rule of one's own; {@code docs/policy.md} lists them, written from their
 * types.
 *
 * <p>Freshness: {@link dev.shelflife.policy.rule.KevDeadline} and
 * {@link dev.shelflife.policy.rule.EpssThreshold} judge the KEV listings and EPSS scores on the
 * findings (which the caller may apply from feeds before the evaluation),
 * {@link dev.shelflife.policy.rule.BaseImageCurrent} the {@link dev.shelflife.policy.BaseImageStatus}
 * the caller resolved; bumps are sized in the package's version scheme ({@code shelflife-versions}).
 *
 * @since 0.2
 */
@NullMarked
package dev.shelflife.policy.rule;

import org.jspecify.annotations.NullMarked;
