package dev.shelflife.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bad-input matrix for Inspector's {@code ListFindings} output, and the rows that depend on its fields. */
class InspectorBadInputMatrixTest extends BadInputMatrix {

    static final String RESOURCE = "\"resources\": [{\"type\": \"AWS_ECR_CONTAINER_IMAGE\", \"region\": \"eu-west-1\","
            + " \"details\": {\"awsEcrContainerImage\": {\"registry\": \"012345678901\", \"repositoryName\": \"app\","
            + " \"imageHash\": \"sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802\"}}}]";

    InspectorBadInputMatrixTest() {
        // The rows below write findings one per line from line 2.
        super(new InspectorScannerAdapter(), EntryFrame.of("findings.json", "{\"findings\": [\n", "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(MatrixTemplate.json(
                "findings.json",
                """
                {$TOP$"findings": [
                  {$ENTRY$"findingArn": "arn:aws:inspector2:eu-west-1:012345678901:finding/1", "type": "PACKAGE_VULNERABILITY",
                   "status": "ACTIVE", "severity": "HIGH", "fixAvailable": "YES", "inspectorScore": 7.5,
                   "lastObservedAt": "2025-01-14T09:30:00.000000+01:00",
                   "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2024-0001", "source": "NVD",
                     "vulnerablePackages": [{"name": "musl$TEXT$", "version": "1.2.4", "release": "r2", "epoch": 0,
                                             "packageManager": "OS", "fixedInVersion": "0:1.2.4-r3"}]},
                   %s},
                  {"findingArn": "arn:aws:inspector2:eu-west-1:012345678901:finding/2", "type": "PACKAGE_VULNERABILITY",
                   "status": "ACTIVE", "severity": "LOW",
                   "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2024-0002",
                     "vulnerablePackages": [{"name": "busybox", "version": "1.36.1", "packageManager": "OS"}]},
                   %s}]}
                """.formatted(RESOURCE, RESOURCE),
                2,
                "",
                "/findings/0",
                "/findings/0/packageVulnerabilityDetails/vulnerablePackages/0/name"));
    }

    @Override
    protected Optional<String> entryOfNumbersWhereTextBelongs() {
        return Optional.of("{\"type\": \"PACKAGE_VULNERABILITY\", \"severity\": 3, \"inspectorScore\": \"7.5\","
                + " \"packageVulnerabilityDetails\": {\"vulnerabilityId\": \"CVE-1\","
                + " \"vulnerablePackages\": [{\"name\": 42, \"version\": 1.5}]}, " + RESOURCE + "}");
    }

    @Test
    void endsAFindingThatIsNoObjectInALocatedException() {
        assertThatThrownBy(() -> readEntries("\"CVE-1\""))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("findings.json:2:1 (/findings/0): unexpected value");
        assertThatThrownBy(() -> readEntries("{\"resources\": {\"type\": \"AWS_ECR_CONTAINER_IMAGE\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/findings/0/resources)");
    }

    @Test
    void reportsAFindingKeySpelledInAnotherCase() {
        ScanReport report = readEntries("{\"Type\": \"PACKAGE_VULNERABILITY\", " + RESOURCE + "}");

        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).startsWith("\"Type\" is not \"type\""));
        assertThat(report.counts().skipped()).isEqualTo(1);
    }

    @Test
    void dropsAScoreOutsideZeroToTenAndSaysWhere() {
        ScanReport report =
                readEntries("{\"type\": \"PACKAGE_VULNERABILITY\", \"severity\": \"HIGH\", \"inspectorScore\": 12,"
                        + " \"packageVulnerabilityDetails\": {\"vulnerabilityId\": \"CVE-1\", \"vendorCreatedAt\": \"yesterday\","
                        + " \"vulnerablePackages\": [{\"name\": \"a\"}]}, " + RESOURCE + "}");

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        assertThat(report.problems())
                .extracting(p -> p.location().path() + ": " + p.message())
                .containsExactlyInAnyOrder(
                        "/findings/0/inspectorScore: score 12 outside 0..10: dropped",
                        "/findings/0/packageVulnerabilityDetails/vendorCreatedAt: unreadable timestamp \"yesterday\": dropped");
    }
}
