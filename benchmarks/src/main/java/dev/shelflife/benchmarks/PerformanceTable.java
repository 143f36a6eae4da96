package dev.shelflife.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH result file of {@link ReadBenchmark} into the table of {@code docs/performance.md}
 * and the {@link PlotData} that {@code benchmarks/plot-reads.gp} plots. Results of other benchmarks in
 * the same file are left alone.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.PerformanceTable reads.json reads.dat
 * </pre>
 */
public final class PerformanceTable {

    private static final String BENCHMARK = ReadBenchmark.class.getName() + ".";

    private PerformanceTable() {}

    /** One report's measurements: per method, the mean in ms/op and its error. */
    private record Row(Format format, int mebibytes, Map<String, double[]> scores) {}

    /**
     * Prints the Markdown table and writes the plot data.
     *
     * @param args the JMH JSON result file and the data file to write
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PerformanceTable JMH_RESULT.json PLOT_DATA.dat");
            System.exit(2);
        }
        List<Row> rows = rows(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
        Map<String, double[]> loads = loads(LargeReports.directory().resolve(ReadBenchmark.LOAD_LOG));
        System.out.print(markdown(rows, loads));
        Files.writeString(Path.of(args[1]), plotData(rows));
    }

    private static List<Row> rows(JsonNode results) {
        Map<String, Row> rows = new TreeMap<>();
        for (JsonNode result : results) {
            String benchmark = result.path("benchmark").asText();
            if (!benchmark.startsWith(BENCHMARK)) {
                continue;
            }
            Format format = Format.named(result.path("params").path("format").asText());
            int mebibytes = result.path("params").path("mebibytes").asInt();
            Row row = rows.computeIfAbsent(
                    String.format(Locale.ROOT, "%s %06d", format, mebibytes),
                    key -> new Row(format, mebibytes, new LinkedHashMap<>()));
            JsonNode metric = result.path("primaryMetric");
            if (!metric.path("scoreUnit").asText().equals("ms/op")) {
                throw new IllegalArgumentException(
                        "expected ms/op, found " + metric.path("scoreUnit").asText());
            }
            row.scores().put(benchmark.substring(BENCHMARK.length()), new double[] {
                metric.path("score").asDouble(), metric.path("scoreError").asDouble()
            });
        }
        return new ArrayList<>(rows.values());
    }

    /** The lowest and highest load average noted by any trial of a report, keyed by format and size. */
    private static Map<String, double[]> loads(Path log) throws IOException {
        Map<String, double[]> loads = new LinkedHashMap<>();
        if (!Files.isRegularFile(log)) {
            return loads;
        }
        for (String line : Files.readAllLines(log)) {
            String[] columns = line.split("\t");
            double[] range =
                    loads.computeIfAbsent(columns[1] + " " + columns[2], key -> new double[] {Double.MAX_VALUE, 0});
            for (int i = 3; i < 5; i++) {
                double load = Double.parseDouble(columns[i]);
                range[0] = Math.min(range[0], load);
                range[1] = Math.max(range[1], load);
            }
        }
        return loads;
    }

    private static String markdown(List<Row> rows, Map<String, double[]> loads) {
        StringBuilder table = new StringBuilder("""
                | report | size | entries | limit: bare Jackson | ShelfLife read | ShelfLife stream | peer: analysis-model \
                | read vs limit | read vs peer | load (1 min) |
                |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|
                """);
        for (Row row : rows) {
            LargeReports.Report report = LargeReports.grow(row.format(), row.mebibytes());
            double megabytes = report.bytes() / 1e6;
            double[] load = loads.get(row.format() + " " + row.mebibytes());
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f MB | %,d | %s | %s | %s | %s | %s | %s | %s |%n",
                    row.format(),
                    megabytes,
                    report.entries(),
                    cell(row, "limit", megabytes),
                    cell(row, "shelflife", megabytes),
                    cell(row, "shelflifeStream", megabytes),
                    cell(row, "peer", megabytes),
                    ratio(row, "limit", "shelflife", "%.0f %%", 100),
                    ratio(row, "peer", "shelflife", "%.1f×", 1),
                    load == null ? "—" : String.format(Locale.ROOT, "%.1f–%.1f", load[0], load[1])));
        }
        return table.toString();
    }

    private static String cell(Row row, String method, double megabytes) {
        double[] score = row.scores().get(method);
        if (score == null) {
            return "—";
        }
        return String.format(
                Locale.ROOT, "%,.0f ± %,.0f ms (%,.0f MB/s)", score[0], score[1], megabytes / score[0] * 1000);
    }

    /** How much faster {@code method} is than {@code reference}, as their time per operation's inverse ratio. */
    private static String ratio(Row row, String reference, String method, String pattern, double scale) {
        double[] slow = row.scores().get(reference);
        double[] fast = row.scores().get(method);
        return slow == null || fast == null ? "—" : String.format(Locale.ROOT, pattern, slow[0] / fast[0] * scale);
    }

    private static String plotData(List<Row> rows) {
        PlotData data = new PlotData();
        for (Row row : rows) {
            double megabytes = LargeReports.grow(row.format(), row.mebibytes()).bytes() / 1e6;
            row.scores().forEach((method, score) -> data.add(row.format(), megabytes, method, score[0]));
        }
        return data.text();
    }
}
