package dev.shelflife.trivy;

import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads Trivy's JSON reports: SchemaVersion 2 ({@code trivy image|fs|repo --format json}, Trivy
 * v0.20 and later), the legacy top-level array of earlier versions (with its {@code null} and
 * {@code []} documents), and {@code trivy k8s --format json} reports.
 *
 * <p>Every raw vulnerability entry becomes a finding or a recorded problem; misconfigurations,
 * secrets and licenses are not vulnerability entries and are not read. An unknown
 * {@code SchemaVersion} ends in an {@link dev.shelflife.UnsupportedReportException}. Found by
 * {@link java.util.ServiceLoader} under the id {@code trivy}; stateless and thread-safe.
 *
 * <pre>{@code
 * ScanReport report = new TrivyScannerAdapter().read(ReportSource.of(Path.of("trivy.json")));
 * }</pre>
 *
 * @since 0.1
 */
public final class TrivyScannerAdapter implements ScannerAdapter {

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public TrivyScannerAdapter() {}

    /**
     * The adapter's id.
     *
     * @return {@code trivy}
     */
    @Override
    public String id() {
        return TrivyReader.ADAPTER_ID;
    }

    /**
     * The scanner's name.
     *
     * @return {@code Trivy}
     */
    @Override
    public String displayName() {
        return TrivyReader.SCANNER_NAME;
    }

    /**
     * Recognises a Trivy report from the head of the input: certain for an object with
     * {@code SchemaVersion}, {@code ArtifactName}, {@code Results} or {@code ClusterName}; a
     * weaker claim for the legacy array, {@code null} and {@code []}.
     *
     * @param source the input
     * @return the detection; never throws for input of another format
     */
    @Override
    public Detection detect(ReportSource source) {
        return TrivySniffer.detect(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a Trivy report.
     *
     * @param source the input
     * @return the report, every raw vulnerability entry accounted for
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException for an unknown {@code SchemaVersion}, or JSON that is no
     *     Trivy report
     */
    @Override
    public ScanReport read(ReportSource source) {
        return TrivyReader.read(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a Trivy report, handing each finding to {@code findings} as soon as its result's
     * target is known: the memory needed is that of the largest result (of a {@code trivy k8s}
     * report: of its largest workload), not of the whole report. Exact duplicates are not
     * collapsed; see {@link ScannerAdapter#stream(ReportSource, Consumer)}.
     *
     * @param source the input
     * @param findings receives each finding, in document order
     * @return everything the report says but its findings
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException for an unknown {@code SchemaVersion}, or JSON that is no
     *     Trivy report
     */
    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return TrivyReader.stream(
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(findings, "findings"));
    }
}
