package dev.shelflife;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A report could not be read: it is malformed, truncated, too large, too deeply nested or
 * wrongly typed. The message reads {@code FILE:LINE:COLUMN (JSON-POINTER): PROBLEM}.
 *
 * @since 0.1
 */
public class ReportParseException extends ShelfLifeException {

    private static final long serialVersionUID = 1L;

    private final transient ReportLocation location;
    private final String problem;

    /**
     * An exception at a location.
     *
     * @param location where in the report
     * @param problem what is wrong there, without the location
     */
    public ReportParseException(ReportLocation location, String problem) {
        this(location, problem, null);
    }

    /**
     * An exception at a location, with its cause.
     *
     * @param location where in the report
     * @param problem what is wrong there, without the location
     * @param cause the underlying failure, or {@code null}
     */
    public ReportParseException(ReportLocation location, String problem, @Nullable Throwable cause) {
        super(Objects.requireNonNull(location, "location") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.location = location;
        this.problem = problem;
    }

    /**
     * Where the problem is.
     *
     * @return the location
     */
    public ReportLocation location() {
        return location;
    }

    /**
     * What the problem is, without the location.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
