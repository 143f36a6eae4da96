package dev.shelflife.history;

/**
 * What a {@linkplain HistoryStore#compact compaction} dropped.
 *
 * @param reports recorded reports dropped
 * @param findings finding rows dropped with them (the clocks' facts stay)
 * @param verdicts issued verdicts dropped
 * @since 0.2
 */
public record Compaction(long reports, long findings, long verdicts) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public Compaction {
        if (reports < 0 || findings < 0 || verdicts < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
