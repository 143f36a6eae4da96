package dev.shelflife.policy.merge;

import dev.shelflife.ScanReport;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.rule.NoNewFindings;
import java.util.List;

/**
 * What an image is compared with for pull-request gating: the reports of the mainline image it
 * was built from (its last build's scans, kept by CI as build artifacts). Passed to
 * {@link PolicyEngine#evaluate(dev.shelflife.ImageRecord, dev.shelflife.Stage, java.time.Instant, EvaluationContext)}
 * in an {@link EvaluationContext#withBaseline(Baseline)}, where the {@link NoNewFindings} rule reads
 * the resulting {@link BaselineDiff}.
 *
 * <p>The engine takes the latest report of each scanner among these, as it does for the image
 * under evaluation. Compare like with like: the same scanners on both sides, since a vulnerability
 * that only one scanner reports looks new when that scanner did not scan the baseline. An SBOM
 * among the reports makes the baseline's package inventory complete (see {@link BaselineDiff}).
 *
 * @param reports the mainline image's reports; at least one
 * @since 0.1
 */
public record Baseline(List<ScanReport> reports) {

    /**
     * Validates and copies the reports.
     *
     * @throws IllegalArgumentException if there is no report: evaluate without a baseline instead
     */
    public Baseline {
        reports = List.copyOf(reports);
        if (reports.isEmpty()) {
            throw new IllegalArgumentException(
                    "a baseline needs at least one report; evaluate without a baseline instead");
        }
    }

    /**
     * A baseline of the given reports.
     *
     * @param reports the mainline image's reports
     * @return the baseline
     */
    public static Baseline of(List<ScanReport> reports) {
        return new Baseline(reports);
    }
}
