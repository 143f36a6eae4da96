package dev.shelflife.policy;

import java.util.Locale;

/**
 * How a stage acts on the violations its rules find.
 *
 * @since 0.1
 */
public enum Mode {
    /** Blocking violations fail the verdict. */
    ENFORCE,
    /**
     * Scan but don't block: the same evaluation as {@link #ENFORCE}, but every violation is a
     * warning, so the outcome is at most {@link Outcome#WARN}.
     */
    WARN,
    /** The stage evaluates nothing and always passes. */
    OFF;

    /**
     * The name policy files use.
     *
     * @return {@code enforce}, {@code warn} or {@code off}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
