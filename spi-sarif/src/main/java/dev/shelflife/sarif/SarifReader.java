package dev.shelflife.sarif;

import dev.shelflife.EvidenceKind;
import dev.shelflife.ImageIdentity;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.SarifWalk;
import dev.shelflife.sarif.Dialect.LocatedResult;
import dev.shelflife.sarif.Dialect.Subject;
import dev.shelflife.sarif.SarifLog.Result;
import dev.shelflife.sarif.SarifLog.Rule;
import dev.shelflife.sarif.SarifLog.RunProperties;
import dev.shelflife.spi.ReportSource;
import java.util.ArrayList;
import java.util.List;
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

    private static final Set<String> PROPERTIES = Set.of("properties");

    private SarifReader() {}

    /**
     * Reads the whole log.
     *
     * @param source the input
     * @return the report
     */
    static ScanReport read(ReportSource source) {
        Results counted = new Results(source.limits().maxEntries());
        return assemble(SarifWalk.of(source, () -> new Run(counted)));
    }

    /**
     * One report of the log's runs: the first names the scanner, the artifact and the image; a run
     * of another tool, or about another image, is refused.
     */
    private static ScanReport assemble(SarifWalk<Run> walk) {
        ScanReport.Builder builder = null;
        SarifWalk.Run<Run> firstRun = null;
        ImageIdentity identity = null;
        for (SarifWalk.Run<Run> run : walk.runs()) {
            Run contents = run.contents();
            Dialect dialect = dialect(run);
            Subject subject = dialect.subject(contents.properties, contents.results);
            ImageIdentity runIdentity = ImageIdentity.of(subject.image());
            if (builder == null) {
                builder = ScanReport.builder(
                                EvidenceKind.SCAN,
                                ReportFormat.of(SarifScannerAdapter.ID, dialect.format(), walk.version()),
                                ScannerTool.of(run.toolName(), run.toolVersion()))
                        .artifact(subject.artifact())
                        .image(subject.image());
                firstRun = run;
                identity = runIdentity;
            } else {
                if (!run.toolName().equalsIgnoreCase(firstRun.toolName())) {
                    throw new UnsupportedReportException(
                            run.toolLocation(),
                            "a SARIF run from \"" + run.toolName() + "\" after one from \"" + firstRun.toolName()
                                    + "\": a report is one scanner's, read each tool's log on its own");
                }
                Optional<String> conflict = identity.conflictWith(runIdentity);
                if (conflict.isPresent()) {
                    throw new UnsupportedReportException(
                            contents.propertiesLocation != null ? contents.propertiesLocation : run.location(),
                            "this run scanned " + runIdentity + ", the first one " + identity + " (" + conflict.get()
                                    + "): a report is about one image, read each run's log on its own");
                }
            }
            run.missingResults().ifPresent(builder::problem);
            for (LocatedResult result : contents.results) {
                dialect.add(result, contents.rules, builder);
            }
        }
        walk.problems().forEach(builder::problem);
        return builder.build();
    }

    /** The run's tool's dialect; any other tool's run is refused. */
    private static Dialect dialect(SarifWalk.Run<Run> run) {
        String name = run.toolName();
        return Dialect.of(name)
                .orElseThrow(() -> new UnsupportedReportException(
                        run.toolLocation(),
                        name == null
                                ? "a SARIF run that names no tool"
                                : "a SARIF run from \"" + name
                                        + "\": this adapter reads Trivy's and Grype's logs (Snyk's are read by"
                                        + " snyk-sarif)"));
    }

    /** The results of all runs, counted against {@code ReadLimits.maxEntries}. */
    private static final class Results {
        private final int max;
        private int count;

        Results(int max) {
            this.max = max;
        }

        void count(JsonCursor cursor) {
            if (++count > max) {
                throw cursor.failure("limit exceeded: more than " + max + " results (ReadLimits.maxEntries)");
            }
        }
    }

    /** What this reader keeps of a run: its rules, its results, its property bag. */
    private static final class Run implements SarifWalk.Contents {
        private final Results counted;
        private final RunRules rules = new RunRules();
        private final List<LocatedResult> results = new ArrayList<>();
        private RunProperties properties;
        private ReportLocation propertiesLocation;

        Run(Results counted) {
            this.counted = counted;
        }

        @Override
        public void rule(JsonCursor cursor, ReportLocation at) {
            rules.add(cursor.read(Rule.class), at);
        }

        @Override
        public void result(JsonCursor cursor, ReportLocation at) {
            counted.count(cursor);
            Result result = cursor.read(Result.class);
            results.add(new LocatedResult(result, at));
            rules.use(result == null ? null : result.ruleId());
        }

        @Override
        public Set<String> otherFields() {
            return PROPERTIES;
        }

        @Override
        public void field(String name, JsonCursor cursor) {
            propertiesLocation = cursor.location();
            properties = cursor.read(RunProperties.class);
        }
    }
}
