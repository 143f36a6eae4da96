package dev.shelflife;

/**
 * The one base class of every exception ShelfLife throws on purpose. Catch it to handle any
 * ShelfLife failure; catch a subtype to handle one kind.
 *
 * @since 0.1
 */
public class ShelfLifeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message what went wrong
     */
    public ShelfLifeException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ShelfLifeException(String message, Throwable cause) {
        super(message, cause);
    }
}
