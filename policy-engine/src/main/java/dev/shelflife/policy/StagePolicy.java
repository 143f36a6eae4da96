package dev.shelflife.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a policy asks of one stage: a mode and a list of rules.
 *
 * @param mode how violations act on the outcome
 * @param rules the rules, evaluated in order; ids unique
 * @since 0.1
 */
public record StagePolicy(Mode mode, List<Rule> rules) {

    /**
     * Validates the parts and copies the rules.
     *
     * @throws IllegalArgumentException if two rules share an id
     */
    public StagePolicy {
        Objects.requireNonNull(mode, "mode");
        rules = List.copyOf(rules);
        Set<String> ids = new HashSet<>();
        for (Rule rule : rules) {
            String id = Objects.requireNonNull(rule.id(), "rule id");
            if (!ids.add(id)) {
                throw new IllegalArgumentException("two rules have the id \"" + id + "\": give one of them another id");
            }
        }
    }

    /**
     * A stage policy of the given mode and rules.
     *
     * @param mode the mode
     * @param rules the rules
     * @return the stage policy
     */
    public static StagePolicy of(Mode mode, Rule... rules) {
        return new StagePolicy(mode, List.of(rules));
    }
}
