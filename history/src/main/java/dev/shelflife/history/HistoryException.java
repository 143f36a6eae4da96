package dev.shelflife.history;

import dev.shelflife.ShelfLifeException;
import java.util.Objects;

/**
 * A history store could not do what was asked. The store is left as it was before the call.
 *
 * @since 0.2
 */
public class HistoryException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    /**
     * What went wrong, for a caller that decides by it (the CLI's exit codes).
     *
     * @since 0.2
     */
    public enum Reason {
        /** The URL names no store a provider opens, or the file or database is not a ShelfLife store. */
        NOT_A_STORE,
        /** The store was written by a newer ShelfLife, whose schema this version does not know. */
        NEWER_SCHEMA,
        /** The database cannot be reached, or refused the credentials. */
        UNREACHABLE,
        /** The store can be read but not written. */
        READ_ONLY,
        /** The disk or the database ran out of space. */
        FULL,
        /** What was given cannot be recorded (a report that names no image, and none was given). */
        BAD_INPUT,
        /** Anything else the database reported. */
        FAILED
    }

    private final Reason reason;

    /**
     * An exception for a reason.
     *
     * @param reason what went wrong
     * @param message what happened, for a person
     */
    public HistoryException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * An exception for a reason, with its cause.
     *
     * @param reason what went wrong
     * @param message what happened, for a person
     * @param cause the underlying failure
     */
    public HistoryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * What went wrong.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
