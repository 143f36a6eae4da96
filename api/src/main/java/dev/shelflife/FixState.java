package dev.shelflife;

/**
 * Whether, and how, a vulnerable package can be fixed.
 *
 * @since 0.1
 */
public enum FixState {
    /** A fixed version exists. */
    FIXED,
    /** Affected, and no fix has been released yet. */
    NOT_FIXED,
    /** The vendor decided not to fix it (also "fix deferred"). */
    WONT_FIX,
    /** The package is not affected after all. */
    NOT_AFFECTED,
    /** The vendor is still investigating. */
    UNDER_INVESTIGATION,
    /** The package or distribution is out of support: no fix will come. */
    END_OF_LIFE,
    /** The report does not say. */
    UNKNOWN;

    /**
     * Whether a fix can be installed today.
     *
     * @return {@code true} only for {@link #FIXED}
     */
    public boolean isFixable() {
        return this == FIXED;
    }
}
