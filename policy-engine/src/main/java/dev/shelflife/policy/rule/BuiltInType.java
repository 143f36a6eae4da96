package dev.shelflife.policy.rule;

import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleKey;
import dev.shelflife.policy.RuleNode;
import dev.shelflife.policy.RuleType;
import dev.shelflife.policy.ValueType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every built-in {@link RuleType} is made of, so that each one, nested in its rule, says only
 * what is its own: name, description, keys, binding and documentation.
 *
 * @param <R> the rules it binds
 */
abstract class BuiltInType<R extends Rule> implements RuleType {

    private final String name;
    private final Class<R> ruleClass;
    private final String description;
    private final List<RuleKey> keys;
    private final Function<RuleNode, Optional<R>> binding;
    private final String documentation;

    BuiltInType(
            String name,
            Class<R> ruleClass,
            String description,
            List<RuleKey> keys,
            Function<RuleNode, Optional<R>> binding,
            String documentation) {
        this.name = Objects.requireNonNull(name, "name");
        this.ruleClass = Objects.requireNonNull(ruleClass, "ruleClass");
        this.description = Objects.requireNonNull(description, "description");
        this.keys = List.copyOf(keys);
        this.binding = Objects.requireNonNull(binding, "binding");
        this.documentation = Objects.requireNonNull(documentation, "documentation");
    }

    /** The key {@code fix-states}, with what the rule says of it besides. */
    static RuleKey fixStates(String more) {
        return RuleKey.optional(
                "fix-states", ValueType.FIX_STATES, "every fix state", "the fix states that count" + more);
    }

    /** The key {@code when-unknown}, {@code fail} by default: what to do with what. */
    static RuleKey whenUnknown(String what) {
        return RuleKey.optional("when-unknown", ValueType.TREATMENT, "`fail`", "what to do " + what);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Class<? extends Rule> ruleClass() {
        return ruleClass;
    }

    @Override
    public final List<RuleKey> keys() {
        return keys;
    }

    @Override
    public final Optional<R> bind(RuleNode node) {
        return binding.apply(node);
    }

    @Override
    public final String documentation() {
        return documentation;
    }

    @Override
    public String toString() {
        return "rule type " + name;
    }
}
