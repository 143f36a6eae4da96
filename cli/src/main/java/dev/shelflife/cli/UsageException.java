package dev.shelflife.cli;

/**
 * The command line is wrong. {@link Main} prints the message and the command's usage, and exits
 * with {@link ExitCode#USAGE}.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the message to show.
     *
     * @param message what is wrong with the command line
     */
    UsageException(String message) {
        super(message);
    }
}
