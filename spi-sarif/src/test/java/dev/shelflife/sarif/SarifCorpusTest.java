package dev.shelflife.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.ImageIdentity;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every SARIF file of the shared corpus and checks it against {@code MANIFEST.tsv}: one raw
 * entry per result; and checks that no file of the other folders is claimed.
 */
class SarifCorpusTest {

    private final SarifScannerAdapter adapter = new SarifScannerAdapter();

    private ScanReport read(String name) {
        return Corpus.require().read(adapter, name);
    }

    @TestFactory
    Stream<DynamicTest> readsEveryCorpusFileWithTheCountsOfTheManifest() {
        List<CorpusFile> files = Corpus.require().files("sarif");
        assertThat(files).hasSize(4);
        return Corpus.detectsAndReadsEach(files, adapter, (file, report) -> {
            assertThat(report.kind()).isEqualTo(EvidenceKind.SCAN);
            assertThat(report.counts().entries()).as("raw entries of %s", file).isEqualTo(file.rawEntries());
            assertThat(report.counts().findings())
                    .as("every result is a vulnerability found")
                    .isEqualTo(file.rawEntries());
            assertThat(report.problems()).as("problems of %s", file).isEmpty();
            assertThat(report.format().name()).isEqualTo(file.name().contains("trivy") ? "trivy-sarif" : "grype-sarif");
            assertThat(report.findings())
                    .allSatisfy(f -> assertThat(f.pkg().version()).as("%s", f).isPresent());
        });
    }

    @TestFactory
    Stream<DynamicTest> claimsNoFileOfAnotherFolder() {
        return Corpus.require().claimedByNoneOutside("sarif", adapter);
    }

    @Test
    void readsTheSameNginxImageFromTrivysAndGrypesLogs() {
        ScanReport trivy = read("sarif/vexctl-nginx-trivy-0.42.1.sarif.json");
        ScanReport grype = read("sarif/vexctl-nginx-grype-0.63.0.sarif.json");

        assertThat(trivy.scanner().toString()).isEqualTo("Trivy 0.42.1");
        assertThat(grype.scanner().toString()).isEqualTo("Grype 0.63.0");
        assertThat(ImageIdentity.of(trivy.image()).conflictWith(ImageIdentity.of(grype.image())))
                .isEmpty();
        assertThat(trivy.image().manifestDigest())
                .hasValue("sha256:13d22ec63300e16014d4a42aed735207a8b33c223cff19627dd3042e5a10a3a0");
        assertThat(trivy.image().ref().orElseThrow().digest())
                .isEqualTo(grype.image().ref().orElseThrow().digest());
    }

    @Test
    void readsEveryGrypeNginxFixAsUnknownSinceItsHelpStatesNone() {
        ScanReport grype = read("sarif/vexctl-nginx-grype-0.63.0.sarif.json");

        assertThat(grype.findings()).allSatisfy(f -> assertThat(f.fix().state()).isEqualTo(FixState.UNKNOWN));
        Map<Severity, Long> severities =
                grype.findings().stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        assertThat(severities).containsOnlyKeys(Severity.LOW, Severity.MEDIUM, Severity.HIGH);
        assertThat(severities.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(99);
    }

    @Test
    void readsTrivysFixedVersionsFromEachResultsMessage() {
        ScanReport trivy = read("sarif/trivy-head-alpine-310.sarif.json");

        assertThat(trivy.findings())
                .extracting(f -> f.vulnerability().id() + " " + f.pkg().name() + " "
                        + f.fix().versions())
                .containsExactly(
                        "CVE-2019-1549 libcrypto1.1 [1.1.1d-r0]",
                        "CVE-2019-1551 libcrypto1.1 [1.1.1d-r2]",
                        "CVE-2019-1549 libssl1.1 [1.1.1d-r0]",
                        "CVE-2019-1551 libssl1.1 [1.1.1d-r2]");
        assertThat(trivy.image().ref().map(Object::toString))
                .hasValue("ghcr.io/aquasecurity/trivy-test-images:alpine-310");
        assertThat(trivy.image().configDigest())
                .hasValue("sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4");
    }
}
