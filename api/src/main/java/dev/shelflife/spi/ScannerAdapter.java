package dev.shelflife.spi;

import dev.shelflife.Finding;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import java.util.function.Consumer;

/**
 * Reads one scanner's report formats into the ShelfLife model. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.shelflife.spi.ScannerAdapter} (and {@code provides … with} in a
 * {@code module-info}), and give it a public no-argument constructor.
 *
 * <p>Implementations are stateless and thread-safe. They must not need the whole document in
 * memory as a tree, and must throw only {@link ReportParseException} (or its subtype
 * {@link dev.shelflife.UnsupportedReportException}) for bad input, with the location.
 *
 * @since 0.1
 */
public interface ScannerAdapter {

    /**
     * The adapter's id, unique among installed adapters: lower case, such as {@code trivy}.
     *
     * @return the id
     */
    String id();

    /**
     * A person-readable name for messages.
     *
     * @return the name; the id unless overridden
     */
    default String displayName() {
        return id();
    }

    /**
     * Looks at the structure of the input and says whether this adapter reads it. Must not throw
     * for input that is not its format, or that is malformed.
     *
     * <p>Detection decides on structure, not on a fixed window of bytes: it reads the document as
     * a stream ({@link ReportSource#open()}) for as far as the decision needs, skipping over large
     * values without keeping them, within the source's {@link ReadLimits}, and stops as soon as
     * it has decided. A report whose identifying keys follow a large first entry is still
     * recognised, and a large report whose first keys decide is not read further. A claim (a
     * confidence of at least {@link Detection#MATCH}) is exclusive: see {@link Detection}.
     *
     * @param source the input
     * @return the detection
     * @throws ReportParseException only if the source cannot be read at all
     */
    Detection detect(ReportSource source);

    /**
     * Reads the whole report.
     *
     * @param source the input
     * @return the report, every raw entry accounted for
     * @throws ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException if the input is a version this adapter does not read
     */
    ScanReport read(ReportSource source);

    /**
     * Reads the whole report and hands each finding to {@code findings} as soon as it is read,
     * in document order, instead of keeping it: a report of any size is read in the memory its
     * largest entry needs, not the memory of all its findings.
     *
     * <p>A stream keeps nothing to compare with, so it does not collapse exact duplicates: they
     * reach the consumer as often as the report lists them, and the summary counts them as
     * findings (see {@link ReportSummary}). Apart from that the consumer receives what
     * {@link #read(ReportSource)} would list, and the summary says what the report would say.
     * If reading fails part way, the consumer has already received the findings before the
     * failure; the exception still says where the input went wrong.
     *
     * <p>The default reads the whole report with {@link #read(ReportSource)} and then hands over
     * its findings, duplicates already collapsed; adapters of formats that can grow large
     * override it to stream.
     *
     * @param source the input
     * @param findings receives each finding
     * @return everything the report says but its findings
     * @throws ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException if the input is a version this adapter does not read
     * @since 0.1
     */
    default ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        ScanReport report = read(source);
        report.findings().forEach(findings);
        return report.summary();
    }
}
