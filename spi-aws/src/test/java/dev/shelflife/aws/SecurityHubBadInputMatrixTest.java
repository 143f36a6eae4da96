package dev.shelflife.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Rating;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bad-input matrix for Security Hub's ASFF findings, and the rows that depend on ASFF's fields. */
class SecurityHubBadInputMatrixTest extends BadInputMatrix {

    private static final String RESOURCE =
            "\"Resources\": [{\"Type\": \"AwsEcrContainerImage\", \"Region\": \"eu-west-1\","
                    + " \"Details\": {\"AwsEcrContainerImage\": {\"RegistryId\": \"012345678901\", \"RepositoryName\": \"app\","
                    + " \"ImageDigest\": \"sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802\"}}}]";

    SecurityHubBadInputMatrixTest() {
        super(new SecurityHubScannerAdapter(), EntryFrame.of("asff.json", "{\"Findings\": [\n", "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(MatrixTemplate.json(
                "asff.json",
                """
                {$TOP$"Findings": [
                  {$ENTRY$"SchemaVersion": "2018-10-08", "ProductName": "Inspector", "CompanyName": "Amazon",
                   "Severity": {"Label": "HIGH"}, "LastObservedAt": "2023-08-30T21:11:07Z",
                   "ProductFields": {"aws/inspector/inspectorScore": "7.5"},
                   "Vulnerabilities": [{"Id": "CVE-2024-0001", "FixAvailable": "YES",
                     "VulnerablePackages": [{"Name": "musl$TEXT$", "Version": "1.2.4", "Release": "r2", "PackageManager": "OS",
                                             "FixedInVersion": "0:1.2.4-r3"}]}],
                   %s},
                  {"SchemaVersion": "2018-10-08", "ProductName": "Inspector", "CompanyName": "Amazon", "Severity": {"Label": "LOW"},
                   "Vulnerabilities": [{"Id": "CVE-2024-0002", "VulnerablePackages": [{"Name": "busybox", "Version": "1.36.1"}]}],
                   %s}]}
                """.formatted(RESOURCE, RESOURCE),
                2,
                "",
                "/Findings/0",
                "/Findings/0/Vulnerabilities/0/VulnerablePackages/0/Name"));
    }

    @Test
    void readsNumbersWhereTextBelongsAsTheirDigitsAndANumericStringAsAScore() {
        // The matrix's own row wants the severity's path to end with /severity: ASFF's is Severity/Label.
        ScanReport report = readEntries("{\"Severity\": {\"Label\": 3}, \"ProductFields\":"
                + " {\"aws/inspector/inspectorScore\": \"7.5\"}, \"Vulnerabilities\": [{\"Id\": \"CVE-1\","
                + " \"VulnerablePackages\": [{\"Name\": 42, \"Version\": 1.5}]}], " + RESOURCE + "}");

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("42");
            assertThat(f.pkg().version()).hasValue("1.5");
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.vulnerability().ratings()).extracting(Rating::score).contains(Optional.of(7.5));
        });
        assertThat(report.problems())
                .singleElement()
                .hasToString("asff.json:2:1 (/Findings/0/Severity/Label): unknown severity \"3\": read as UNKNOWN");
    }

    @Test
    void readsTheFirstOfSeveralVulnerabilitiesAndNamesTheOthersInAProblem() {
        ScanReport report =
                readEntries("{\"Vulnerabilities\": [{\"Id\": \"CVE-1\", \"VulnerablePackages\": [{\"Name\": \"a\"}]},"
                        + " {\"Id\": \"CVE-2\"}], " + RESOURCE + "}");

        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsExactly("CVE-1");
        assertThat(report.problems())
                .singleElement()
                .hasToString("asff.json:2:1 (/Findings/0/Vulnerabilities): this finding names 2 vulnerabilities, and a"
                        + " finding has one: it is read for the first; not read: CVE-2");
    }
}
