package dev.shelflife.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command's arguments, split into options and positional arguments.
 *
 * <p>Options are long and take a value ({@code --output json} or {@code --output=json}); {@code --}
 * ends them, so that a file named {@code --x} can still be given. Unknown options, missing values
 * and repeated options are usage errors.
 */
final class Arguments {

    private final List<String> positionals;
    private final Map<String, String> values;

    private Arguments(List<String> positionals, Map<String, String> values) {
        this.positionals = List.copyOf(positionals);
        this.values = Map.copyOf(values);
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
        List<String> positionals = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
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
        return new Arguments(positionals, values);
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
}
