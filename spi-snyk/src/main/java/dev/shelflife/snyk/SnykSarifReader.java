package dev.shelflife.snyk;

import com.fasterxml.jackson.core.JsonToken;
import dev.shelflife.Artifact;
import dev.shelflife.Image;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.snyk.SnykSarif.Result;
import dev.shelflife.snyk.SnykSarif.Rule;
import dev.shelflife.snyk.SnykSarifMapper.LocatedRule;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the SARIF 2.1.0 logs of {@code snyk container test --sarif} and
 * {@code snyk test --sarif}: one run per tested project, one result per Snyk issue. Logs of
 * Snyk's code and configuration scanners report no packages, and are refused.
 *
 * <p>Streams the document: each rule and each result is bound on its own. A run's results are
 * held until the log ends, because SARIF does not order a run's rules before its results, nor the
 * log's {@code version} before its runs.
 */
final class SnykSarifReader {

    /** The format's name. */
    static final String FORMAT = "snyk-sarif";

    private static final Set<String> LOG_KEYS = Set.of("$schema", "version", "runs");
    private static final Set<String> RUN_KEYS = Set.of("tool", "results");
    private static final Set<String> DRIVER_KEYS = Set.of("name", "version", "semanticVersion", "rules");

    private SnykSarifReader() {}

    /**
     * Claims a SARIF log whose first run's tool is Snyk Container or Snyk Open Source.
     *
     * @param source the input
     * @return the detection
     */
    static Detection detect(ReportSource source) {
        return SarifSniffer.detect(source);
    }

    /**
     * Reads the whole log.
     *
     * @param source the input
     * @return the report
     */
    static ScanReport read(ReportSource source) {
        ReportAssembly assembly = new ReportAssembly(source);
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
            Log log = new Log();
            cursor.reportProblemsTo(log.problems::add);
            cursor.forEachField(field -> {
                switch (field) {
                    case "version" -> log.version = cursor.text();
                    case "runs" -> {
                        log.hasRuns = true;
                        cursor.require(JsonToken.START_ARRAY, "the runs array");
                        cursor.forEachElement(index -> {
                            cursor.require(JsonToken.START_OBJECT, "a run");
                            log.runs.add(readRun(cursor, assembly));
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
            ReportFormat format = ReportFormat.of(SnykSarifScannerAdapter.ID, FORMAT, log.version);
            for (Run run : log.runs) {
                run.addTo(assembly, format);
            }
            ScanReport.Builder report = log.runs.get(0).builder;
            log.problems.forEach(report::problem);
            return assembly.build();
        }
    }

    private static Run readRun(JsonCursor cursor, ReportAssembly assembly) {
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
                            assembly.countEntry(cursor);
                            ReportLocation at = cursor.location();
                            run.results.add(new LocatedResult(cursor.read(Result.class), at));
                        });
                    }
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
                        Rule rule = cursor.read(Rule.class);
                        if (rule != null && rule.id() != null) {
                            run.rules.putIfAbsent(rule.id(), new LocatedRule(rule, at));
                        }
                    });
                }
                default -> cursor.skipUnread(field, DRIVER_KEYS);
            }
        });
    }

    private static boolean isPackageTool(String name) {
        return SarifSniffer.isPackageTool(name);
    }

    /** The log's fields, as far as they are read. */
    private static final class Log {
        private final List<Run> runs = new ArrayList<>();
        /** What the walk found about the log's keys, and each run's. */
        private final List<Problem> problems = new ArrayList<>();

        private String version;
        private boolean hasRuns;
    }

    /** One result and where it starts. */
    private record LocatedResult(Result result, ReportLocation location) {}

    /** One run: the tool, its rules, its results. */
    private static final class Run {
        private final ReportLocation location;
        private final Map<String, LocatedRule> rules = new HashMap<>();
        private final Map<String, String> versions = new HashMap<>();
        private final List<LocatedResult> results = new ArrayList<>();
        private String name;
        private ReportLocation nameLocation;
        private boolean hasResults;
        private ScanReport.Builder builder;

        Run(ReportLocation location) {
            this.location = location;
        }

        void addTo(ReportAssembly assembly, ReportFormat format) {
            if (name == null || !isPackageTool(name)) {
                throw new UnsupportedReportException(
                        nameLocation != null ? nameLocation : location,
                        name == null
                                ? "a SARIF run that names no tool"
                                : "a SARIF run from \"" + name
                                        + "\": only Snyk Container and Snyk Open Source report vulnerable packages");
            }
            ScannerTool scanner =
                    ScannerTool.of(name, versions.getOrDefault("version", versions.get("semanticVersion")));
            String artifactName = results.stream()
                    .map(LocatedResult::result)
                    .map(SnykSarifMapper::artifactUri)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElse("");
            Artifact artifact = new Artifact(
                    artifactName,
                    name.startsWith("Snyk Container") ? Artifact.Type.CONTAINER_IMAGE : Artifact.Type.FILESYSTEM);
            builder = assembly.builder(format, scanner, artifact, Image.unknown(), location);
            if (!hasResults) {
                // SARIF leaves results out when the tool did not run to completion; [] is "nothing found".
                builder.problem(new Problem(
                        Problem.Kind.MISSING_VALUE,
                        "a run without results, which a SARIF log leaves out only when the tool did not complete"
                                + " ([] when it found nothing): its results may be missing",
                        location));
            }
            for (LocatedResult result : results) {
                SnykSarifMapper.add(result.result(), result.location(), rules, builder);
            }
        }
    }
}
