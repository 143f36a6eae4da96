package dev.shelflife.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * How a rule treats evidence it does not have: a clock nobody recorded, a stage with no scan,
 * a report with problems, an unknown severity.
 *
 * @since 0.1
 */
public enum Treatment {
    /** Fail closed: a violation with the rule's own effect. */
    FAIL,
    /** A violation that only warns, whatever the rule's effect. */
    WARN,
    /** Fail open: nothing is reported. */
    IGNORE;

    /**
     * The effect of the violation this treatment calls for.
     *
     * @param ruleEffect the effect of the rule that lacks the evidence
     * @return the violation's effect, or empty when there is no violation
     */
    public Optional<Effect> effect(Effect ruleEffect) {
        return switch (this) {
            case FAIL -> Optional.of(ruleEffect);
            case WARN -> Optional.of(Effect.WARN);
            case IGNORE -> Optional.empty();
        };
    }

    /**
     * The name policy files use.
     *
     * @return {@code fail}, {@code warn} or {@code ignore}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
