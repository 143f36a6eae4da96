package dev.shelflife.harbor;

import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads Harbor's vulnerability reports: the report of the pluggable scanner API, v1.1
 * ({@code application/vnd.security.vulnerability.report; version=1.1}, harbor-scanner-trivy) and
 * v1.0 ({@code application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0}, the Clair
 * adapter's era), either under its MIME-type key, as Harbor's API returns it
 * ({@code GET …/artifacts/{ref}/additions/vulnerabilities}), or bare, as a scanner adapter writes it.
 *
 * <p>Every entry becomes a finding or a recorded problem. Harbor names the artifact by its
 * repository in Harbor, without the registry's host: the image is identified by its digest only.
 * Found by {@link java.util.ServiceLoader} under the id {@code harbor}; stateless and thread-safe.
 *
 * <pre>{@code
 * ScanReport report = new HarborScannerAdapter().read(ReportSource.of(Path.of("vulnerabilities.json")));
 * }</pre>
 *
 * @since 0.2
 */
public final class HarborScannerAdapter implements ScannerAdapter {

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public HarborScannerAdapter() {}

    /**
     * The adapter's id.
     *
     * @return {@code harbor}
     */
    @Override
    public String id() {
        return HarborReader.ADAPTER_ID;
    }

    /**
     * The product's name: the scanner is whichever Harbor runs, named in each report.
     *
     * @return {@code Harbor}
     */
    @Override
    public String displayName() {
        return "Harbor";
    }

    /**
     * Recognises a Harbor report: certain under a Harbor MIME-type key, or for a bare report with
     * {@code generated_at} and {@code scanner} or {@code vulnerabilities}.
     *
     * @param source the input
     * @return the detection; never throws for input of another format
     */
    @Override
    public Detection detect(ReportSource source) {
        return HarborSniffer.detect(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a Harbor report.
     *
     * @param source the input
     * @return the report, every raw vulnerability entry accounted for
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException for JSON that is no Harbor report
     */
    @Override
    public ScanReport read(ReportSource source) {
        return HarborReader.read(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a Harbor report, handing each finding to {@code findings} as soon as it is read.
     * Exact duplicates are not collapsed; see {@link ScannerAdapter#stream(ReportSource, Consumer)}.
     *
     * @param source the input
     * @param findings receives each finding, in document order
     * @return everything the report says but its findings
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException for JSON that is no Harbor report
     */
    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return HarborReader.stream(
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(findings, "findings"));
    }
}
