package dev.shelflife.cli;

/**
 * The history holds nothing about what a command was asked to read from it: the evidence is
 * missing, as with a report file that does not exist. {@link Main} prints the message after the
 * command's name and exits with {@link ExitCode#UNREADABLE_INPUT}.
 */
final class NothingRecordedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the message to show.
     *
     * @param message what the history holds nothing about
     */
    NothingRecordedException(String message) {
        super(message);
    }
}
