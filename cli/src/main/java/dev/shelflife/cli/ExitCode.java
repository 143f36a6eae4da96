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
    /** An input could not be read: missing, malformed, truncated, or no known format. */
    UNREADABLE_INPUT(3),
    /** A bug in ShelfLife, or an installation it cannot work with; the message says which. */
    INTERNAL_ERROR(70);

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
