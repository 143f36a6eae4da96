package dev.shelflife.history.jdbc;

import dev.shelflife.history.HistoryException;
import dev.shelflife.history.HistoryException.Reason;

/**
 * What a database error means for the store: the reason a caller sees, whether trying the
 * transaction again may succeed (a lock held by another writer, a lost race), and whether the
 * connection can still be used.
 *
 * @param reason the reason to report
 * @param problem what happened, for a person, without the store's name
 * @param transientFailure whether the same transaction may succeed if tried again
 * @param connectionBroken whether the connection must be thrown away
 */
record Failure(Reason reason, String problem, boolean transientFailure, boolean connectionBroken) {

    static Failure of(Reason reason, String problem) {
        return new Failure(reason, problem, false, false);
    }

    static Failure retry(String problem) {
        return new Failure(Reason.FAILED, problem, true, false);
    }

    static Failure broken(Reason reason, String problem) {
        return new Failure(reason, problem, false, true);
    }

    HistoryException toException(String doing, String store, Throwable cause) {
        return new HistoryException(reason, "cannot " + doing + " in " + store + ": " + problem, cause);
    }
}
