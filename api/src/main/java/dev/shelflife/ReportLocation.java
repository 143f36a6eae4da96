package dev.shelflife;

import java.util.Objects;

/**
 * Where in a report something was found: the file, line and column, and the JSON pointer (or,
 * for XML, an XPath-like path) of the value.
 *
 * <p>{@link #toString()} prints the form every ShelfLife message uses:
 * {@code trivy.json:12:5 (/Results/0/Vulnerabilities/3/Severity)}.
 *
 * @param source the file name or other name of the input
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param path the JSON pointer of the value ({@code ""} for the whole document)
 * @since 0.1
 */
public record ReportLocation(String source, long line, long column, String path) {

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if line or column is negative
     */
    public ReportLocation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(path, "path");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative");
        }
    }

    /**
     * A location that names only the input, for problems that concern the whole document.
     *
     * @param source the file name or other name of the input
     * @return the location
     */
    public static ReportLocation of(String source) {
        return new ReportLocation(source, 0, 0, "");
    }

    /**
     * A copy that points at another path within the same position.
     *
     * @param newPath the JSON pointer
     * @return the new location
     */
    public ReportLocation withPath(String newPath) {
        return new ReportLocation(source, line, column, newPath);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(" (").append(path.isEmpty() ? "/" : path).append(')');
        return text.toString();
    }
}
