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
 * Reads Trivy Operator's {@code VulnerabilityReport} resources ({@code aquasecurity.github.io/v1alpha1},
 * as {@code kubectl get vulnerabilityreport -o json} or {@code -o yaml} prints them): one resource,
 * a top-level array, a Kubernetes {@code List}, or a YAML stream of documents. The operator scans
 * each workload's containers in the cluster, one report per container image, which makes these
 * the run stage's evidence.
 *
 * <p>Each entry is the operator's copy of a Trivy entry and is mapped as the {@code trivy}
 * adapter maps Trivy's: a Trivy Operator report and a Trivy image report of the same image give
 * the same findings. The target of each finding names the workload and container the report is
 * about. Resources of other kinds ({@code ConfigAuditReport} …) are recorded as problems and hold
 * no entries. The {@code summary} is never counted from: it is compared with the entries listed,
 * and a difference is a problem. Found by {@link java.util.ServiceLoader} under the id
 * {@code trivy-operator}; stateless and thread-safe.
 *
 * <pre>{@code
 * ScanReport report = new TrivyOperatorScannerAdapter().read(ReportSource.of(Path.of("vulnerabilityreport.yaml")));
 * }</pre>
 *
 * @since 0.2
 */
public final class TrivyOperatorScannerAdapter implements ScannerAdapter {

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public TrivyOperatorScannerAdapter() {}

    /**
     * The adapter's id.
     *
     * @return {@code trivy-operator}
     */
    @Override
    public String id() {
        return OperatorReader.ADAPTER_ID;
    }

    /**
     * The scanner's name.
     *
     * @return {@code Trivy Operator}
     */
    @Override
    public String displayName() {
        return "Trivy Operator";
    }

    /**
     * Recognises Trivy Operator resources from their {@code apiVersion} and {@code kind}: certain
     * for a {@code VulnerabilityReport} of the {@code aquasecurity.github.io} group, a match for
     * another of the operator's resources first in an array or List.
     *
     * @param source the input
     * @return the detection; never throws for input of another format
     */
    @Override
    public Detection detect(ReportSource source) {
        return OperatorSniffer.detect(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads Trivy Operator resources.
     *
     * @param source the input, JSON or YAML
     * @return the report, every raw vulnerability entry accounted for
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException for an {@code apiVersion} other than
     *     {@code aquasecurity.github.io/v1alpha1}, or a document that holds no Trivy Operator resource
     */
    @Override
    public ScanReport read(ReportSource source) {
        return OperatorReader.read(Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads Trivy Operator resources, handing each finding to {@code findings} once its resource
     * has been read: the memory needed is that of the largest resource. Exact duplicates are not
     * collapsed; see {@link ScannerAdapter#stream(ReportSource, Consumer)}.
     *
     * @param source the input, JSON or YAML
     * @param findings receives each finding, in document order
     * @return everything the report says but its findings
     * @throws dev.shelflife.ReportParseException if the input is malformed, with its location
     * @throws dev.shelflife.UnsupportedReportException as {@link #read(ReportSource)} does
     */
    @Override
    public ReportSummary stream(ReportSource source, Consumer<? super Finding> findings) {
        return OperatorReader.stream(
                Objects.requireNonNull(source, "source"), Objects.requireNonNull(findings, "findings"));
    }
}
