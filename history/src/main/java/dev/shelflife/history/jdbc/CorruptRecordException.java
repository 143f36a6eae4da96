package dev.shelflife.history.jdbc;

/** Bytes the record codec cannot read: damaged, cut short, or not written by it. */
class CorruptRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CorruptRecordException(String message) {
        super(message);
    }

    CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
