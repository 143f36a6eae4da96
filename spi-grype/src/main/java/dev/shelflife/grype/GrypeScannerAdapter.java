package dev.shelflife.grype;

import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads {@code grype -o json} reports, from Grype 0.7 to the DB v6 era, into the ShelfLife model.
 *
 * <p>Every element of {@code matches} becomes a finding, an exact duplicate (counted), or a
 * skipped entry recorded as a problem. {@code ignoredMatches}, which {@code .grype.yaml} hid, are
 * not findings: each becomes a problem of kind
 * {@link dev.shelflife.Problem.Kind#IGNORED_BY_SCANNER} that names the rules that hid it. The
 * database build time comes from {@code descriptor.db}, the image build time from the base64
 * image config in {@code source.target.config}. The document is streamed: each match is bound on
 * its own, never the whole document as a tree.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id
 * {@value #ID}.
 *
 * @since 0.1
 */
public final class GrypeScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "grype";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public GrypeScannerAdapter() {
        // Stateless: every read works on its own reader.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Grype";
    }

    /**
     * Claims a JSON object whose head shows Grype's keys: certain when {@code descriptor.name}
     * is {@code grype} or both {@code matches} and {@code source} appear, likely when the
     * document starts with a {@code matches} array. Never throws for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return GrypeReader.detect(Objects.requireNonNull(source, "source"));
    }

    @Override
    public ScanReport read(ReportSource source) {
        return GrypeReader.read(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a Grype report, handing each match's finding to {@code findings} as soon as it is
     * mapped. Grype writes {@code source}, which names every finding's target, after
     * {@code matches}, so the source is opened twice: a first pass reads everything but the
     * matches, a second streams the matches. Exact duplicates are not collapsed; see
     * {@link ScannerAdapter#stream(ReportSource, Consumer)}.
     *
     * @param source the input, opened twice
     * @param findings receives each finding, in document order
     * @return everything the report says but its findings
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     */
    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return GrypeReader.stream(
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(findings, "findings"));
    }
}
