package dev.shelflife.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The instant a remediation deadline is counted from. {@link RuleContext#clock(DeadlineClock,
 * dev.shelflife.Finding)} reads a clock's value for one finding.
 *
 * @since 0.1
 */
public enum DeadlineClock {
    /** When the vulnerability was published, as the report says. */
    PUBLISHED("published"),
    /**
     * When a fix became known: scanners do not say when a fix appeared, so this is the scan
     * instant of the earliest report in the image's history that reported the finding (same
     * vulnerability id or alias, same package name) with a fix available.
     */
    FIX_AVAILABLE("fix-available"),
    /**
     * When the finding was first seen: the scan instant of the earliest report in the image's
     * history that reported the same vulnerability (id or alias) in the same package name,
     * fixable or not.
     */
    FIRST_SEEN("first-seen"),
    /** When the image was built. */
    IMAGE_BUILT("image-built"),
    /** The start (UTC) of the day the vulnerability was added to a known-exploited catalog. */
    KEV_ADDED("kev-added");

    private final String key;

    DeadlineClock(String key) {
        this.key = key;
    }

    /**
     * The name policy files and verdicts use.
     *
     * @return for example {@code fix-available}
     */
    public String key() {
        return key;
    }

    /**
     * The clock with the given policy-file name.
     *
     * @param key for example {@code first-seen}
     * @return the clock, or empty if no clock has that name
     */
    public static Optional<DeadlineClock> find(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }
}
