package dev.shelflife.cli;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A command's arguments, split into options and positional arguments.
 *
 * <p>Options are long and take a value ({@code --output json} or {@code --output=json}), except
 * the flags a command declares, which take none ({@code --registry-live}); {@code --} ends them, so
 * that a file named {@code --x} can still be given. Unknown options, missing values, a value given
 * to a flag and repeated options are usage errors.
 */
final class Arguments {

    private final List<String> positionals;
    private final Map<String, String> values;
    private final Set<String> flags;

    private Arguments(List<String> positionals, Map<String, String> values, Set<String> flags) {
        this.positionals = List.copyOf(positionals);
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
    }

    /**
     * Splits a command's arguments.
     *
     * @param arguments the arguments
     * @param options the options the command knows, such as {@code --output}
     * @return the split arguments
     * @throws UsageException for an unknown option, a missing value or a repeated option
     */
    static Arguments parse(List<String> arguments, Set<String> options) {
        return parse(arguments, options, Set.of());
    }

    /**
     * Splits a command's arguments, some of whose options are flags without a value.
     *
     * @param arguments the arguments
     * @param options the options the command knows that take a value, such as {@code --output}
     * @param flagOptions the options that take none, such as {@code --registry-live}
     * @return the split arguments
     * @throws UsageException for an unknown option, a missing value, a flag with a value or a repeated option
     */
    static Arguments parse(List<String> arguments, Set<String> options, Set<String> flagOptions) {
        List<String> positionals = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--")) {
                positionals.addAll(arguments.subList(i + 1, arguments.size()));
                break;
            }
            if (!isOption(argument)) {
                positionals.add(argument);
                continue;
            }
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (flagOptions.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException(name + " takes no value");
                }
                if (!flags.add(name)) {
                    throw new UsageException(name + " is given twice");
                }
                continue;
            }
            if (!options.contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            String value;
            if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (i + 1 < arguments.size() && !isOption(arguments.get(i + 1))) {
                value = arguments.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        return new Arguments(positionals, values, flags);
    }

    /**
     * Whether an argument looks like an option: {@code -} alone does not.
     *
     * @param argument a command-line argument
     * @return {@code true} if it starts with {@code -} and has more after it
     */
    static boolean isOption(String argument) {
        return argument.startsWith("-") && argument.length() > 1;
    }

    /**
     * The arguments that are not options, in order.
     *
     * @return the positional arguments
     */
    List<String> positionals() {
        return positionals;
    }

    /**
     * The value of an option.
     *
     * @param option the option, such as {@code --output}
     * @return its value, or empty when not given
     */
    Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    /**
     * Whether a flag was given.
     *
     * @param flag the flag, such as {@code --registry-live}
     * @return {@code true} if it was
     */
    boolean flag(String flag) {
        return flags.contains(flag);
    }

    /**
     * The value of an option that names one of an enum's constants, in any case.
     *
     * @param option the option, such as {@code --output}
     * @param type the enum
     * @param byDefault the constant when the option is not given
     * @param <E> the enum
     * @return the constant
     * @throws UsageException if the value names no constant
     */
    <E extends Enum<E>> E choice(String option, Class<E> type, E byDefault) {
        Optional<String> value = value(option);
        if (value.isEmpty()) {
            return byDefault;
        }
        try {
            return Enum.valueOf(type, value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new UsageException(option + " must be one of " + allowed + ", not \"" + value.get() + "\"");
        }
    }

    /**
     * The instant an option gives, or else the clock's: an ISO-8601 instant with {@code Z} or an
     * offset, or a date, read as its start in UTC.
     *
     * @param option the option, such as {@code --at}
     * @param clock read when the option is not given
     * @return the instant
     * @throws UsageException if the value is neither an instant nor a date
     */
    Instant instant(String option, InstantSource clock) {
        return value(option).map(text -> instant(option, text)).orElseGet(clock::instant);
    }

    private static Instant instant(String option, String text) {
        try {
            return text.contains("T")
                    ? Instant.parse(text)
                    : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    option + " must be an ISO-8601 instant such as 2026-12-01T09:00:00Z, or a date such as "
                            + "2026-12-01, not \"" + text + "\"");
        }
    }
}
