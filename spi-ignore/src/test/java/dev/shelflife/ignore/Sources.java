package dev.shelflife.ignore;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small documents for the tests, and the check that cutting one anywhere ends in a report or a located error. */
final class Sources {

    private Sources() {}

    static ReportSource of(String name, String text) {
        return ReportSource.of(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads every cut of a document after its first byte: a report, or an exception located in it. */
    static int cutsRefused(ScannerAdapter adapter, String name, byte[] whole) {
        int refused = 0;
        for (int length = 1; length < whole.length; length++) {
            try {
                ScanReport report = adapter.read(ReportSource.of(name, Arrays.copyOf(whole, length)));
                if (report.counts().entries() > 100) {
                    throw new AssertionError("a cut read more entries than the whole has");
                }
            } catch (ReportParseException e) {
                if (!e.location().source().equals(name) || e.location().line() < 1) {
                    throw new AssertionError(
                            "cut at " + length + ": not located in " + name + ": " + e.getMessage(), e);
                }
                refused++;
            }
        }
        return refused;
    }
}
