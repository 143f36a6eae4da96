package dev.shelflife.sarif;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.EvidenceKind;
import dev.shelflife.ImageIdentity;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.sarif.Dialect.LocatedResult;
import dev.shelflife.sarif.Dialect.Subject;
import dev.shelflife.sarif.SarifLog.Result;
import dev.shelflife.sarif.SarifLog.Rule;
import dev.shelflife.sarif.SarifLog.RunProperties;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the SARIF 2.1.0 logs of Trivy ({@code --format sarif}) and Grype ({@code -o sarif}): one
 * run per log as both write it, one result per vulnerability in a package. A log of any other tool
 * is refused; so is a log whose runs come from two tools or describe two images, since a report is
 * one scanner's evidence about one image.
 *
 * <p>Streams the document: each rule and each result is bound on its own. A run's results are held
 * until the run ends, because SARIF does not order a run's rules before its results, nor its
 * property bag (where Trivy names the image) before either.
 */
final class SarifReader {

    /** The format's name when the tool is not known. */
    static final String FORMAT = "sarif";

    private static final Set<String> LOG_KEYS = Set.of("$schema", "version", "runs");
    private static final Set<String> RUN_KEYS = Set.of("tool", "results", "properties");
    private static final Set<String> DRIVER_KEYS = Set.of("name", "version", "semanticVersion", "rules");

    private SarifReader() {}

    /**
     * Reads the whole log.
     *
     * @param source the input
     * @return the report
     */
    static ScanReport read(ReportSource source) {
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
            Log log = new Log(source.limits().maxEntries());
            cursor.reportProblemsTo(log.problems::add);
            cursor.forEachField(field -> {
                switch (field) {
                    case "version" -> log.version = cursor.text();
                    case "runs" -> {
                        log.hasRuns = true;
                        cursor.require(JsonToken.START_ARRAY, "the runs array");
                        cursor.forEachElement(index -> {
                            cursor.require(JsonToken.START_OBJECT, "a run");
                            log.runs.add(readRun(cursor, log));
                        });
                    }
                    default -> cursor.skipUnread(field, LOG_KEYS);
                }
            });
            cursor.requireEnd();
            if (!log.hasRuns) {
                throw new UnsupportedReportException(start, "not a SARIF log: no runs array");
            }
            if (log.runs.isEmpty()) {
                throw new UnsupportedReportException(start.withPath("/runs"), "a SARIF log without runs names no tool");
            }
            return assemble(log);
        }
    }

    private static Run readRun(JsonCursor cursor, Log log) {
        Run run = new Run(cursor.location());
        cursor.forEachField(field -> {
            switch (field) {
                case "tool" ->
                    cursor.forEachField(part -> {
                        if (part.equals("driver")) {
                            readDriver(cursor, run);
                        } else {
                            cursor.skipUnread(part, Set.of("driver"));
                        }
                    });
                case "results" -> {
                    run.hasResults = true;
                    if (cursor.currentToken() != JsonToken.VALUE_NULL) {
                        cursor.require(JsonToken.START_ARRAY, "the results array");
                        cursor.forEachElement(index -> {
                            if (++log.entries > log.maxEntries) {
                                throw cursor.failure("limit exceeded: more than " + log.maxEntries
                                        + " results (ReadLimits.maxEntries)");
                            }
                            ReportLocation at = cursor.location();
                            Result result = cursor.read(Result.class);
                            run.results.add(new LocatedResult(result, at));
                            run.rules.use(result == null ? null : result.ruleId());
                        });
                    }
                }
                case "properties" -> {
                    run.propertiesLocation = cursor.location();
                    run.properties = cursor.read(RunProperties.class);
                }
                default -> cursor.skipUnread(field, RUN_KEYS);
            }
        });
        return run;
    }

    private static void readDriver(JsonCursor cursor, Run run) {
        cursor.forEachField(field -> {
            switch (field) {
                case "name" -> {
                    run.nameLocation = cursor.location();
                    run.name = cursor.text();
                }
                case "version", "semanticVersion" -> run.versions.put(field, cursor.text());
                case "rules" -> {
                    if (cursor.currentToken() == JsonToken.VALUE_NULL) {
                        return;
                    }
                    cursor.require(JsonToken.START_ARRAY, "the rules array");
                    cursor.forEachElement(index -> {
                        ReportLocation at = cursor.location();
                        run.rules.add(cursor.read(Rule.class), at);
                    });
                }
                default -> cursor.skipUnread(field, DRIVER_KEYS);
            }
        });
    }

    /**
     * One report of the log's runs: the first names the scanner, the artifact and the image; a run
     * of another tool, or about another image, is refused.
     */
    private static ScanReport assemble(Log log) {
        ScanReport.Builder builder = null;
        Run firstRun = null;
        ImageIdentity identity = null;
        for (Run run : log.runs) {
            Dialect dialect = run.dialect();
            Subject subject = dialect.subject(run.properties, run.results);
            ImageIdentity runIdentity = ImageIdentity.of(subject.image());
            if (builder == null) {
                ScannerTool scanner = ScannerTool.of(
                        run.name, run.versions.getOrDefault("version", run.versions.get("semanticVersion")));
                builder = ScanReport.builder(
                                EvidenceKind.SCAN,
                                ReportFormat.of(SarifScannerAdapter.ID, dialect.format(), log.version),
                                scanner)
                        .artifact(subject.artifact())
                        .image(subject.image());
                firstRun = run;
                identity = runIdentity;
            } else {
                if (!run.name.equalsIgnoreCase(firstRun.name)) {
                    throw new UnsupportedReportException(
                            run.nameLocation,
                            "a SARIF run from \"" + run.name + "\" after one from \"" + firstRun.name
                                    + "\": a report is one scanner's, read each tool's log on its own");
                }
                Optional<String> conflict = identity.conflictWith(runIdentity);
                if (conflict.isPresent()) {
                    throw new UnsupportedReportException(
                            run.propertiesLocation != null ? run.propertiesLocation : run.location,
                            "this run scanned " + runIdentity + ", the first one " + identity + " (" + conflict.get()
                                    + "): a report is about one image, read each run's log on its own");
                }
            }
            if (!run.hasResults) {
                // SARIF leaves results out when the tool did not run to completion; [] is "nothing found".
                builder.problem(new Problem(
                        Problem.Kind.MISSING_VALUE,
                        "a run without results, which a SARIF log leaves out only when the tool did not complete"
                                + " ([] when it found nothing): its results may be missing",
                        run.location));
            }
            for (LocatedResult result : run.results) {
                dialect.add(result, run.rules, builder);
            }
        }
        log.problems.forEach(builder::problem);
        return builder.build();
    }

    /** The log's fields, as far as they are read. */
    private static final class Log {
        private final List<Run> runs = new ArrayList<>();
        /** What the walk found about the log's keys, and each run's. */
        private final List<Problem> problems = new ArrayList<>();

        private final int maxEntries;
        private int entries;
        private String version;
        private boolean hasRuns;

        Log(int maxEntries) {
            this.maxEntries = maxEntries;
        }
    }

    /** One run: the tool, its rules, its results, its property bag. */
    private static final class Run {
        private final ReportLocation location;
        private final RunRules rules = new RunRules();
        private final Map<String, String> versions = new HashMap<>();
        private final List<LocatedResult> results = new ArrayList<>();
        private String name;
        private ReportLocation nameLocation;
        private boolean hasResults;
        private RunProperties properties;
        private ReportLocation propertiesLocation;

        Run(ReportLocation location) {
            this.location = location;
        }

        /** The run's tool's dialect; any other tool's run is refused. */
        Dialect dialect() {
            return Dialect.of(name)
                    .orElseThrow(() -> new UnsupportedReportException(
                            nameLocation != null ? nameLocation : location,
                            name == null
                                    ? "a SARIF run that names no tool"
                                    : "a SARIF run from \"" + name
                                            + "\": this adapter reads Trivy's and Grype's logs (Snyk's are read by"
                                            + " snyk-sarif)"));
        }
    }
}
