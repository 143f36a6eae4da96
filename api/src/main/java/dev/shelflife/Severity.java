package dev.shelflife;

import java.util.Locale;
import java.util.Optional;

/**
 * How bad a vulnerability is, in one scale shared by every scanner.
 *
 * <p>The order is {@code CRITICAL > HIGH > MEDIUM > LOW > NEGLIGIBLE}. {@link #UNKNOWN} stands
 * for a severity that is missing or that no adapter recognised; it is deliberately not ranked,
 * so that a policy decides explicitly how to treat it instead of it sorting silently below
 * {@code NEGLIGIBLE}.
 *
 * @since 0.1
 */
public enum Severity {
    /** Unknown or unrecognised severity. */
    UNKNOWN(-1),
    /** Negligible: Debian's "unimportant", Grype's "Negligible". */
    NEGLIGIBLE(0),
    /** Low. */
    LOW(1),
    /** Medium (also "moderate"). */
    MEDIUM(2),
    /** High (also "important"). */
    HIGH(3),
    /** Critical. */
    CRITICAL(4);

    private final int rank;

    Severity(int rank) {
        this.rank = rank;
    }

    /**
     * Whether this severity is known and at least as severe as {@code minimum}.
     *
     * @param minimum the threshold; {@code UNKNOWN} matches only {@code UNKNOWN}
     * @return {@code true} if this severity reaches the threshold
     */
    public boolean isAtLeast(Severity minimum) {
        if (minimum == UNKNOWN || this == UNKNOWN) {
            return this == minimum;
        }
        return rank >= minimum.rank;
    }

    /**
     * Maps the spellings scanners use ({@code "High"}, {@code "critical"}, {@code "moderate"},
     * {@code "important"}, {@code "negligible"}, {@code "unimportant"}, {@code "info"} …) to a
     * severity.
     *
     * @param text the scanner's word, in any case
     * @return the severity, or empty when the word is not one this enum knows
     */
    public static Optional<Severity> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "critical" -> Optional.of(CRITICAL);
            case "high", "important" -> Optional.of(HIGH);
            case "medium", "moderate" -> Optional.of(MEDIUM);
            case "low" -> Optional.of(LOW);
            case "negligible", "unimportant", "info", "informational", "none" -> Optional.of(NEGLIGIBLE);
            case "unknown" -> Optional.of(UNKNOWN);
            default -> Optional.empty();
        };
    }
}
