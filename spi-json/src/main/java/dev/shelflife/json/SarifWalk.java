package dev.shelflife.json;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Problem;
import dev.shelflife.ReportLocation;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Walks a SARIF 2.1.0 log as a stream, for the adapters that read SARIF (each for its own tools):
 * the log's {@code version} and runs, and in each run the tool's driver (its name, version and
 * rules) and the results. What a rule or a result is, and any other field of a run, is the
 * reader's: the walk hands each to the run's {@link Contents} with the cursor on it, so each is
 * bound on its own.
 *
 * <p>The walk refuses, as {@link UnsupportedReportException}s, what is no SARIF log to any of those
 * adapters: well-formed JSON that is no object, an object without a {@code runs} array, and a log
 * with no run. A run's results are not ordered after its rules, nor the log's {@code version}
 * before its runs, so a reader acts on what it was handed once the walk has returned.
 *
 * @param <C> what a reader keeps of a run's contents
 * @param version the log's {@code version}, if it has one
 * @param runs the runs, in order
 * @param problems what the walk found about keys it does not read (a key spelled in another case),
 *     for the reader to put on its report
 * @since 0.2
 */
public record SarifWalk<C extends SarifWalk.Contents>(
        @Nullable String version, List<Run<C>> runs, List<Problem> problems) {

    private static final Set<String> LOG_KEYS = Set.of("$schema", "version", "runs");
    private static final Set<String> DRIVER_KEYS = Set.of("name", "version", "semanticVersion", "rules");
    private static final Set<String> TOOL_KEYS = Set.of("driver");

    /** Copies the lists. */
    public SarifWalk {
        runs = List.copyOf(runs);
        problems = List.copyOf(problems);
    }

    /**
     * What a reader makes of a run's rules, results and other fields. The cursor given is on the
     * value; each method reads it whole (or skips it).
     *
     * @since 0.2
     */
    public interface Contents {

        /**
         * Reads one rule of {@code tool.driver.rules}.
         *
         * @param cursor the cursor, on the rule
         * @param at where the rule starts
         */
        void rule(JsonCursor cursor, ReportLocation at);

        /**
         * Reads one entry of {@code results}.
         *
         * @param cursor the cursor, on the result
         * @param at where the result starts
         */
        void result(JsonCursor cursor, ReportLocation at);

        /**
         * The run's fields the reader reads besides {@code tool} and {@code results}.
         *
         * @return their names; none by default
         */
        default Set<String> otherFields() {
            return Set.of();
        }

        /**
         * Reads one of {@link #otherFields()}.
         *
         * @param name the field's name
         * @param cursor the cursor, on its value
         */
        default void field(String name, JsonCursor cursor) {
            cursor.skip();
        }
    }

    /**
     * One run: where it starts, its tool, whether it has {@code results}, and what the reader kept
     * of its contents.
     *
     * @param <C> what the reader keeps
     * @param location where the run starts
     * @param toolName the driver's {@code name}, if it has one
     * @param toolNameLocation where that name stands, if it does
     * @param toolVersion the driver's {@code version}, else its {@code semanticVersion}, if either
     * @param hasResults whether the run has a {@code results} field ({@code null} included): SARIF
     *     leaves it out only when the tool did not run to completion
     * @param contents what the reader kept
     * @since 0.2
     */
    public record Run<C>(
            ReportLocation location,
            @Nullable String toolName,
            @Nullable ReportLocation toolNameLocation,
            @Nullable String toolVersion,
            boolean hasResults,
            C contents) {

        /** Validates the parts. */
        public Run {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(contents, "contents");
        }

        /**
         * Where to point at the run's tool: its name, or the run when it names none.
         *
         * @return the location
         */
        public ReportLocation toolLocation() {
            return toolNameLocation != null ? toolNameLocation : location;
        }

        /**
         * What a run without {@code results} means for its report: SARIF leaves them out only when
         * the tool did not run to completion ({@code []} is "nothing found").
         *
         * @return a {@code MISSING_VALUE} problem at the run if it has no {@code results}, else empty
         */
        public Optional<Problem> missingResults() {
            return hasResults
                    ? Optional.empty()
                    : Optional.of(new Problem(
                            Problem.Kind.MISSING_VALUE,
                            "a run without results, which a SARIF log leaves out only when the tool did not complete"
                                    + " ([] when it found nothing): its results may be missing",
                            location));
        }
    }

    /**
     * Walks a whole log.
     *
     * @param <C> what the reader keeps of each run
     * @param source the input
     * @param contents makes a fresh holder for each run's contents
     * @return the walk
     * @throws UnsupportedReportException if the document is no SARIF log, or has no run
     * @throws dev.shelflife.ReportParseException if it is malformed, or a reader refuses a part
     */
    public static <C extends Contents> SarifWalk<C> of(ReportSource source, Supplier<C> contents) {
        try (JsonCursor cursor = JsonCursor.open(source)) {
            JsonToken first = cursor.firstToken();
            ReportLocation start = cursor.location();
            if (first != JsonToken.START_OBJECT) {
                // Well-formed JSON of another shape, such as Trivy's legacy array, is another tool's report.
                throw new UnsupportedReportException(
                        start,
                        "not a SARIF log: expected a JSON object, found "
                                + (first == JsonToken.START_ARRAY ? "an array" : "a scalar"));
            }
            List<Problem> problems = new ArrayList<>();
            cursor.reportProblemsTo(problems::add);
            List<Run<C>> runs = new ArrayList<>();
            String[] version = {null};
            boolean[] hasRuns = {false};
            cursor.forEachField(field -> {
                switch (field) {
                    case "version" -> version[0] = cursor.text();
                    case "runs" -> {
                        hasRuns[0] = true;
                        cursor.require(JsonToken.START_ARRAY, "the runs array");
                        cursor.forEachElement(index -> {
                            cursor.require(JsonToken.START_OBJECT, "a run");
                            runs.add(run(cursor, contents.get()));
                        });
                    }
                    default -> cursor.skipUnread(field, LOG_KEYS);
                }
            });
            cursor.requireEnd();
            if (!hasRuns[0]) {
                throw new UnsupportedReportException(start, "not a SARIF log: no runs array");
            }
            if (runs.isEmpty()) {
                throw new UnsupportedReportException(start.withPath("/runs"), "a SARIF log without runs names no tool");
            }
            return new SarifWalk<>(version[0], runs, problems);
        }
    }

    private static <C extends Contents> Run<C> run(JsonCursor cursor, C contents) {
        ReportLocation location = cursor.location();
        Set<String> runKeys = new HashSet<>(contents.otherFields());
        runKeys.add("tool");
        runKeys.add("results");
        Driver driver = new Driver();
        boolean[] hasResults = {false};
        cursor.forEachField(field -> {
            switch (field) {
                case "tool" ->
                    cursor.forEachField(part -> {
                        if (part.equals("driver")) {
                            driver.read(cursor, contents);
                        } else {
                            cursor.skipUnread(part, TOOL_KEYS);
                        }
                    });
                case "results" -> {
                    hasResults[0] = true;
                    if (cursor.currentToken() != JsonToken.VALUE_NULL) {
                        cursor.require(JsonToken.START_ARRAY, "the results array");
                        cursor.forEachElement(index -> contents.result(cursor, cursor.location()));
                    }
                }
                default -> {
                    if (contents.otherFields().contains(field)) {
                        contents.field(field, cursor);
                    } else {
                        cursor.skipUnread(field, runKeys);
                    }
                }
            }
        });
        return new Run<>(
                location,
                driver.name,
                driver.nameLocation,
                driver.versions.getOrDefault("version", driver.versions.get("semanticVersion")),
                hasResults[0],
                contents);
    }

    /** A run's {@code tool.driver}, as far as the walk reads it. */
    private static final class Driver {
        private final Map<String, String> versions = new HashMap<>();
        private @Nullable String name;
        private @Nullable ReportLocation nameLocation;

        void read(JsonCursor cursor, Contents contents) {
            cursor.forEachField(field -> {
                switch (field) {
                    case "name" -> {
                        nameLocation = cursor.location();
                        name = cursor.text();
                    }
                    case "version", "semanticVersion" -> versions.put(field, cursor.text());
                    case "rules" -> {
                        if (cursor.currentToken() == JsonToken.VALUE_NULL) {
                            return;
                        }
                        cursor.require(JsonToken.START_ARRAY, "the rules array");
                        cursor.forEachElement(index -> contents.rule(cursor, cursor.location()));
                    }
                    default -> cursor.skipUnread(field, DRIVER_KEYS);
                }
            });
        }
    }
}
