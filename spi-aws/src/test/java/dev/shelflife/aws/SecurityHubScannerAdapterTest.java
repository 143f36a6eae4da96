package dev.shelflife.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecurityHubScannerAdapterTest extends ScannerAdapterKit {

    SecurityHubScannerAdapterTest() {
        super(KitSetup.of(new SecurityHubScannerAdapter())
                .sample(KitSample.ofResource(SecurityHubScannerAdapterTest.class, "asff-ecr.json")
                        .entries(3))
                .sample(KitSample.of("empty.json", "{\"Findings\": []}".getBytes(StandardCharsets.UTF_8))
                        .entries(0))
                .template(KitTemplate.json("asff.json", """
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
                """.formatted(RESOURCE, RESOURCE))
                        .entries(2)
                        .entryAt("/Findings/0")
                        .textAt("/Findings/0/Vulnerabilities/0/VulnerablePackages/0/Name"))
                .frame(EntryFrame.of("asff.json", "{\"Findings\": [\n", "]}"))
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "an ASFF severity is an object with a Label, not a word that could be written as a number")
                .build());
    }

    private ScanReport sample() {
        return adapter().read(setup().samples().get(0).source());
    }

    private static ReportSource source(String json) {
        return ReportSource.of("asff.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsInspectorsFindingOfAnEcrImageAsSecurityHubPassesItOn() {
        ScanReport report = sample();

        assertThat(report.format().name()).isEqualTo("aws-securityhub");
        assertThat(report.format().schemaVersion()).hasValue("2018-10-08");
        assertThat(report.scanner().toString()).isEqualTo("Amazon Inspector 2");
        assertThat(report.image().ref())
                .hasValue(ImageRef.parse("123456789012.dkr.ecr.eu-central-1.amazonaws.com/repo-gomod:c-c4036e95"
                        + "@sha256:a94c3dfd6c8ecb573a30fae7c18cf682de4b6c16f3c7250c107de1770db41220"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2023-08-30T21:11:07Z"));

        Finding text = report.findings().get(0);
        assertThat(text.vulnerability().id()).isEqualTo("CVE-2022-32149");
        assertThat(text.severity()).isEqualTo(Severity.HIGH);
        assertThat(text.vulnerability().ratings())
                .as("the two identical NVD scores are one rating")
                .containsExactly(
                        Rating.of("inspector", Severity.HIGH, 7.5, null),
                        Rating.of("nvd", Severity.HIGH, null, null),
                        Rating.of("nvd", null, 7.5, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"));
        assertThat(text.vulnerability().published()).hasValue(Instant.parse("2022-10-14T15:15:00Z"));
        assertThat(text.vulnerability().modified()).hasValue(Instant.parse("2023-05-01T06:15:00Z"));
        assertThat(text.pkg().name()).isEqualTo("golang.org/x/text");
        assertThat(text.pkg().version()).hasValue("0.3.3");
        assertThat(text.pkg().type()).hasValue("golang");
        assertThat(text.pkg().path()).hasValue("app/go.mod");
        assertThat(text.fix()).isEqualTo(Fix.fixed("0.3.8"));
    }

    @Test
    void skipsFindingsOfOtherResourcesAndArchivedFindings() {
        ScanReport report = sample();

        assertThat(report.counts().entries()).isEqualTo(3);
        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "asff-ecr.json:49:5 (/Findings/1): a finding about AwsEc2Instance"
                                + " arn:aws:ec2:eu-central-1:123456789012:instance/i-0b22a22eec53b9321, not an ECR"
                                + " container image: not read",
                        "asff-ecr.json:64:5 (/Findings/2): Security Hub archived this finding (RecordState ARCHIVED):"
                                + " its product no longer reports it");
    }

    @Test
    void skipsSuppressedFindingsAndFindingsOfAnotherProduct() {
        String finding = "{\"SchemaVersion\": \"2018-10-08\", \"ProductName\": \"%s\", \"CompanyName\": \"%s\","
                + " \"Workflow\": {\"Status\": \"%s\"}, \"Severity\": {\"Label\": \"LOW\"},"
                + " \"Resources\": [{\"Type\": \"AwsEcrContainerImage\", \"Region\": \"eu-central-1\", \"Details\":"
                + " {\"AwsEcrContainerImage\": {\"RegistryId\": \"123456789012\", \"RepositoryName\": \"app\","
                + " \"ImageDigest\": \"sha256:" + "a".repeat(64) + "\"}}}],"
                + " \"Vulnerabilities\": [{\"Id\": \"%s\", \"VulnerablePackages\": [{\"Name\": \"musl\"}]}]}";

        ScanReport report = adapter()
                .read(source("{\"Findings\": ["
                        + String.format(finding, "Inspector", "Amazon", "NEW", "CVE-1") + ", "
                        + String.format(finding, "Inspector", "Amazon", "SUPPRESSED", "CVE-2") + ", "
                        + String.format(finding, "Vuln Scanner", "Acme", "NEW", "CVE-3") + "]}"));

        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsExactly("CVE-1");
        assertThat(report.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "this finding is suppressed (Workflow.Status SUPPRESSED); a ShelfLife waiver says the same"
                                + " where the policy can see it: not a finding",
                        "a finding of Acme Vuln Scanner, after those of Amazon Inspector: a report is one scanner's"
                                + " evidence, read each product's findings on their own");
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    private static final String RESOURCE =
            "\"Resources\": [{\"Type\": \"AwsEcrContainerImage\", \"Region\": \"eu-west-1\","
                    + " \"Details\": {\"AwsEcrContainerImage\": {\"RegistryId\": \"012345678901\", \"RepositoryName\": \"app\","
                    + " \"ImageDigest\": \"sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802\"}}}]";

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
