package dev.shelflife;

/**
 * How a report's raw entries were accounted for.
 *
 * <p>What a raw entry is depends on the kind of document: a vulnerability entry of a scan, a
 * statement of a VEX document that lists statements (OpenVEX, CSAF), a rule of an ignore file; an
 * inventory has none (its packages are its components). Every raw entry is exactly one of: a
 * finding, a statement or a rule kept, an exact duplicate of one (collapsed but counted), or a
 * skipped entry recorded as a {@link Problem} of kind {@link Problem.Kind#SKIPPED_ENTRY}. Nothing
 * is lost silently.
 *
 * @param entries raw entries in the input
 * @param findings distinct findings kept
 * @param statements VEX statements kept as entries of their own (not those a vulnerability entry carries)
 * @param rules ignore rules kept
 * @param duplicates entries identical to one already kept
 * @param skipped entries recorded as problems instead
 * @since 0.1
 */
public record ReportCounts(int entries, int findings, int statements, int rules, int duplicates, int skipped) {

    /**
     * Validates that the parts add up.
     *
     * @throws IllegalArgumentException if a count is negative or they do not add up
     */
    public ReportCounts {
        if (findings < 0 || statements < 0 || rules < 0 || duplicates < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (entries != findings + statements + rules + duplicates + skipped) {
            throw new IllegalArgumentException("entries (" + entries + ") != findings (" + findings + ") + statements ("
                    + statements + ") + rules (" + rules + ") + duplicates (" + duplicates + ") + skipped (" + skipped
                    + ")");
        }
    }

    /**
     * The counts of a report whose entries are vulnerability entries, as scans are.
     *
     * @param entries raw entries in the input
     * @param findings distinct findings kept
     * @param duplicates entries identical to a finding already kept
     * @param skipped entries recorded as problems instead of findings
     * @throws IllegalArgumentException if a count is negative or they do not add up
     */
    public ReportCounts(int entries, int findings, int duplicates, int skipped) {
        this(entries, findings, 0, 0, duplicates, skipped);
    }
}
