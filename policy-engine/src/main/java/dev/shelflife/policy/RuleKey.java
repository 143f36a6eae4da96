package dev.shelflife.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One key a {@link RuleType} accepts in a policy file besides {@code rule}, {@code id} and
 * {@code effect}: its name, the type of its value, its default, and what it means. The policy
 * reader refuses a key no type declares, and the reference in {@code docs/policy.md} is written
 * from these.
 *
 * @param name the key, such as {@code max}: lower-case letters, digits and {@code -}
 * @param type the type of its value
 * @param defaultValue what a rule has when the key is left out, as the reference says it
 *     ({@code fail}, {@code every fix state}); empty for a required key
 * @param description what the value means, one Markdown sentence or a few
 * @since 0.2
 */
public record RuleKey(String name, ValueType<?> type, Optional<String> defaultValue, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the name is not a key's, or is one every rule has
     */
    public RuleKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid key \"" + name + "\": lower-case letters, digits and '-', starting with a letter");
        }
        if (RuleNode.COMMON_KEYS.contains(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is a key of every rule; do not declare it");
        }
    }

    /**
     * A key that a rule must have.
     *
     * @param name the key
     * @param type the type of its value
     * @param description what the value means
     * @return the key
     */
    public static RuleKey required(String name, ValueType<?> type, String description) {
        return new RuleKey(name, type, Optional.empty(), description);
    }

    /**
     * A key that a rule may leave out.
     *
     * @param name the key
     * @param type the type of its value
     * @param defaultValue what a rule has without it, as the reference says it
     * @param description what the value means
     * @return the key
     */
    public static RuleKey optional(String name, ValueType<?> type, String defaultValue, String description) {
        return new RuleKey(name, type, Optional.of(defaultValue), description);
    }

    /**
     * Whether a rule must have the key.
     *
     * @return true for a key without a default
     */
    public boolean required() {
        return defaultValue.isEmpty();
    }
}
