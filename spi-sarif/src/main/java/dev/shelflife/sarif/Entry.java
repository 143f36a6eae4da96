package dev.shelflife.sarif;

import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import java.util.Optional;

/**
 * Where one result or rule is, and the problems its values raise, located at the value.
 */
final class Entry {

    private final ScanReport.Builder builder;
    private final ReportLocation at;

    /**
     * @param builder the report, which receives the problems
     * @param at where the result or rule starts
     */
    Entry(ScanReport.Builder builder, ReportLocation at) {
        this.builder = builder;
        this.at = at;
    }

    /**
     * Where a field of the entry is: the entry's line and column, the field's pointer.
     *
     * @param field the field's pointer relative to the entry ({@code message/text})
     * @return the location
     */
    ReportLocation at(String field) {
        return at.withPath(at.path() + "/" + field);
    }

    /**
     * Records that a value was read otherwise than written, or dropped because the model cannot take it.
     *
     * @param message what was done, and why
     * @param field where the value is
     */
    void coerced(String message, String field) {
        builder.problem(new Problem(Problem.Kind.COERCED_VALUE, message, at(field)));
    }

    /**
     * Records that a value was not carried into the model.
     *
     * @param message what was left out, and why
     * @param field where the value is
     */
    void ignored(String message, String field) {
        builder.problem(new Problem(Problem.Kind.IGNORED_VALUE, message, at(field)));
    }

    /**
     * A score in 0..10 written as text or as a number.
     *
     * @param text the score as read, or {@code null}
     * @param field where it is, for the problem an unreadable score raises
     * @return the score, or empty when absent, not a number, or outside 0..10 (recorded then)
     */
    Optional<Double> score(String text, String field) {
        if (Texts.isBlank(text)) {
            return Optional.empty();
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException notANumber) {
            coerced("score \"" + text + "\" is not a number: dropped", field);
            return Optional.empty();
        }
        if (!(value >= 0.0 && value <= 10.0)) {
            coerced("score " + text + " outside 0..10: dropped", field);
            return Optional.empty();
        }
        return Optional.of(value);
    }
}
