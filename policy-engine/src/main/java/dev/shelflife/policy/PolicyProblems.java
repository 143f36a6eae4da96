package dev.shelflife.policy;

import dev.shelflife.PolicyException;
import dev.shelflife.ReportLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in one policy document, each with its location, reported at once. */
final class PolicyProblems {

    private record Problem(ReportLocation location, String message) {
        @Override
        public String toString() {
            return location + ": " + message;
        }
    }

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    PolicyProblems(String source) {
        this.source = source;
    }

    void add(ReportLocation location, String message) {
        problems.add(new Problem(location, message));
    }

    /** How many problems there are so far. */
    int size() {
        return problems.size();
    }

    /**
     * The exception that reports every problem, sorted by position.
     *
     * @return the exception
     */
    PolicyException toException() {
        String lines = problems.stream()
                .sorted(Comparator.comparingLong((Problem p) -> p.location().line())
                        .thenComparingLong(p -> p.location().column()))
                .map(p -> "  " + p)
                .collect(Collectors.joining("\n"));
        return new PolicyException("invalid policy " + source + ": " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "\n" + lines);
    }

    /**
     * Throws if there is a problem.
     *
     * @throws PolicyException with every problem
     */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw toException();
        }
    }
}
