package dev.shelflife.snyk;

import dev.shelflife.Epss;
import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.json.Timestamps;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the scalar values of one vulnerability entry that the model validates (severities,
 * scores, instants, EPSS) and records on the report every value it had to drop or replace,
 * located at the entry and the field.
 */
final class EntryReading {

    private final ScanReport.Builder builder;
    private final ReportLocation entry;

    /**
     * @param builder the report, which receives the problems
     * @param entry where the entry starts
     */
    EntryReading(ScanReport.Builder builder, ReportLocation entry) {
        this.builder = builder;
        this.entry = entry;
    }

    /**
     * Where a field of the entry is: the entry's line and column, the field's pointer.
     *
     * @param field the field's pointer relative to the entry ({@code severity}, {@code epssDetails/probability})
     * @return the location
     */
    ReportLocation at(String field) {
        return entry.withPath(entry.path() + "/" + field);
    }

    /**
     * A severity the entry must have.
     *
     * @param text the word, or {@code null}
     * @param field where it is
     * @return the severity; {@link Severity#UNKNOWN} when absent or not a word Snyk uses, recorded then
     */
    Severity severity(String text, String field) {
        if (text == null || text.isBlank()) {
            return Severity.UNKNOWN;
        }
        return optionalSeverity(text, field).orElse(Severity.UNKNOWN);
    }

    /**
     * A severity a rating may have.
     *
     * @param text the word, or {@code null}
     * @param field where it is
     * @return the severity, or empty when absent, unknown or unrecognised (recorded then)
     */
    Optional<Severity> optionalSeverity(String text, String field) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<Severity> severity = Severity.find(text);
        if (severity.isEmpty()) {
            coerced("unknown severity \"" + text + "\": read as UNKNOWN", field);
        }
        return severity.filter(s -> s != Severity.UNKNOWN);
    }

    /**
     * A CVSS base score.
     *
     * @param value the score, or {@code null}
     * @param field where it is
     * @return the score, or empty when absent or outside 0..10 (recorded then)
     */
    Optional<Double> score(Double value, String field) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value >= 0.0 && value <= 10.0)) {
            coerced("CVSS score " + value + " outside 0..10: dropped", field);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /**
     * A CVSS base score written as text ({@code "6.5"}).
     *
     * @param text the score, or {@code null}; {@code "null"} and {@code "undefined"}, which Snyk
     *     writes for a missing score, count as absent
     * @param field where it is
     * @return the score, or empty when absent or not a number in 0..10 (recorded then)
     */
    Optional<Double> score(String text, String field) {
        if (text == null || text.isBlank() || text.equals("null") || text.equals("undefined")) {
            return Optional.empty();
        }
        Optional<Double> number = number(text);
        if (number.isEmpty()) {
            coerced("CVSS score \"" + text + "\" is not a number: dropped", field);
            return Optional.empty();
        }
        return score(number.get(), field);
    }

    /**
     * An instant.
     *
     * @param text the timestamp, or {@code null}
     * @param field where it is
     * @return the instant, or empty when absent or unreadable (recorded then)
     */
    Optional<Instant> instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<Instant> instant = Timestamps.parse(text);
        if (instant.isEmpty()) {
            coerced("unreadable timestamp \"" + text + "\": dropped", field);
        }
        return instant;
    }

    /**
     * EPSS values, which Snyk writes as strings.
     *
     * @param probability the probability, or {@code null}
     * @param percentile the percentile, or {@code null}
     * @param field where the EPSS object is
     * @return the EPSS values, or empty when absent, incomplete or outside 0..1 (recorded then)
     */
    Optional<Epss> epss(String probability, String percentile, String field) {
        if (probability == null && percentile == null) {
            return Optional.empty();
        }
        Optional<Double> score = Optional.ofNullable(probability).flatMap(EntryReading::number);
        Optional<Double> rank = Optional.ofNullable(percentile).flatMap(EntryReading::number);
        if (score.isEmpty() || rank.isEmpty() || !inUnitRange(score.get()) || !inUnitRange(rank.get())) {
            coerced(
                    "EPSS probability \"" + probability + "\" and percentile \"" + percentile
                            + "\" are not two numbers in 0..1: dropped",
                    field);
            return Optional.empty();
        }
        return Optional.of(new Epss(score.get(), rank.get(), Optional.empty()));
    }

    /**
     * Records that a value of the entry was not carried into the model.
     *
     * @param message what was left out, and why
     * @param field where it is
     */
    void ignored(String message, String field) {
        builder.problem(new Problem(Problem.Kind.IGNORED_VALUE, message, at(field)));
    }

    private void coerced(String message, String field) {
        builder.problem(new Problem(Problem.Kind.COERCED_VALUE, message, at(field)));
    }

    private static boolean inUnitRange(double value) {
        return value >= 0.0 && value <= 1.0;
    }

    private static Optional<Double> number(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
