package dev.shelflife.policy;

import dev.shelflife.ShelfLifeException;
import java.util.List;

/**
 * A policy is invalid: an unknown key, a bad duration or severity, a rule with wrong parameters.
 * The message names every problem found, each with its location when the policy came from a file;
 * {@link #problems()} gives the same problems as data.
 *
 * <p>Moved from {@code dev.shelflife} to the package of the policies in 0.2.
 *
 * @since 0.1
 */
public class PolicyException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    /** Not serialised: like {@link dev.shelflife.ReportParseException}'s location, it is for the caller at hand. */
    private final transient List<PolicyProblem> problems;

    /**
     * An exception with a message.
     *
     * @param message what is wrong
     */
    public PolicyException(String message) {
        super(message);
        this.problems = List.of();
    }

    /**
     * An exception that lists located problems, as loading a policy document reports them.
     *
     * @param message what is wrong, naming every problem
     * @param problems the problems, in the order of their positions
     * @since 0.2
     */
    public PolicyException(String message, List<PolicyProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /**
     * An exception with a message and a cause.
     *
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public PolicyException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    /**
     * The located problems of the policy document, as data.
     *
     * @return the problems, in the order of their positions; empty when the policy could not be
     *     read at all (no such file, not text, too long) or the problem is not in a document
     *     (a stage the policy does not define); empty after deserialisation
     * @since 0.2
     */
    public List<PolicyProblem> problems() {
        return problems == null ? List.of() : problems;
    }
}
