package dev.shelflife;

/**
 * How a report's raw vulnerability entries were accounted for.
 *
 * <p>Every raw entry is exactly one of: a finding, an exact duplicate of a finding (collapsed but
 * counted), or a skipped entry recorded as a {@link Problem} of kind
 * {@link Problem.Kind#SKIPPED_ENTRY}. Nothing is lost silently.
 *
 * @param entries raw vulnerability entries in the input
 * @param findings distinct findings kept
 * @param duplicates entries identical to a finding already kept
 * @param skipped entries recorded as problems instead of findings
 * @since 0.1
 */
public record ReportCounts(int entries, int findings, int duplicates, int skipped) {

    /**
     * Validates that the parts add up.
     *
     * @throws IllegalArgumentException if a count is negative or they do not add up
     */
    public ReportCounts {
        if (findings < 0 || duplicates < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (entries != findings + duplicates + skipped) {
            throw new IllegalArgumentException("entries (" + entries + ") != findings (" + findings + ") + duplicates ("
                    + duplicates + ") + skipped (" + skipped + ")");
        }
    }
}
