package dev.shelflife.benchmarks;

import dev.shelflife.Finding;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.ReportSource;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jol.info.GraphLayout;

/**
 * What the findings of a read keep in memory: the retained size of a report's findings list (every
 * object reachable from it, shared objects counted once) by JOL, per finding, and how many of the
 * findings' parts are distinct objects. Run with a format and a size, as {@link LargeReports}
 * grows them; a size of 1 reads the corpus report itself (one copy, no repetition that the growing
 * adds):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.ModelMemory trivy 1 100
 * </pre>
 *
 * <p>The grown reports repeat the corpus entries under new targets, so parts shared between equal
 * entries weigh less there than in a real report; the one-copy figure is the honest one.
 */
public final class ModelMemory {

    private ModelMemory() {}

    /**
     * Prints the retained size per finding of each report.
     *
     * @param args a format ({@code trivy}, {@code grype}, {@code grype_094}, {@code snyk}) and sizes in MiB
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ModelMemory trivy|grype|grype_094|snyk MEBIBYTES...");
            System.exit(2);
        }
        Format format = Format.named(args[0]);
        for (int i = 1; i < args.length; i++) {
            LargeReports.Report grown = LargeReports.grow(format, Integer.parseInt(args[i]));
            System.out.println(measure(format, grown.path()));
        }
    }

    /**
     * Reads a report with a format's adapter and measures its findings.
     *
     * @param format the format
     * @param file the report
     * @return one line of figures
     */
    static String measure(Format format, Path file) {
        ScanReport report = format.adapter().read(ReportSource.of(file));
        List<Finding> findings = report.findings();
        GraphLayout layout = GraphLayout.parseInstance(findings);
        long bytes = layout.totalSize();
        long objects = layout.totalCount();
        int n = Math.max(1, findings.size());
        return String.format(
                Locale.ROOT,
                "%s: %,d findings retain %,d bytes in %,d objects: %,d bytes and %.1f objects per finding;"
                        + " distinct vulnerabilities %,d, packages %,d, fixes %,d, targets %,d%n  by class: %s",
                file.getFileName(),
                findings.size(),
                bytes,
                objects,
                bytes / n,
                (double) objects / n,
                distinct(findings, Finding::vulnerability),
                distinct(findings, Finding::pkg),
                distinct(findings, Finding::fix),
                distinct(findings, Finding::target),
                byClass(layout, n));
    }

    private static int distinct(List<Finding> findings, Function<Finding, Object> part) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        findings.forEach(f -> seen.add(part.apply(f)));
        return seen.size();
    }

    /** The classes that take most of the bytes, with their bytes per finding. */
    private static String byClass(GraphLayout layout, int n) {
        Map<Class<?>, Long> sizes = layout.getClasses().stream()
                .collect(Collectors.toMap(c -> c, c -> layout.getClassSizes().count(c)));
        return sizes.entrySet().stream()
                .sorted(Map.Entry.<Class<?>, Long>comparingByValue().reversed())
                .limit(10)
                .map(e -> e.getKey().getSimpleName() + " " + e.getValue() / n)
                .collect(Collectors.joining(", "));
    }
}
