package dev.shelflife;

import java.util.List;
import java.util.Objects;

/**
 * Whether a finding can be fixed, and by which versions.
 *
 * <p>{@code versions} keeps every version the scanner offered, in its order: Trivy's
 * {@code "1.2.3, 2.0.1"} becomes two entries, one per release line.
 *
 * @param state the fix state
 * @param versions the fixed versions, empty when none is known
 * @since 0.1
 */
public record Fix(FixState state, List<String> versions) {

    /** Validates the parts and copies the list. */
    public Fix {
        Objects.requireNonNull(state, "state");
        versions = List.copyOf(versions);
    }

    /**
     * A fix in the given versions.
     *
     * @param versions the fixed versions
     * @return a fix of state {@link FixState#FIXED}
     */
    public static Fix fixed(String... versions) {
        return new Fix(FixState.FIXED, List.of(versions));
    }

    /**
     * A fix state with no version.
     *
     * @param state the state
     * @return the fix
     */
    public static Fix of(FixState state) {
        return new Fix(state, List.of());
    }

    /**
     * Whether a fixed version can be installed.
     *
     * @return {@code true} if the state is {@link FixState#FIXED}
     */
    public boolean isAvailable() {
        return state.isFixable();
    }
}
