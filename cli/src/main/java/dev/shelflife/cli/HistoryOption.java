package dev.shelflife.cli;

import dev.shelflife.ImageRef;
import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --history URL} option, or the {@code SHELFLIFE_HISTORY} variable, of the commands
 * that keep a history: where the store is, and what its faults exit with.
 *
 * <p>A store that is not one ({@link HistoryException.Reason#NOT_A_STORE}), is of a newer schema,
 * or is given what it cannot record ({@link HistoryException.Reason#BAD_INPUT}) exits with 2: the
 * command was set up wrong, like a bad {@code --policy}. A store that cannot be used now —
 * unreachable, read-only, full, or failing — exits with {@link ExitCode#HISTORY_UNAVAILABLE} (75):
 * run the command again when it is fixed. Neither is 1, which means the answer is no.
 */
final class HistoryOption {

    /** The option's name. */
    static final String NAME = "--history";

    /** The variable read when the option is not given. */
    static final String VARIABLE = "SHELFLIFE_HISTORY";

    /** Its help lines. */
    static final String HELP = """
              --history URL        a history store: a file (an SQLite store, created when
                                   missing), jdbc:sqlite:FILE or jdbc:postgresql://HOST/DATABASE;
                                   default: $SHELFLIFE_HISTORY (docs/history.md)
            """;

    private HistoryOption() {}

    /**
     * The store's URL, from the option or else the variable; a variable that is set but empty
     * counts as not set.
     *
     * @param parsed the command line
     * @param environment the process's environment
     * @return the URL, or empty when there is no history
     * @throws UsageException if the option is given an empty value
     */
    static Optional<String> url(Arguments parsed, Map<String, String> environment) {
        Optional<String> given = parsed.value(NAME);
        if (given.isPresent()) {
            if (given.get().isBlank()) {
                throw new UsageException(NAME + " needs a store: a file, jdbc:sqlite:FILE or jdbc:postgresql://…");
            }
            return given;
        }
        return Optional.ofNullable(environment.get(VARIABLE)).filter(url -> !url.isBlank());
    }

    /**
     * The store's URL, which the command cannot do without.
     *
     * @param parsed the command line
     * @param environment the process's environment
     * @return the URL
     * @throws UsageException if neither the option nor the variable gives one
     */
    static String requireUrl(Arguments parsed, Map<String, String> environment) {
        return url(parsed, environment)
                .orElseThrow(() -> new UsageException("missing " + NAME + " URL (or the variable " + VARIABLE + ")"));
    }

    /**
     * Opens the store at a URL.
     *
     * @param url the URL
     * @return the store, to be closed by the caller
     * @throws HistoryException if it cannot be opened
     */
    static HistoryStore open(String url) {
        return HistoryStores.open(url);
    }

    /**
     * The value of an option that names an image.
     *
     * @param parsed the command line
     * @param option the option, such as {@code --image}
     * @return the reference, or empty when the option is not given
     * @throws UsageException if the value is not an image reference
     */
    static Optional<ImageRef> image(Arguments parsed, String option) {
        return parsed.value(option).map(text -> {
            try {
                return ImageRef.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        });
    }

    /**
     * The exit code of a history fault.
     *
     * @param reason what went wrong
     * @return 2 when the command was pointed at the wrong store or given what cannot be recorded,
     *     75 when the store cannot be used now
     */
    static ExitCode exitCode(HistoryException.Reason reason) {
        return switch (reason) {
            case NOT_A_STORE, NEWER_SCHEMA, BAD_INPUT -> ExitCode.USAGE;
            case UNREACHABLE, READ_ONLY, FULL, FAILED -> ExitCode.HISTORY_UNAVAILABLE;
        };
    }
}
