package dev.shelflife;

/**
 * A policy is invalid: an unknown key, a bad duration or severity, a rule with wrong parameters.
 * The message names every problem found, each with its location when the policy came from a file.
 *
 * @since 0.1
 */
public class PolicyException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message.
     *
     * @param message what is wrong
     */
    public PolicyException(String message) {
        super(message);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
