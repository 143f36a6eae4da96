package dev.shelflife.policy;

import java.util.Locale;

/**
 * What a violation does to the verdict.
 *
 * @since 0.1
 */
public enum Effect {
    /** The violation fails the verdict when the stage enforces. */
    BLOCK,
    /** The violation is reported and the outcome is at most {@link Outcome#WARN}. */
    WARN;

    /**
     * The name policy files use.
     *
     * @return {@code block} or {@code warn}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
