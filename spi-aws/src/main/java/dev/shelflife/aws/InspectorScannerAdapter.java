package dev.shelflife.aws;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;

/**
 * Reads Amazon Inspector's findings of an ECR container image, as its {@code ListFindings} API
 * returns them ({@code aws inspector2 list-findings}), into the ShelfLife model.
 *
 * <p>Every element of {@code findings} is one raw entry. A package vulnerability of an ECR image
 * ({@code AWS_ECR_CONTAINER_IMAGE}) becomes a finding; a finding about another resource (an EC2
 * instance, a Lambda function), of another type (network reachability, code), or that Inspector
 * closed or suppressed is a skipped entry, recorded as a problem. A report is about one image: a
 * document with findings of two images (two digests, repositories or registries) is refused with an
 * {@link dev.shelflife.UnsupportedReportException} that names both, since an
 * {@link dev.shelflife.ImageRecord} checks identities per report and a report holding two images
 * would pass that check. {@code docs/adapters/aws.md} says what is read from where, and what is not.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 * {@link SecurityHubScannerAdapter} reads the same findings as Security Hub passes them on.
 *
 * @since 0.2
 */
public final class InspectorScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "aws-inspector2";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public InspectorScannerAdapter() {
        // Stateless: every read works on its own cursor.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Amazon Inspector findings";
    }

    /**
     * Claims an object whose {@code findings} array's first finding has Inspector's keys
     * ({@code findingArn}, {@code packageVulnerabilityDetails}, {@code inspectorScore}), and, less
     * surely, an empty {@code findings} array. Never throws for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return AwsSniffer.detect(Objects.requireNonNull(source, "source"), false);
    }

    @Override
    public ScanReport read(ReportSource source) {
        return InspectorReader.read(Objects.requireNonNull(source, "source"));
    }
}
