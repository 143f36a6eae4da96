package dev.shelflife.aws;

import dev.shelflife.ScanReport;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.util.Objects;

/**
 * Reads AWS Security Hub findings in the AWS Security Finding Format (ASFF) that Amazon Inspector
 * sent there from its scans of ECR images ({@code aws securityhub get-findings}) into the ShelfLife
 * model.
 *
 * <p>Every element of {@code Findings} is one raw entry. A finding with {@code Vulnerabilities}
 * about an {@code AwsEcrContainerImage} resource becomes a finding; a finding about another
 * resource, without vulnerabilities (GuardDuty's, Config's, the security standards'), of another
 * product than the first, archived, suppressed or closed is a skipped entry, recorded as a problem.
 * A document with findings of two images is refused, as {@link InspectorScannerAdapter} refuses it.
 * {@code docs/adapters/aws.md} says what is read from where, and what is not.
 *
 * <p>Stateless and thread-safe; found by {@link java.util.ServiceLoader} under the id {@value #ID}.
 *
 * @since 0.2
 */
public final class SecurityHubScannerAdapter implements ScannerAdapter {

    /** The adapter's id. */
    public static final String ID = "aws-securityhub";

    /** Creates the adapter; {@link java.util.ServiceLoader} calls this. */
    public SecurityHubScannerAdapter() {
        // Stateless: every read works on its own cursor.
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "AWS Security Hub findings (ASFF)";
    }

    /**
     * Claims an object whose {@code Findings} array's first finding has ASFF's keys
     * ({@code SchemaVersion} {@code 2018-10-08}, {@code ProductArn}, {@code GeneratorId}), and, less
     * surely, an empty {@code Findings} array. Never throws for foreign input.
     */
    @Override
    public Detection detect(ReportSource source) {
        return AwsSniffer.detect(Objects.requireNonNull(source, "source"), true);
    }

    @Override
    public ScanReport read(ReportSource source) {
        return SecurityHubReader.read(Objects.requireNonNull(source, "source"));
    }
}
