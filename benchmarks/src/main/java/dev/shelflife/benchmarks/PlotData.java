package dev.shelflife.benchmarks;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data file {@code benchmarks/plot-reads.gp} draws: one block per format, headed
 * {@code # trivy: MB limit shelflife shelflifeStream peer}, with one row per report size giving the
 * milliseconds per read of each method ({@code NaN} where it was not measured).
 */
final class PlotData {

    private static final String[] METHODS = {Reads.LIMIT, Reads.SHELFLIFE, Reads.SHELFLIFE_STREAM, Reads.PEER};

    private final Map<Format, Map<Double, Map<String, Double>>> points = new EnumMap<>(Format.class);

    /**
     * Adds one measurement.
     *
     * @param format the report's format
     * @param megabytes the report's size
     * @param method one of the {@link Reads} methods
     * @param millis milliseconds per read
     */
    void add(Format format, double megabytes, String method, double millis) {
        points.computeIfAbsent(format, f -> new TreeMap<>())
                .computeIfAbsent(megabytes, mb -> new TreeMap<>())
                .put(method, millis);
    }

    String text() {
        StringBuilder data = new StringBuilder();
        points.forEach((format, rows) -> {
            data.append(data.length() == 0 ? "" : "\n\n")
                    .append("# ")
                    .append(format)
                    .append(": MB ")
                    .append(String.join(" ", METHODS))
                    .append('\n');
            rows.forEach((megabytes, millis) -> {
                data.append(String.format(Locale.ROOT, "%.1f", megabytes));
                for (String method : METHODS) {
                    Double value = millis.get(method);
                    data.append(' ').append(value == null ? "NaN" : String.format(Locale.ROOT, "%.1f", value));
                }
                data.append('\n');
            });
        });
        return data.toString();
    }
}
