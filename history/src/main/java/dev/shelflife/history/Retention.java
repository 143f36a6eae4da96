package dev.shelflife.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the past a store keeps whole when it is {@linkplain HistoryStore#compact compacted}.
 * What the clocks need is always kept: the first sighting of every finding and of its fix in each
 * lineage, and every tag observation; so is the latest report of each scanner and kind of every
 * image.
 *
 * @param keepReportsFor how long recorded reports are kept whole, counted back from the compaction
 * @param keepVerdictsFor how long issued verdicts are kept
 * @since 0.2
 */
public record Retention(Duration keepReportsFor, Duration keepVerdictsFor) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if a duration is negative
     */
    public Retention {
        Objects.requireNonNull(keepReportsFor, "keepReportsFor");
        Objects.requireNonNull(keepVerdictsFor, "keepVerdictsFor");
        if (keepReportsFor.isNegative() || keepVerdictsFor.isNegative()) {
            throw new IllegalArgumentException("a retention cannot be negative");
        }
    }

    /**
     * Reports for 90 days, verdicts for 400: a quarter of scans to look back on, more than a year
     * of verdicts for an audit.
     *
     * @return the default retention
     */
    public static Retention defaults() {
        return new Retention(Duration.ofDays(90), Duration.ofDays(400));
    }
}
