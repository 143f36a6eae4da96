package dev.shelflife.snyk;

import dev.shelflife.Artifact;
import dev.shelflife.Image;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.json.JsonCursor;
import dev.shelflife.json.SarifWalk;
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
        SarifWalk<Run> walk = SarifWalk.of(source, () -> new Run(assembly));
        ReportFormat format = ReportFormat.of(SnykSarifScannerAdapter.ID, FORMAT, walk.version());
        ScanReport.Builder first = null;
        for (SarifWalk.Run<Run> run : walk.runs()) {
            ScanReport.Builder builder = run.contents().addTo(run, format);
            first = first == null ? builder : first;
        }
        walk.problems().forEach(first::problem);
        return assembly.build();
    }

    private static boolean isPackageTool(String name) {
        return SarifSniffer.isPackageTool(name);
    }

    /** One result and where it starts. */
    private record LocatedResult(Result result, ReportLocation location) {}

    /** What this reader keeps of a run: its rules and its results. */
    private static final class Run implements SarifWalk.Contents {
        private final ReportAssembly assembly;
        private final Map<String, LocatedRule> rules = new HashMap<>();
        private final List<LocatedResult> results = new ArrayList<>();

        Run(ReportAssembly assembly) {
            this.assembly = assembly;
        }

        @Override
        public void rule(JsonCursor cursor, ReportLocation at) {
            Rule rule = cursor.read(Rule.class);
            if (rule != null && rule.id() != null) {
                rules.putIfAbsent(rule.id(), new LocatedRule(rule, at));
            }
        }

        @Override
        public void result(JsonCursor cursor, ReportLocation at) {
            assembly.countEntry(cursor);
            results.add(new LocatedResult(cursor.read(Result.class), at));
        }

        /** Adds the run's findings to the report, under a builder of its own artifact; returns the builder. */
        ScanReport.Builder addTo(SarifWalk.Run<Run> run, ReportFormat format) {
            String name = run.toolName();
            if (name == null || !isPackageTool(name)) {
                throw new UnsupportedReportException(
                        run.toolLocation(),
                        name == null
                                ? "a SARIF run that names no tool"
                                : "a SARIF run from \"" + name
                                        + "\": only Snyk Container and Snyk Open Source report vulnerable packages");
            }
            ScannerTool scanner = ScannerTool.of(name, run.toolVersion());
            String artifactName = results.stream()
                    .map(LocatedResult::result)
                    .map(SnykSarifMapper::artifactUri)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElse("");
            Artifact artifact = new Artifact(
                    artifactName,
                    name.startsWith("Snyk Container") ? Artifact.Type.CONTAINER_IMAGE : Artifact.Type.FILESYSTEM);
            ScanReport.Builder builder = assembly.builder(format, scanner, artifact, Image.unknown(), run.location());
            run.missingResults().ifPresent(builder::problem);
            for (LocatedResult result : results) {
                SnykSarifMapper.add(result.result(), result.location(), rules, builder);
            }
            return builder;
        }
    }
}
