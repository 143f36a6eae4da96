package dev.shelflife.policy;

import dev.shelflife.ShelfLifeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The installed {@link RuleType}s, by name: the built-in ones and those of any jar on the class
 * path that lists one in {@code META-INF/services/dev.shelflife.policy.RuleType}.
 *
 * <p>Two types with one name stop discovery, naming both classes: a policy file must never mean
 * one thing with one class path and another with the next.
 *
 * <pre>{@code
 * RuleTypes types = RuleTypes.load();
 * Policy policy = Policies.read(Path.of("policy.yaml"), types);
 * }</pre>
 *
 * @since 0.2
 */
public final class RuleTypes {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final Map<String, RuleType> types;

    private RuleTypes(Map<String, RuleType> types) {
        this.types = Collections.unmodifiableMap(types);
    }

    /**
     * The rule types visible to the thread's context class loader, or else to this class's.
     *
     * @return the types, in the order they were found
     * @throws ShelfLifeException if a type cannot be loaded, or two have one name
     */
    public static RuleTypes load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : RuleTypes.class.getClassLoader());
    }

    /**
     * The rule types visible to a class loader.
     *
     * @param loader where to look
     * @return the types, in the order they were found
     * @throws ShelfLifeException if a type cannot be loaded, or two have one name
     */
    public static RuleTypes load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<RuleType> found = new ArrayList<>();
        try {
            ServiceLoader.load(RuleType.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new ShelfLifeException("cannot load a rule type: " + e.getMessage(), e);
        }
        return of(found);
    }

    /**
     * The given rule types, wired by hand.
     *
     * @param types the types
     * @return the registry
     * @throws ShelfLifeException if two have one name, or a name is not one
     */
    public static RuleTypes of(List<? extends RuleType> types) {
        Map<String, RuleType> byName = new LinkedHashMap<>();
        for (RuleType type : types) {
            String name =
                    Objects.requireNonNull(type.name(), () -> type.getClass().getName() + ".name()");
            if (!NAME.matcher(name).matches()) {
                throw new ShelfLifeException("the rule type " + type.getClass().getName() + " has an invalid name \""
                        + name + "\": lower-case letters, digits and '-', starting with a letter");
            }
            RuleType previous = byName.putIfAbsent(name, type);
            if (previous != null) {
                throw new ShelfLifeException("two rule types have the name \"" + name + "\": "
                        + previous.getClass().getName() + " and "
                        + type.getClass().getName());
            }
        }
        return new RuleTypes(byName);
    }

    /**
     * The type of a name.
     *
     * @param name the value of {@code rule:}
     * @return the type, or empty when none has that name
     */
    public Optional<RuleType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /**
     * The type that describes a rule of a policy (see {@link RuleType#describes(Rule)}).
     *
     * @param rule the rule
     * @return the first type that describes it, or empty for a rule built in Java of no type
     */
    public Optional<RuleType> describing(Rule rule) {
        Objects.requireNonNull(rule, "rule");
        return types.values().stream().filter(type -> type.describes(rule)).findFirst();
    }

    /**
     * Every type, in the order they were found.
     *
     * @return the types
     */
    public List<RuleType> all() {
        return List.copyOf(types.values());
    }

    /**
     * Every type's name, in the order they were found.
     *
     * @return the names
     */
    public List<String> names() {
        return List.copyOf(types.keySet());
    }
}
