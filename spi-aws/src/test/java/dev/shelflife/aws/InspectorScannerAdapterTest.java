package dev.shelflife.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InspectorScannerAdapterTest extends ScannerAdapterKit {

    private static final String DIGEST = "sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802";

    InspectorScannerAdapterTest() {
        super(KitSetup.of(new InspectorScannerAdapter())
                .sample(KitSample.ofResource(InspectorScannerAdapterTest.class, "inspector-ecr.json")
                        .entries(3))
                .sample(KitSample.of("empty.json", "{\"findings\": []}".getBytes(StandardCharsets.UTF_8))
                        .entries(0))
                .template(KitTemplate.json("findings.json", """
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
                """.formatted(RESOURCE, RESOURCE))
                        .entries(2)
                        .entryAt("/findings/0")
                        .textAt("/findings/0/packageVulnerabilityDetails/vulnerablePackages/0/name"))
                // The format rows write findings one per line from line 2.
                .frame(EntryFrame.of("findings.json", "{\"findings\": [\n", "]}"))
                .numbersWhereTextBelong(
                        "{\"type\": \"PACKAGE_VULNERABILITY\", \"severity\": 3, \"inspectorScore\": \"7.5\","
                                + " \"packageVulnerabilityDetails\": {\"vulnerabilityId\": \"CVE-1\","
                                + " \"vulnerablePackages\": [{\"name\": 42, \"version\": 1.5}]}, " + RESOURCE + "}")
                .build());
    }

    private ScanReport sample() {
        return adapter().read(setup().samples().get(0).source());
    }

    private static ReportSource source(String json) {
        return ReportSource.of("findings.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String ecrFinding(String repository, String digest, String vulnerability) {
        return "{\"findingArn\": \"arn:aws:inspector2:eu-west-1:012345678901:finding/" + vulnerability + "\","
                + " \"type\": \"PACKAGE_VULNERABILITY\", \"status\": \"ACTIVE\", \"severity\": \"HIGH\","
                + " \"packageVulnerabilityDetails\": {\"vulnerabilityId\": \"" + vulnerability + "\","
                + " \"vulnerablePackages\": [{\"name\": \"musl\", \"version\": \"1.2.4\", \"release\": \"r2\","
                + " \"packageManager\": \"OS\"}]},"
                + " \"resources\": [{\"type\": \"AWS_ECR_CONTAINER_IMAGE\", \"region\": \"eu-west-1\", \"partition\": \"aws\","
                + " \"details\": {\"awsEcrContainerImage\": {\"registry\": \"012345678901\", \"repositoryName\": \""
                + repository + "\", \"imageHash\": \"" + digest + "\", \"platform\": \"ALPINE_LINUX_3_19\"}}}]}";
    }

    @Test
    void readsAPackageVulnerabilityOfAnEcrImageAsAFindingOfThatImage() {
        ScanReport report = sample();

        assertThat(report.kind()).isEqualTo(EvidenceKind.SCAN);
        assertThat(report.format().adapterId()).isEqualTo("aws-inspector2");
        assertThat(report.scanner().toString()).isEqualTo("Amazon Inspector 2");
        assertThat(report.image().ref())
                .hasValue(ImageRef.parse("012345678901.dkr.ecr.eu-west-1.amazonaws.com/shop/api:1.4.2@" + DIGEST));
        assertThat(report.image().manifestDigest()).hasValue(DIGEST);
        assertThat(report.image().os()).hasValue("DEBIAN_12");
        assertThat(report.image().createdAt()).as("pushed is not built").isEmpty();
        assertThat(report.artifact().type()).isEqualTo(Artifact.Type.CONTAINER_IMAGE);
        assertThat(report.scannedAt())
                .as("the newest lastObservedAt of the findings read")
                .hasValue(Instant.parse("2025-01-14T08:30:00Z"));

        Finding libxml = report.findings().get(0);
        assertThat(libxml.vulnerability().id()).isEqualTo("CVE-2022-29824");
        assertThat(libxml.vulnerability().aliases()).containsExactly("GHSA-xxxx-yyyy-zzzz");
        assertThat(libxml.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(libxml.vulnerability().severitySource()).hasValue("inspector");
        assertThat(libxml.vulnerability().ratings())
                .containsExactly(
                        Rating.of("inspector", Severity.MEDIUM, 6.5, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H"),
                        Rating.of("debian_cve", Severity.MEDIUM, null, null),
                        Rating.of("nvd", null, 6.5, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H"));
        assertThat(libxml.vulnerability().published()).hasValue(Instant.parse("2022-05-03T00:15:00Z"));
        assertThat(libxml.vulnerability().primaryUrl())
                .hasValue("https://security-tracker.debian.org/tracker/CVE-2022-29824");
        assertThat(libxml.vulnerability().epss())
                .as("Inspector gives the EPSS probability without its percentile")
                .isEmpty();
        assertThat(libxml.pkg().name()).isEqualTo("libxml2");
        assertThat(libxml.pkg().version()).hasValue("2.9.14+dfsg-1.2");
        assertThat(libxml.pkg().type()).hasValue("deb");
        assertThat(libxml.pkg().layer())
                .hasValue("sha256:11a88e76431345b48525c4e4d58d497810019f4bafdb5e2bd56dc34a05e09cc3");
        assertThat(libxml.fix()).isEqualTo(Fix.fixed("0:2.9.14+dfsg-1.3~deb12u1"));
        assertThat(libxml.target()).isEqualTo("012345678901.dkr.ecr.eu-west-1.amazonaws.com/shop/api@" + DIGEST);
    }

    @Test
    void readsTheFirstOfSeveralVulnerablePackagesAndNamesTheOthersInAProblem() {
        assertThat(sample().problems())
                .filteredOn(p -> p.kind() == Problem.Kind.IGNORED_VALUE)
                .singleElement()
                .hasToString("inspector-ecr.json:3:5 (/findings/0/packageVulnerabilityDetails/vulnerablePackages):"
                        + " CVE-2022-29824 lists 2 vulnerable packages, and a finding has one: it is read for the first,"
                        + " libxml2 2.9.14+dfsg-1.2; not read: libxml2-utils 2.9.14+dfsg-1.2");
    }

    @Test
    void skipsFindingsOfOtherResourcesAndFindingsInspectorSuppressedOrClosed() {
        ScanReport report = sample();

        assertThat(report.counts().entries()).isEqualTo(3);
        assertThat(report.counts().findings()).isEqualTo(1);
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY)
                .extracting(Problem::toString)
                .containsExactly(
                        "inspector-ecr.json:45:5 (/findings/1): a finding about AWS_LAMBDA_FUNCTION"
                                + " arn:aws:lambda:eu-west-1:012345678901:function:thumbnailer, not an ECR container image:"
                                + " not read",
                        "inspector-ecr.json:60:5 (/findings/2): Inspector suppressed this finding (status SUPPRESSED)"
                                + " by a suppression rule; a ShelfLife waiver says the same where the policy can see it:"
                                + " not a finding");
    }

    @Test
    void readsTheEpochReleaseAndFixStateOfAPackage() {
        String epoch = ecrFinding("app", DIGEST, "CVE-1")
                .replace(
                        "\"release\": \"r2\"",
                        "\"release\": \"r2\", \"epoch\": 1, \"fixedInVersion\": \"NotAvailable\"")
                .replace("\"status\": \"ACTIVE\"", "\"status\": \"ACTIVE\", \"fixAvailable\": \"NO\"");

        Finding finding = adapter()
                .read(source("{\"findings\": [" + epoch + "]}"))
                .findings()
                .get(0);

        assertThat(finding.pkg().version()).hasValue("1:1.2.4-r2");
        assertThat(finding.pkg().type()).hasValue("apk");
        assertThat(finding.fix()).isEqualTo(Fix.of(FixState.NOT_FIXED));
    }

    @Test
    void readsOnlyTheFirstImageAndSkipsTheFindingsOfAnotherImageNamingIt() {
        String other = "sha256:" + "b".repeat(64);
        ScanReport report = adapter()
                .read(source("{\"findings\": [\n" + ecrFinding("app", DIGEST, "CVE-1") + ",\n"
                        + ecrFinding("app", other, "CVE-2") + ",\n" + ecrFinding("other", DIGEST, "CVE-3") + "]}"));

        assertThat(report.counts().entries()).isEqualTo(3);
        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsExactly("CVE-1");
        assertThat(report.image().manifestDigest()).hasValue(DIGEST);
        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        "findings.json:3:1 (/findings/1): a finding of another image,"
                                + " 012345678901.dkr.ecr.eu-west-1.amazonaws.com/app@" + other + ": the report is about"
                                + " 012345678901.dkr.ecr.eu-west-1.amazonaws.com/app@" + DIGEST + ", named first"
                                + " (/findings/0/resources/0); export each image's findings on their own to read them"
                                + " (filter by ecrImageHash, or by ResourceId in Security Hub)",
                        "findings.json:4:1 (/findings/2): a finding of another image,"
                                + " 012345678901.dkr.ecr.eu-west-1.amazonaws.com/other@" + DIGEST
                                + ": the report is about"
                                + " 012345678901.dkr.ecr.eu-west-1.amazonaws.com/app@" + DIGEST + ", named first"
                                + " (/findings/0/resources/0); export each image's findings on their own to read them"
                                + " (filter by ecrImageHash, or by ResourceId in Security Hub)");
    }

    @Test
    void readsAnEmptyListingAsNothingFoundAboutAnImageItCannotName() {
        ScanReport report = adapter().read(source("{\"findings\": []}"));

        assertThat(report.findings()).isEmpty();
        assertThat(report.image().ref()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(p.message()).startsWith("no finding names an ECR image");
        });
    }

    @Test
    void saysThatTheFindingsOfLaterPagesAreMissing() {
        ScanReport report = adapter()
                .read(source("{\"findings\": [" + ecrFinding("app", DIGEST, "CVE-1") + "], \"nextToken\": \"abc\"}"));

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(p.message())
                    .isEqualTo("the listing has more pages (nextToken): the findings of the pages after this"
                            + " one are missing");
        });
        assertThat(adapter()
                        .read(source("{\"findings\": [], \"nextToken\": null}"))
                        .problems())
                .noneMatch(p -> p.message().startsWith("the listing"));
    }

    @Test
    void skipsFindingsThatAreNoPackageVulnerabilities() {
        String network = ecrFinding("app", DIGEST, "CVE-1").replace("PACKAGE_VULNERABILITY", "NETWORK_REACHABILITY");
        String closed = ecrFinding("app", DIGEST, "CVE-2").replace("ACTIVE", "CLOSED");
        String noDetails =
                ecrFinding("app", DIGEST, "CVE-3").replaceAll("\"packageVulnerabilityDetails\": \\{.*?]},", "");

        ScanReport report = adapter()
                .read(source("{\"findings\": [" + network + ", " + closed + ", " + noDetails
                        + ", null, {\"type\": \"PACKAGE_VULNERABILITY\"}]}"));

        assertThat(report.counts().skipped()).isEqualTo(5);
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY)
                .extracting(Problem::message)
                .containsExactly(
                        "a NETWORK_REACHABILITY finding, not a package vulnerability: not read",
                        "Inspector closed this finding (status CLOSED): no longer found in the image: not a finding",
                        "a package vulnerability without its packageVulnerabilityDetails: not a finding",
                        "a null finding",
                        "a finding about no resource, not an ECR container image: not read");
    }

    @Test
    void readsUntriagedAsUnknownAndAnUnknownWordAsUnknownWithAProblem() {
        String untriaged = ecrFinding("app", DIGEST, "CVE-1").replace("\"HIGH\"", "\"UNTRIAGED\"");
        String dire = ecrFinding("app", DIGEST, "CVE-2").replace("\"HIGH\"", "\"DIRE\"");

        ScanReport report = adapter().read(source("{\"findings\": [" + untriaged + ", " + dire + "]}"));

        assertThat(report.findings()).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.UNKNOWN));
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("unknown severity \"DIRE\": read as UNKNOWN");
            assertThat(p.location().path()).isEqualTo("/findings/1/severity");
        });
    }

    @Test
    void refusesADocumentWithoutAFindingsArray() {
        assertThatThrownBy(() -> adapter().read(source("{\"Findings\": []}")))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("findings.json:1:1 (/): not Amazon Inspector's ListFindings output: no findings array");
        assertThatThrownBy(() -> adapter().read(source("[]")))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("expected a JSON object, found an array");
    }

    @Test
    void claimsNeitherSecurityHubFindingsNorTrivysKubernetesSummary() {
        assertThat(adapter()
                        .detect(source("{\"Findings\": [{\"SchemaVersion\": \"2018-10-08\"}]}"))
                        .isMatch())
                .isFalse();
        assertThat(adapter()
                        .detect(source("{\"ClusterName\": \"prod\", \"findings\": []}"))
                        .isMatch())
                .isFalse();
        assertThat(adapter()
                        .detect(source("{\"findings\": [], \"ClusterName\": \"prod\"}"))
                        .isMatch())
                .isFalse();
        assertThat(adapter()
                        .detect(source("{\"findings\": [{\"Namespace\": \"default\", \"Kind\": \"Pod\"}]}"))
                        .isMatch())
                .isFalse();
        assertThat(adapter()
                        .detect(source("{\"findings\": [{\"description\": \"" + "x".repeat(100_000)
                                + "\", \"findingArn\": \"arn:aws:inspector2:x\"}]}"))
                        .isMatch())
                .as("decided by a key after a long one")
                .isTrue();
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    static final String RESOURCE = "\"resources\": [{\"type\": \"AWS_ECR_CONTAINER_IMAGE\", \"region\": \"eu-west-1\","
            + " \"details\": {\"awsEcrContainerImage\": {\"registry\": \"012345678901\", \"repositoryName\": \"app\","
            + " \"imageHash\": \"sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802\"}}}]";

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
