package dev.shelflife.policy;

import dev.shelflife.ReportLocation;
import java.util.Objects;

/**
 * One thing wrong with a policy document, where it is: an unknown key, a bad duration, a rule
 * with wrong parameters. {@link PolicyException#problems()} lists them, so a tool (an editor, a
 * policy linter) can mark each place without parsing the exception's message.
 *
 * @param location where in the policy document; its pointer names the key
 * @param message what is wrong there, without the location
 * @since 0.2
 */
public record PolicyProblem(ReportLocation location, String message) {

    /** Validates the parts. */
    public PolicyProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code location: message}, as the exception's message lists it */
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
