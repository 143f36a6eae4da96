package dev.shelflife.cli;

/**
 * The exit codes of {@code shelflife}, in one place because scripts depend on them
 * (documented in {@code docs/cli.md}).
 */
enum ExitCode {
    /** The command did what was asked. */
    SUCCESS(0),
    /**
     * The command ran and its answer is no: {@code evaluate}'s verdict failed (or warned, with
     * {@code --fail-on warn}).
     */
    VERDICT_FAILED(1),
    /** The command line was wrong: an unknown command or option, a missing argument. */
    USAGE(2),
    /**
     * An input could not be read: missing, malformed, truncated, or no known format; or the
     * history holds nothing about the image asked for.
     */
    UNREADABLE_INPUT(3),
    /**
     * A bug in ShelfLife, an installation it cannot work with, or a resource of the Java virtual
     * machine that ran out (heap, stack); the message says which, and which option raises it.
     */
    INTERNAL_ERROR(70),
    /**
     * The result could not be written to standard output (a full disk, a closed pipe): what was
     * written is incomplete ({@code EX_IOERR} of BSD's {@code sysexits.h}).
     */
    WRITE_FAILED(74),
    /**
     * The history store cannot be used now: it cannot be reached, is read-only, is full, or the
     * database failed ({@code EX_TEMPFAIL} of BSD's {@code sysexits.h}: run the command again when
     * it is fixed; recording is idempotent). A store that is not one, or of a newer schema, is a
     * usage error instead: the command was pointed at the wrong thing.
     */
    HISTORY_UNAVAILABLE(75);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /**
     * The number the process exits with.
     *
     * @return the exit status
     */
    int code() {
        return code;
    }
}
