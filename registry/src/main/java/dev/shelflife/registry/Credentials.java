package dev.shelflife.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or access token used as a password) for one registry, sent with
 * HTTP basic authentication to the registry or to the token endpoint its challenge names.
 *
 * <p>{@link #toString()} hides the password, so a credentials value can be printed or logged.
 *
 * @param username the user name; not empty, no {@code :} and no control characters
 * @param password the password or token; not empty, no control characters
 * @since 0.1
 */
public record Credentials(String username, String password) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if a part is empty or cannot be sent in a basic header
     */
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.indexOf(':') >= 0 || hasControl(username)) {
            throw new IllegalArgumentException(
                    "username must not be empty and must not contain ':' or control characters");
        }
        if (password.isEmpty() || hasControl(password)) {
            // The message says nothing of the password's content.
            throw new IllegalArgumentException("password must not be empty and must not contain control characters");
        }
    }

    /**
     * Credentials from a user name and password.
     *
     * @param username the user name
     * @param password the password or access token
     * @return the credentials
     */
    public static Credentials of(String username, String password) {
        return new Credentials(username, password);
    }

    /** The value of an {@code Authorization} header for basic authentication. */
    String basicAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    /** The user name, with the password hidden. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
