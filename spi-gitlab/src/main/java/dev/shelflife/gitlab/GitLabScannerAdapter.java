package dev.shelflife.gitlab;

import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads GitLab's container scanning reports ({@code gl-container-scanning-report.json}): the
 * layouts of GitLab 14 (with per-entry {@code category}, {@code message}, {@code confidence} and
 * {@code scanner}) and 15, with or without a {@code scan} object, whether GitLab's own analyzer or
 * Trivy's {@code contrib/gitlab.tpl} template wrote them.
 *
 * <p>Every entry becomes a finding or a recorded problem. The fix state comes from the entry's
 * {@code solution} when it names a version of the entry's package, and is {@code UNKNOWN}
 * otherwise, never guessed. Found by {@link java.util.ServiceLoader} under the id {@code gitlab};
 * stateless and thread-safe.
 *
 * <pre>{@code
 * ScanReport report = new GitLabScannerAdapter().read(ReportSource.of(Path.of("gl-container-scanning-report.json")));
 * }</pre>
 *
 * @since 0.2
 */
public final class GitLabScannerAdapter implements ScannerAdapter {

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public GitLabScannerAdapter() {}

    /**
     * The adapter's id.
     *
     * @return {@code gitlab}
     */
    @Override
    public String id() {
        return GitLabReader.ADAPTER_ID;
    }

    /**
     * The report's name: the scanner is the one GitLab's analyzer runs, named in each report.
     *
     * @return {@code GitLab container scanning}
     */
    @Override
    public String displayName() {
        return GitLabReader.SCANNER_NAME;
    }

    /**
     * Recognises a GitLab container scanning report: certain with {@code remediations}, a
     * {@code scan} of type {@code container_scanning}, or a first entry with {@code identifiers}
     * and {@code location}.
     *
     * @param source the input
     * @return the detection; never throws for input of another format
     */
    @Override
    public Detection detect(ReportSource source) {
        return GitLabSniffer.detect(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a GitLab container scanning report.
     *
     * @param source the input
     * @return the report, every raw vulnerability entry accounted for
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException for JSON that is no GitLab report, or a GitLab report of another scan type
     */
    @Override
    public ScanReport read(ReportSource source) {
        return GitLabReader.read(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads a GitLab report, handing each finding to {@code findings} as soon as it is read.
     * Exact duplicates are not collapsed; see {@link ScannerAdapter#stream(ReportSource, Consumer)}.
     *
     * @param source the input
     * @param findings receives each finding, in document order
     * @return everything the report says but its findings
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException as {@link #read(ReportSource)} does
     */
    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return GitLabReader.stream(
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(findings, "findings"));
    }
}
