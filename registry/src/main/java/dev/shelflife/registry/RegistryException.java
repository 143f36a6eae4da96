package dev.shelflife.registry;

import dev.shelflife.ShelfLifeException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tag could not be resolved. {@link #reason()} says what kind of failure it was; the message
 * names the registry, the request and what went wrong, and never contains a password or token.
 *
 * @since 0.1
 */
public class RegistryException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    /**
     * The kinds of failure, for callers that react differently to each (retry later, fix the
     * configuration, treat the answer as unknown).
     *
     * @since 0.1
     */
    public enum Reason {
        /** Authentication failed: credentials or a token were refused, missing or unsupported. */
        NOT_AUTHORIZED,
        /** The registry understood who is asking and refused access (HTTP 403). */
        DENIED,
        /** The registry or token endpoint asked to slow down (HTTP 429). */
        RATE_LIMITED,
        /** The registry could not be reached: name resolution, connection or I/O failed. */
        UNREACHABLE,
        /** The connect or request timeout elapsed. */
        TIMED_OUT,
        /** The thread was interrupted while waiting for an answer; its interrupt flag is set again. */
        INTERRUPTED,
        /** A request would have gone over plain HTTP to a host not allowed to use it. */
        INSECURE,
        /**
         * The answer made no sense: an unexpected status, a malformed digest, challenge or token,
         * a response larger than allowed, too many redirects.
         */
        BAD_RESPONSE,
        /** The offline file is unreadable or malformed. */
        INVALID_FILE
    }

    private final Reason reason;

    /**
     * An exception of a kind, with a message.
     *
     * @param reason the kind of failure
     * @param message what went wrong; it must not contain secrets
     */
    public RegistryException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * An exception of a kind, with a message and a cause.
     *
     * @param reason the kind of failure
     * @param message what went wrong; it must not contain secrets
     * @param cause the underlying failure, or {@code null}
     */
    public RegistryException(Reason reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The kind of failure.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
