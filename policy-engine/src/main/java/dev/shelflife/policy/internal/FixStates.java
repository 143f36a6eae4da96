package dev.shelflife.policy.internal;

import dev.shelflife.FixState;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The sets of fix states rules filter findings by.
 *
 * @since 0.2
 */
public final class FixStates {

    /** Every fix state: the default of the rules that filter by fix state. */
    public static final Set<FixState> ALL = Collections.unmodifiableSet(EnumSet.allOf(FixState.class));

    /** Only {@link FixState#FIXED}: "fixable only". */
    public static final Set<FixState> FIXABLE = Collections.unmodifiableSet(EnumSet.of(FixState.FIXED));

    private FixStates() {}

    /**
     * An immutable copy in declaration order.
     *
     * @param states the states
     * @return the copy
     * @throws IllegalArgumentException if the set is empty
     */
    public static Set<FixState> copy(Set<FixState> states) {
        Objects.requireNonNull(states, "fixStates");
        if (states.isEmpty()) {
            throw new IllegalArgumentException("fix-states must name at least one fix state");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(states));
    }
}
