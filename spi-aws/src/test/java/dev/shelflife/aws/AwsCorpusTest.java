package dev.shelflife.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Problem;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every AWS file of the shared corpus and checks it against {@code MANIFEST.tsv}: one raw
 * entry per finding, whatever became of it; and checks that neither adapter claims a file of
 * another folder, nor the other's files.
 */
class AwsCorpusTest {

    private static final ScannerAdapter INSPECTOR = new InspectorScannerAdapter();
    private static final ScannerAdapter SECURITY_HUB = new SecurityHubScannerAdapter();

    private static ScannerAdapter adapterOf(CorpusFile file) {
        return file.name().contains("securityhub") ? SECURITY_HUB : INSPECTOR;
    }

    private static ScanReport read(String name) {
        CorpusFile file = Corpus.require().files("aws").stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
        return Corpus.require().read(adapterOf(file), name);
    }

    @TestFactory
    Stream<DynamicTest> readsEveryCorpusFileWithTheCountsOfTheManifest() {
        List<CorpusFile> files = Corpus.require().files("aws");
        assertThat(files).hasSize(3);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ScannerAdapter adapter = adapterOf(file);
                    ScannerAdapter other = adapter == INSPECTOR ? SECURITY_HUB : INSPECTOR;
                    ReportSource source = ReportSource.of(file.path());
                    assertThat(adapter.detect(source).isMatch())
                            .as("detects %s", file)
                            .isTrue();
                    assertThat(other.detect(source).isMatch())
                            .as("%s claims %s", other.id(), file)
                            .isFalse();

                    ScanReport report = adapter.read(source);

                    assertThat(report.kind()).isEqualTo(EvidenceKind.SCAN);
                    assertThat(report.counts().entries())
                            .as("raw entries of %s", file)
                            .isEqualTo(file.rawEntries());
                    assertThat(report.image().manifestDigest())
                            .as("the image of %s", file)
                            .isPresent();
                }));
    }

    @TestFactory
    Stream<DynamicTest> claimsNoFileOfAnotherFolder() {
        return Corpus.require().claimedByNoneOutside("aws", INSPECTOR, SECURITY_HUB);
    }

    @Test
    void readsTheEcrFindingsOfTheMixedFileAndSkipsTheClosedOneAndTheEc2One() {
        ScanReport report = read("aws/dd-aws_inspector2_many_vul-ecr-and-ec2.json");

        assertThat(report.counts().findings()).isEqualTo(6);
        assertThat(report.counts().skipped()).isEqualTo(2);
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY)
                .extracting(p -> p.location().path())
                .containsExactly("/findings/0", "/findings/7");
        assertThat(report.image().ref().map(Object::toString))
                .hasValue("012345678901.dkr.ecr.us-east-1.amazonaws.com/my-awesome-docker-image:2.3.0"
                        + "@sha256:d667ad018b538adadb5bd1db75836c8561b23bc7d31d9cd8941fa74f5df93802");
        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id() + " " + f.severity() + " "
                        + f.pkg().name() + " " + f.pkg().version().orElse("?") + " "
                        + f.fix().state())
                .containsExactly(
                        "CVE-2024-37021 UNKNOWN linux 4.19.118-2 NOT_FIXED",
                        "CVE-2021-3640 HIGH linux 4.19.118-2 FIXED",
                        "CVE-2021-47013 UNKNOWN linux 4.19.118-2 FIXED",
                        "CVE-2022-29824 MEDIUM libxml2 2.9.4+dfsg1-7+b3 FIXED",
                        "CVE-2023-42753 HIGH linux 4.19.118-2 FIXED",
                        "CVE-2020-27170 MEDIUM linux 4.19.118-2 FIXED");
    }

    @Test
    void readsTheFirstImageOfTheSecurityHubFileAndSkipsTheFindingsOfTheOtherSix() {
        ScanReport report = read("aws/dd-awssecurityhub-inspector_ecr-asff.json");

        assertThat(report.counts().findings()).isEqualTo(1);
        assertThat(report.counts().skipped()).isEqualTo(6);
        assertThat(report.image().ref().orElseThrow().repository()).isEqualTo("repo-os");
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY)
                .allSatisfy(p -> assertThat(p.message()).startsWith("a finding of another image, "));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.vulnerability().id()).isEqualTo("CVE-2023-2650");
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.pkg().version()).hasValue("1.1.1n-0+deb11u4");
            assertThat(f.fix().versions()).containsExactly("0:1.1.1n-0+deb11u5");
        });
    }
}
