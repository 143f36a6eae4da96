package dev.shelflife.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a JMH result file of {@link EngineBenchmark} into a Markdown table: evaluations per second
 * of one thread, wall-clock time, and the findings per second they stand for. Results of other
 * benchmarks in the same file are left alone.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.EngineTable engine.json
 * </pre>
 */
public final class EngineTable {

    private static final String BENCHMARK = EngineBenchmark.class.getName() + ".";

    private EngineTable() {}

    /**
     * Prints the table.
     *
     * @param args the JMH JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: EngineTable JMH_RESULT.json");
            System.exit(2);
        }
        StringBuilder table = new StringBuilder("""
                | shape | findings per record | stage | evaluations / s (JMH, one thread) | findings / s |
                |---|--:|---|--:|--:|
                """);
        for (JsonNode result : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            if (!result.path("benchmark").asText().startsWith(BENCHMARK)) {
                continue;
            }
            JsonNode metric = result.path("primaryMetric");
            if (!metric.path("scoreUnit").asText().equals("ops/s")) {
                throw new IllegalArgumentException(
                        "expected ops/s, found " + metric.path("scoreUnit").asText());
            }
            int findings = result.path("params").path("findings").asInt();
            double score = metric.path("score").asDouble();
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %,.0f ± %,.0f | %,.0f |%n",
                    result.path("params").path("shape").asText("synthetic"),
                    findings,
                    result.path("params").path("stage").asText(),
                    score,
                    metric.path("scoreError").asDouble(),
                    score * findings));
        }
        System.out.print(table);
    }
}
