package dev.shelflife.policy;

/**
 * The outcome of a verdict.
 *
 * @since 0.1
 */
public enum Outcome {
    /** No violation. */
    PASS,
    /** Violations, none of which blocks. */
    WARN,
    /** At least one blocking violation in a stage that enforces. */
    FAIL
}
