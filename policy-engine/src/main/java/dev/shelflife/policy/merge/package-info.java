/**
 * Several scanners' findings of one image merged, and compared with a baseline.
 * {@link dev.shelflife.policy.merge.MergedFindings} merges reports into
 * {@link dev.shelflife.policy.merge.FindingGroup}s, one per vulnerability and package version (each
 * with the {@link dev.shelflife.policy.merge.Sighting}s it was made of), with a
 * {@link dev.shelflife.policy.merge.SeverityRule} and the scanners'
 * {@link dev.shelflife.policy.merge.Disagreement}s; the engine judges these groups.
 * {@link dev.shelflife.policy.merge.BaselineDiff} compares them with a
 * {@link dev.shelflife.policy.merge.Baseline}, the mainline image's reports, for pull-request
 * gating by the {@link dev.shelflife.policy.rule.NoNewFindings} rule.
 *
 * @since 0.2
 */
@NullMarked
package dev.shelflife.policy.merge;

import org.jspecify.annotations.NullMarked;
