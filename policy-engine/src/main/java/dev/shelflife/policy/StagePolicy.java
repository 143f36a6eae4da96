package dev.shelflife.policy;

import dev.shelflife.policy.rule.AgeLimit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a policy asks of one stage: a mode and a list of rules.
 *
 * <p>A stage that asks what another asks, and a little more, is built from it:
 * {@code deploy.plus(rule).withMode(Mode.ENFORCE)} keeps the rules of {@code deploy} in their
 * order, replaces the one of the same id and type as {@code rule}, or else adds {@code rule}
 * after them. This is what {@code extends} does in a policy file.
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

    /**
     * This stage policy with more rules: each rule replaces the rule of the same id, in its place,
     * or else comes after the rules already there, in the order given.
     *
     * <p>A rule replaces another only when both are of the same type (the same class, and for
     * {@link AgeLimit} the same subject), so that an id that happens to collide does not swap a
     * severity gate for an SLA unnoticed. The replacement is whole: nothing of the replaced rule
     * is kept.
     *
     * @param added the rules to add or replace with, ids unique among them
     * @return a stage policy of the same mode
     * @throws IllegalArgumentException if two of the rules share an id, or a rule has the id of a
     *     rule of another type
     * @since 0.2
     */
    public StagePolicy plus(Rule... added) {
        List<Rule> own = new StagePolicy(mode, List.of(added)).rules();
        List<Rule> merged = new ArrayList<>(rules);
        for (Rule rule : own) {
            int at = indexOf(merged, rule.id());
            if (at < 0) {
                merged.add(rule);
            } else if (kind(merged.get(at)).equals(kind(rule))) {
                merged.set(at, rule);
            } else {
                throw new IllegalArgumentException("rule \"" + rule.id() + "\" of type " + kindName(rule)
                        + " would replace the inherited rule of that id, of type " + kindName(merged.get(at))
                        + ": a rule replaces only a rule of its own type; give it another id");
            }
        }
        return new StagePolicy(mode, merged);
    }

    /**
     * This stage policy with another mode and the same rules.
     *
     * @param value the mode
     * @return a stage policy of that mode
     * @since 0.2
     */
    public StagePolicy withMode(Mode value) {
        return new StagePolicy(value, rules);
    }

    private static int indexOf(List<Rule> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** What makes two rules of one type: their class, and for an age limit what it limits the age of. */
    private static Object kind(Rule rule) {
        return rule instanceof AgeLimit limit ? limit.subject() : rule.getClass();
    }

    private static String kindName(Rule rule) {
        return rule instanceof AgeLimit limit
                ? limit.subject().key()
                : rule.getClass().getSimpleName();
    }
}
