package dev.shelflife.spdx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.ImageRef;
import dev.shelflife.ScanReport;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every SPDX file of the shared corpus and checks it against {@code MANIFEST.tsv}: an
 * inventory, no raw entries, and as many components as the manifest counts packages; and checks
 * that no file of the other folders is claimed.
 */
class SpdxCorpusTest {

    private static final Map<String, String> FORMATS = Map.of(
            "spdx/trivy-conda-spdx2.3.json", "spdx-json 2.3",
            "spdx/trivy-centos-7-spdx2.2-tagvalue.spdx", "spdx-tag-value 2.2",
            "spdx/syft-spdxjson-image-encoder-golden.json", "spdx-json 2.3",
            "spdx/syft-spdx2.2-required-properties-golden.json", "spdx-json 2.2",
            "spdx/spdx-examples-example11-spdx3.0.1-jsonld.json", "spdx-jsonld 3.0.1");

    private final SpdxScannerAdapter adapter = new SpdxScannerAdapter();

    private ScanReport read(String name) {
        return Corpus.require().read(adapter, name);
    }

    @TestFactory
    Stream<DynamicTest> readsEveryCorpusFileAsAnInventoryOfTheManifestsPackages() {
        List<CorpusFile> files = Corpus.require().files("spdx");
        assertThat(files).hasSize(5);
        return Corpus.detectsAndReadsEach(files, adapter, (file, report) -> {
            assertThat(report.kind()).isEqualTo(EvidenceKind.INVENTORY);
            assertThat(report.counts().entries())
                    .as("an inventory has no raw entries")
                    .isZero();
            assertThat(report.components()).as("packages of %s", file).hasSize(file.rawEntries());
            assertThat(report.format().name() + " "
                            + report.format().schemaVersion().orElse("?"))
                    .isEqualTo(FORMATS.get(file.name()));
        });
    }

    @TestFactory
    Stream<DynamicTest> claimsNoFileOfAnotherFolder() {
        return Corpus.require().claimedByNoneOutside("spdx", adapter);
    }

    @Test
    void readsTheImageThatTrivysTagValueDocumentDescribes() {
        ScanReport report = read("spdx/trivy-centos-7-spdx2.2-tagvalue.spdx");

        assertThat(report.image().ref()).hasValue(ImageRef.parse("ghcr.io/aquasecurity/trivy-test-images:centos-7"));
        assertThat(report.image().configDigest())
                .hasValue("sha256:f1cb7c7d58b73eac859c395882eec49d50651244e342cd6c68a5c7809785f427");
        assertThat(report.image().os()).hasValue("centos 7.6.1810");
        assertThat(report.components())
                .filteredOn(c -> c.purl().isPresent())
                .extracting(c -> c.purl().get())
                .containsExactly(
                        "pkg:rpm/centos/bash@4.2.46-31.el7?arch=x86_64&distro=centos-7.6.1810",
                        "pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsTheManifestDigestOfTheImageThatSyftDescribes() {
        ScanReport report = read("spdx/syft-spdxjson-image-encoder-golden.json");

        assertThat(report.image().manifestDigest())
                .hasValue("sha256:2731251dc34951c0e50fcc643b4c5f74922dad1a5d98f302b504cf46cd5d9368");
        assertThat(report.image().ref())
                .as("\"user-image-input\" names no tag or digest")
                .isEmpty();
        assertThat(report.problems())
                .extracting(p -> p.location().path() + ": " + p.message())
                .containsExactly(
                        "/packages/0: \"a-purl-1\" is no package URL (pkg:type/name@version): dropped",
                        "/creationInfo/created: unreadable timestamp \"redacted\": dropped");
    }

    @Test
    void readsTheToolThatMadeTheSpdx3ExampleAndItsPackageUrls() {
        ScanReport report = read("spdx/spdx-examples-example11-spdx3.0.1-jsonld.json");

        assertThat(report.scanner().name()).isEqualTo("sigs.k8s.io/bom/pkg/spdx");
        assertThat(report.components())
                .extracting(c -> c.name() + " " + c.purl().orElse("-"))
                .containsExactly(
                        "hello-server-src pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x",
                        "hyper pkg:cargo/hyper@0.14",
                        "tokio pkg:cargo/tokio@1.19.2",
                        "pretty_env_logger pkg:cargo/pretty_env_logger@0.4.0");
        assertThat(report.image().ref())
                .as("it describes a file and a source package, no image")
                .isEmpty();
    }
}
