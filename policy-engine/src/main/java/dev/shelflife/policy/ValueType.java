package dev.shelflife.policy;

import dev.shelflife.FixState;
import dev.shelflife.Severity;
import dev.shelflife.policy.PolicyTree.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The type of a rule's key in a policy file, and how its value is read: what a {@link RuleType}
 * declares for each key ({@link RuleKey}) and hands to {@link RuleNode} to read it.
 *
 * <p>Every type reports a bad value where it is written, as the built-in rules' keys do: a
 * duration that does not parse, a severity that is not one, a list that is a text. A type of one's
 * own is made from a text with {@link #text(String, Function)} or from the keywords of an enum
 * with {@link #keyword(String, Object[], Function)}, and a list of them with
 * {@link #listOf(ValueType)}.
 *
 * @param <T> the Java type of a value
 * @since 0.2
 */
public final class ValueType<T> {

    /** Reads one value; package-private, since a node is not public. */
    @FunctionalInterface
    interface Reader<T> {
        Optional<T> read(PolicyBinder binder, String key, Node node);
    }

    /** A text: any scalar, written as it is ({@code off} stays {@code off}); not null. */
    public static final ValueType<String> TEXT = new ValueType<>("text", (b, k, n) -> b.text(n));

    /** A list of texts. */
    public static final ValueType<List<String>> TEXTS = listOf(TEXT).named("list of texts");

    /** A decimal number such as {@code 0.1}. */
    public static final ValueType<Double> NUMBER = new ValueType<>("number", (b, k, n) -> b.number(n));

    /** {@code true} or {@code false}. */
    public static final ValueType<Boolean> BOOLEAN = new ValueType<>("true or false", (b, k, n) -> b.bool(n));

    /** A duration: {@code 30d}, {@code 12h} or ISO-8601 without months and years. */
    public static final ValueType<Duration> DURATION = new ValueType<>("duration", (b, k, n) -> b.duration(n));

    /** An ISO-8601 date, time and offset, such as {@code 2026-12-31T00:00:00Z}. */
    public static final ValueType<Instant> INSTANT = new ValueType<>("instant", (b, k, n) -> b.instant(n));

    /** A severity, any case: {@code critical} to {@code negligible}, or {@code unknown}. */
    public static final ValueType<Severity> SEVERITY = new ValueType<>("severity", (b, k, n) -> b.severity(n));

    /** What to do when evidence is missing: {@code fail}, {@code warn} or {@code ignore}. */
    public static final ValueType<Treatment> TREATMENT = new ValueType<>("treatment", (b, k, n) -> b.treatment(n));

    /** A list of fix states, such as {@code [fixed]}; not empty. */
    public static final ValueType<Set<FixState>> FIX_STATES =
            new ValueType<>("list of fix states", (b, k, n) -> b.fixStates(n, k));

    /** A clock, or a list of clocks to try in order. */
    public static final ValueType<List<DeadlineClock>> CLOCKS =
            new ValueType<>("clock or list of clocks", (b, k, n) -> b.clocks(n, k));

    /** A mapping of severity to duration, such as <code>{critical: 7d, high: 30d}</code>. */
    public static final ValueType<Map<Severity, Duration>> SEVERITY_DURATIONS =
            new ValueType<>("mapping of severity to duration", (b, k, n) -> b.within(n, k));

    private final String name;
    private final Reader<T> reader;

    private ValueType(String name, Reader<T> reader) {
        this.name = Objects.requireNonNull(name, "name");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * A type read from a text by a function of one's own, which throws
     * {@link IllegalArgumentException} with a message for a value it refuses; the message is then
     * reported where the value is written.
     *
     * @param name what the reference calls the type, such as {@code registry host}
     * @param parse reads a text into a value
     * @param <T> the Java type of a value
     * @return the type
     */
    public static <T> ValueType<T> text(String name, Function<String, T> parse) {
        Objects.requireNonNull(parse, "parse");
        return new ValueType<>(
                name, (b, k, n) -> b.text(n).flatMap(text -> b.construct(n.location(), () -> parse.apply(text))));
    }

    /**
     * A type whose values are keywords, such as the constants of an enum; matched ignoring case.
     *
     * @param name what problems and the reference call a value, such as {@code mode}
     * @param values every value, in the order problems list them
     * @param keyword the keyword of a value, in lower case
     * @param <E> the Java type of a value
     * @return the type
     */
    public static <E> ValueType<E> keyword(String name, E[] values, Function<E, String> keyword) {
        E[] copy = values.clone();
        Objects.requireNonNull(keyword, "keyword");
        return new ValueType<>(name, (b, k, n) -> b.keyword(n, name, copy, keyword));
    }

    /**
     * A list of values of a type; every item is read, and each bad one reported.
     *
     * @param item the type of an item
     * @param <T> the Java type of an item
     * @return the type, named {@code list of} and the item's name
     */
    public static <T> ValueType<List<T>> listOf(ValueType<T> item) {
        Objects.requireNonNull(item, "item");
        return new ValueType<>("list of " + item.name, (b, k, n) -> b.listOf(n, k, v -> item.reader.read(b, k, v)));
    }

    /**
     * This type under another name, for the reference.
     *
     * @param other the name
     * @return the type, renamed
     */
    public ValueType<T> named(String other) {
        return new ValueType<>(other, reader);
    }

    /**
     * What the reference calls the type, such as {@code duration}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    Optional<T> read(PolicyBinder binder, String key, Node node) {
        return reader.read(binder, key, node);
    }

    @Override
    public String toString() {
        return name;
    }
}
