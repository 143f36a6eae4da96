package dev.shelflife.policy;

import dev.shelflife.ReportLocation;
import dev.shelflife.policy.PolicyTree.Entry;
import dev.shelflife.policy.PolicyTree.Mapping;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One rule as a policy file writes it, read key by key with a {@link ValueType}: what a
 * {@link RuleType} binds a rule from. Every problem (a missing key, a bad value, a value the rule's
 * factory refuses) is reported where it is written, with the policy's other problems.
 *
 * <p>The reading methods return empty when they reported a problem, so that a type chains them
 * and returns empty at the end; they read the value even when the rule is already broken, to
 * report its problems too:
 *
 * <pre>{@code
 * Optional<BaseImageCurrent> rule = node.create("grace", ValueType.DURATION, BaseImageCurrent::within);
 * rule = node.with(rule, "when-unknown", ValueType.TREATMENT, BaseImageCurrent::whenUnknown);
 * return node.idAndEffect(rule, BaseImageCurrent::withId, BaseImageCurrent::withEffect);
 * }</pre>
 *
 * <p>A factory or {@code with…} method refuses a value by throwing
 * {@link IllegalArgumentException}; its message is reported at the value.
 *
 * @since 0.2
 */
public final class RuleNode {

    /** The keys every rule has: its type, its id and its effect. */
    static final List<String> COMMON_KEYS = List.of("rule", "id", "effect");

    private static final ValueType<Effect> EFFECT = ValueType.keyword("effect", Effect.values(), Effect::key);

    private final PolicyBinder binder;
    private final Mapping map;
    private final String type;

    RuleNode(PolicyBinder binder, Mapping map, String type) {
        this.binder = binder;
        this.map = map;
        this.type = type;
    }

    /**
     * The rule's type, as {@code rule:} names it.
     *
     * @return the type's name
     */
    public String type() {
        return type;
    }

    /**
     * Where the rule is written.
     *
     * @return its line, column and JSON pointer
     */
    public ReportLocation location() {
        return map.location();
    }

    /**
     * Whether the rule has a key.
     *
     * @param key the key
     * @return true if it is written
     */
    public boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /**
     * The value of a key the rule must have.
     *
     * @param key the key
     * @param valueType the type of its value
     * @param <T> the Java type of the value
     * @return the value, or empty when the key is missing or its value is bad (reported)
     */
    public <T> Optional<T> required(String key, ValueType<T> valueType) {
        Entry entry = map.entries().get(key);
        if (entry == null) {
            binder.problem(map.location(), "missing key \"" + key + "\" in rule " + type);
            return Optional.empty();
        }
        return valueType.read(binder, key, entry.value());
    }

    /**
     * The value of a key the rule may leave out.
     *
     * @param key the key
     * @param valueType the type of its value
     * @param absent the value when the key is left out
     * @param <T> the Java type of the value
     * @return the value, {@code absent} without the key, or empty when the value is bad (reported)
     */
    public <T> Optional<T> optional(String key, ValueType<T> valueType, T absent) {
        Objects.requireNonNull(absent, "absent");
        Entry entry = map.entries().get(key);
        return entry == null ? Optional.of(absent) : valueType.read(binder, key, entry.value());
    }

    /**
     * A rule made by a factory from the value of a key the rule must have, such as
     * {@code SeverityGate.atLeast(minimum)}; what the factory refuses is reported at the value.
     *
     * @param key the key
     * @param valueType the type of its value
     * @param factory makes the rule from the value
     * @param <V> the Java type of the value
     * @param <R> the rule's type
     * @return the rule, or empty when a problem was reported
     */
    public <V, R> Optional<R> create(String key, ValueType<V> valueType, Function<V, R> factory) {
        Objects.requireNonNull(factory, "factory");
        return required(key, valueType).flatMap(value -> construct(key, () -> factory.apply(value)));
    }

    /**
     * Changes a rule with the value of a key it may leave out, through one of its {@code with…}
     * methods; without the key the rule stays as it is, with its factory's default.
     *
     * @param rule the rule so far, empty when a problem was reported
     * @param key the key
     * @param valueType the type of its value
     * @param wither makes the changed rule
     * @param <R> the rule's type
     * @param <V> the Java type of the value
     * @return the changed rule, or empty when a problem was reported, now or before
     */
    public <R, V> Optional<R> with(Optional<R> rule, String key, ValueType<V> valueType, BiFunction<R, V, R> wither) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(wither, "wither");
        Entry entry = map.entries().get(key);
        if (entry == null) {
            return rule;
        }
        Optional<V> value = valueType.read(binder, key, entry.value());
        if (rule.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return binder.construct(entry.value().location(), () -> wither.apply(rule.get(), value.get()));
    }

    /**
     * Applies the keys every rule has: {@code id} (by default the type's name, which the rule's
     * factory gives it) and {@code effect} ({@code block} or {@code warn}).
     *
     * @param rule the rule so far, empty when a problem was reported
     * @param withId the rule's {@code withId}
     * @param withEffect the rule's {@code withEffect}
     * @param <R> the rule's type
     * @return the rule with its id and effect, or empty when a problem was reported
     */
    public <R> Optional<R> idAndEffect(
            Optional<R> rule, BiFunction<R, String, R> withId, BiFunction<R, Effect, R> withEffect) {
        return with(with(rule, "id", ValueType.TEXT, withId), "effect", EFFECT, withEffect);
    }

    /**
     * Runs a factory, reporting what it refuses at the rule: for checks that span several keys.
     *
     * @param factory makes a value; throws {@link IllegalArgumentException} with a message to refuse
     * @param <T> what it makes
     * @return the value, or empty when the factory refused (reported)
     */
    public <T> Optional<T> construct(Supplier<T> factory) {
        return binder.construct(map.location(), factory);
    }

    /**
     * Runs a factory, reporting what it refuses at the value of a key, or at the rule without it.
     *
     * @param key the key whose value the factory reads
     * @param factory makes a value; throws {@link IllegalArgumentException} with a message to refuse
     * @param <T> what it makes
     * @return the value, or empty when the factory refused (reported)
     */
    public <T> Optional<T> construct(String key, Supplier<T> factory) {
        Entry entry = map.entries().get(key);
        return binder.construct(entry == null ? map.location() : entry.value().location(), factory);
    }

    /**
     * Reports a problem with the rule as a whole, such as two keys that exclude each other.
     *
     * @param message what is wrong, and what would be right
     */
    public void problem(String message) {
        binder.problem(map.location(), Objects.requireNonNull(message, "message"));
    }
}
