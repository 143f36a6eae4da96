package dev.shelflife;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The FIRST Exploit Prediction Scoring System values of a vulnerability.
 *
 * @param score the probability of exploitation in the next 30 days, 0..1
 * @param percentile the percentile of that score among all scored vulnerabilities, 0..1
 * @param date the day the score was computed, when known
 * @since 0.1
 */
public record Epss(double score, double percentile, Optional<LocalDate> date) {

    /**
     * Validates the ranges.
     *
     * @throws IllegalArgumentException if a value is outside 0..1
     */
    public Epss {
        if (!(score >= 0.0 && score <= 1.0) || !(percentile >= 0.0 && percentile <= 1.0)) {
            throw new IllegalArgumentException(
                    "EPSS score and percentile must lie in 0..1, got " + score + " / " + percentile);
        }
        java.util.Objects.requireNonNull(date, "date");
    }
}
