package dev.shelflife.spdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Component;
import dev.shelflife.EvidenceKind;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpdxScannerAdapterTest extends ScannerAdapterKit {

    private static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    SpdxScannerAdapterTest() {
        super(KitSetup.of(new SpdxScannerAdapter())
                .sample(KitSample.ofResource(SpdxScannerAdapterTest.class, "trivy-image.spdx.json")
                        .entries(0))
                .sample(KitSample.ofResource(SpdxScannerAdapterTest.class, "alpine.spdx")
                        .entries(0))
                .sample(KitSample.ofResource(SpdxScannerAdapterTest.class, "image.spdx3.json")
                        .entries(0))
                .template(KitTemplate.json("sbom.spdx.json", """
                        {"spdxVersion": "SPDX-2.3", $TOP$"SPDXID": "SPDXRef-DOCUMENT", "name": "alpine:3.19",
                         "creationInfo": {"creators": ["Tool: syft-1.4.1"], "created": "2025-01-14T08:03:51Z"},
                         "documentDescribes": ["SPDXRef-image"],
                         "packages": [
                           {$ENTRY$"SPDXID": "SPDXRef-musl", "name": "musl$TEXT$", "versionInfo": "1.2.4-r2",
                            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                              "referenceLocator": "pkg:apk/alpine/musl@1.2.4-r2"}]},
                           {"SPDXID": "SPDXRef-image", "name": "alpine:3.19", "primaryPackagePurpose": "CONTAINER",
                            "versionInfo": "sha256:6457d53fb065d6f250e1504b9bc42d5b6c65941d57532c072d929dd0628977d0"}],
                         "relationships": [{"spdxElementId": "SPDXRef-image", "relationshipType": "CONTAINS",
                                            "relatedSpdxElement": "SPDXRef-musl"}]}
                        """)
                        .entries(2)
                        .entryAt("/packages/0")
                        .textAt("/packages/0/name"))
                .template(KitTemplate.json("sbom.spdx3.json", """
                        {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", $TOP$
                         "@graph": [
                           {$ENTRY$"type": "software_Package", "spdxId": "https://example.com/musl", "name": "musl$TEXT$",
                            "software_packageVersion": "1.2.4-r2", "software_packageUrl": "pkg:apk/alpine/musl@1.2.4-r2"},
                           {"type": "software_Package", "spdxId": "https://example.com/image", "name": "alpine:3.19",
                            "software_primaryPurpose": "container"},
                           {"type": "SpdxDocument", "spdxId": "https://example.com/doc", "rootElement": ["https://example.com/image"],
                            "creationInfo": {"type": "CreationInfo", "specVersion": "3.0.1", "created": "2025-01-14T08:03:51Z"}}]}
                        """)
                        .entries(2)
                        .entryAt("/@graph/0")
                        .textAt("/@graph/0/name"))
                // The format rows write packages one per line from line 2, in a 2.3 document.
                .frame(EntryFrame.of("sbom.spdx.json", "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [\n", "]}"))
                .entriesCountedBy(report -> report.components().size())
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "an SPDX document is an inventory: its packages carry no severity or score")
                .build());
    }

    private ScanReport read(String resource) {
        return setup().samples().stream()
                .filter(s -> s.name().equals(resource))
                .findFirst()
                .map(s -> adapter().read(s.source()))
                .orElseThrow();
    }

    private static ReportSource source(String text) {
        return ReportSource.of("sbom.spdx", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryPackageOfSpdx23JsonAsAComponentOfAnInventory() {
        ScanReport report = read("trivy-image.spdx.json");

        assertThat(report.kind()).isEqualTo(EvidenceKind.INVENTORY);
        assertThat(report.isScan()).isFalse();
        assertThat(report.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
        assertThat(report.format().name()).isEqualTo("spdx-json");
        assertThat(report.format().schemaVersion()).hasValue("2.3");
        assertThat(report.scanner().toString()).isEqualTo("trivy 0.50.1");
        assertThat(report.scannedAt()).hasValue(Instant.parse("2025-01-14T08:03:51Z"));
        assertThat(report.components())
                .extracting(
                        Component::name,
                        c -> c.version().orElse(null),
                        c -> c.purl().orElse(null),
                        c -> c.type().orElse(null))
                .containsExactly(
                        tuple(
                                "ghcr.io/acme/shop:1.4.2",
                                DIGEST,
                                "pkg:oci/shop@sha256%3A9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                                        + "?arch=amd64&repository_url=ghcr.io%2Facme%2Fshop",
                                "container"),
                        tuple("debian", "12.8", null, "operating-system"),
                        tuple(
                                "libssl3",
                                "3.0.15-1~deb12u1",
                                "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64&distro=debian-12.8",
                                "library"),
                        tuple("org.yaml:snakeyaml", "1.33", "pkg:maven/org.yaml/snakeyaml@1.33", "library"));
        assertThat(report.components().get(2).ref()).hasValue("SPDXRef-Package-1c3eafceb0a76303");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsTheDescribedContainerImageFromTrivysNotesAndItsPackageUrl() {
        ScanReport report = read("trivy-image.spdx.json");

        assertThat(report.artifact()).isEqualTo(new Artifact("ghcr.io/acme/shop:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("ghcr.io/acme/shop:1.4.2"));
        assertThat(report.image().manifestDigest()).hasValue(DIGEST);
        assertThat(report.image().configDigest())
                .hasValue("sha256:0b7b8f6e1c5a7a2b5b2b0fa4d1b6c4b0e7e3f1a2c3d4e5f60718293a4b5c6d7e");
        assertThat(report.image().repoDigests()).containsExactly("ghcr.io/acme/shop@" + DIGEST);
        assertThat(report.image().os()).hasValue("debian 12.8");
    }

    @Test
    void readsTagValueLinesTextBlocksAndTheDescribedImage() {
        ScanReport report = read("alpine.spdx");

        assertThat(report.kind()).isEqualTo(EvidenceKind.INVENTORY);
        assertThat(report.format().name()).isEqualTo("spdx-tag-value");
        assertThat(report.format().schemaVersion()).hasValue("2.2");
        assertThat(report.scanner().toString()).isEqualTo("syft 1.4.1");
        assertThat(report.components())
                .extracting(
                        Component::name,
                        c -> c.version().orElse(null),
                        c -> c.purl().orElse(null))
                .containsExactly(
                        tuple(
                                "musl",
                                "1.2.4_git20230717-r4",
                                "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1"),
                        tuple(
                                "busybox",
                                "1.36.1-r15",
                                "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1"),
                        tuple(
                                "alpine:3.19",
                                "sha256:6457d53fb065d6f250e1504b9bc42d5b6c65941d57532c072d929dd0628977d0",
                                "pkg:oci/alpine@sha256%3A6457d53fb065d6f250e1504b9bc42d5b6c65941d57532c072d929dd0628977d0"
                                        + "?arch=amd64&tag=3.19"));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("alpine:3.19"));
        assertThat(report.image().manifestDigest())
                .hasValue("sha256:6457d53fb065d6f250e1504b9bc42d5b6c65941d57532c072d929dd0628977d0");
        assertThat(report.problems())
                .as("an unknown tag is skipped; the text blocks hold anything")
                .isEmpty();
    }

    @Test
    void readsSpdx3PackagesTheirPackageUrlsAndTheImageTheDocumentDescribes() {
        ScanReport report = read("image.spdx3.json");

        assertThat(report.format().name()).isEqualTo("spdx-jsonld");
        assertThat(report.format().schemaVersion()).hasValue("3.0.1");
        assertThat(report.scanner().toString()).isEqualTo("acme-sbom-builder");
        assertThat(report.scannedAt()).hasValue(Instant.parse("2025-01-14T08:03:51Z"));
        assertThat(report.components())
                .extracting(
                        Component::name,
                        c -> c.purl().orElse(null),
                        c -> c.type().orElse(null))
                .containsExactly(
                        tuple(
                                "ghcr.io/acme/shop",
                                "pkg:oci/shop@sha256%3A9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                                        + "?repository_url=ghcr.io%2Facme%2Fshop&tag=1.4.2",
                                "container"),
                        tuple("libssl3", "pkg:deb/debian/libssl3@3.0.15-1~deb12u1?arch=amd64", "library"),
                        tuple("debian", null, "operating-system"));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("ghcr.io/acme/shop:1.4.2@" + DIGEST));
        assertThat(report.image().os()).hasValue("debian 12.8");
    }

    @Test
    void makesTheDescribedImageTheOneImageTheInventoryJoins() {
        ScanReport inventory = read("trivy-image.spdx.json");
        ScanReport other = inventory.withImage(dev.shelflife.Image.builder()
                .ref(ImageRef.parse("ghcr.io/acme/other:2.0"))
                .build());

        assertThatThrownBy(() -> ImageRecord.of(List.of(inventory, other)))
                .isInstanceOf(dev.shelflife.ConflictingImagesException.class);
        assertThat(ImageRecord.of(List.of(inventory)).scans())
                .as("an SBOM is no scan")
                .isEmpty();
    }

    @Test
    void keepsAFilesystemDocumentWithoutAnImage() {
        ScanReport report = adapter()
                .read(
                        source(
                                "{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\","
                                        + " \"name\": \"repo\", \"documentDescribes\": [\"SPDXRef-fs\"],"
                                        + " \"packages\": [{\"SPDXID\": \"SPDXRef-fs\", \"name\": \"./src\", \"primaryPackagePurpose\": \"SOURCE\"}]}"));

        assertThat(report.image().ref()).isEmpty();
        assertThat(report.artifact()).isEqualTo(new Artifact("./src", Artifact.Type.UNKNOWN));
    }

    @Test
    void refusesADocumentThatDescribesTwoContainerImages() {
        String two = "{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\", \"packages\": [\n"
                + "{\"SPDXID\": \"SPDXRef-a\", \"name\": \"app:1\", \"primaryPackagePurpose\": \"CONTAINER\"},\n"
                + "{\"SPDXID\": \"SPDXRef-b\", \"name\": \"other:2\", \"primaryPackagePurpose\": \"CONTAINER\"}],\n"
                + " \"documentDescribes\": [\"SPDXRef-a\", \"SPDXRef-b\"]}";

        assertThatThrownBy(() -> adapter().read(source(two)))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith("sbom.spdx:3:1 (/packages/1): this document describes two container images,")
                .hasMessageEndingWith("an inventory is about one image");
    }

    @Test
    void dropsWhatIsNoPackageUrlAndKeepsTheFirstOfTwo() {
        ScanReport report = adapter()
                .read(
                        source(
                                "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [\n"
                                        + "{\"SPDXID\": \"SPDXRef-a\", \"name\": \"a\", \"externalRefs\": ["
                                        + "{\"referenceCategory\": \"PACKAGE-MANAGER\", \"referenceType\": \"purl\", \"referenceLocator\": \"a-purl\"},"
                                        + "{\"referenceCategory\": \"PACKAGE-MANAGER\", \"referenceType\": \"purl\", \"referenceLocator\": \"pkg:npm/a@1\"},"
                                        + "{\"referenceCategory\": \"PACKAGE-MANAGER\", \"referenceType\": \"purl\", \"referenceLocator\": \"pkg:npm/a@2\"}]}]}"));

        assertThat(report.components())
                .singleElement()
                .satisfies(c -> assertThat(c.purl()).hasValue("pkg:npm/a@1"));
        assertThat(report.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "sbom.spdx:2:1 (/packages/0): \"a-purl\" is no package URL (pkg:type/name@version): dropped",
                        "sbom.spdx:2:1 (/packages/0): a second package URL, pkg:npm/a@2: a component has one, pkg:npm/a@1");
    }

    @Test
    void refusesVersionsItDoesNotReadAndDocumentsOfNeitherShape() {
        assertThatThrownBy(() -> adapter().read(source("{\"spdxVersion\": \"SPDX-1.2\"}")))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith("sbom.spdx:1:17 (/spdxVersion): SPDX version \"SPDX-1.2\" is not read");
        assertThatThrownBy(() -> adapter().read(source("{\"@context\": \"https://example.com/ctx\", \"@graph\": []}")))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("JSON-LD whose @context is not SPDX 3.0's");
        assertThatThrownBy(() -> adapter().read(source("{\"name\": \"x\"}")))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("sbom.spdx:1:1 (/): not an SPDX document: no spdxVersion, nor an SPDX 3 @context with an"
                        + " @graph");
        assertThatThrownBy(() -> adapter().read(source("{\"@context\": \"https://schema.org\", \"@graph\": []}")))
                .isExactlyInstanceOf(UnsupportedReportException.class);
        assertThatThrownBy(() -> adapter()
                        .read(source("{\"spdxVersion\": \"SPDX-2.3\","
                                + " \"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"}")))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("one document is one of the two");
        assertThatThrownBy(() -> adapter().read(source("SPDXVersion: SPDX-3.0\n")))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("sbom.spdx:1:1 (/SPDXVersion): SPDX version \"SPDX-3.0\" is not read (SPDX-2.2 and SPDX-2.3"
                        + " in JSON and tag-value, and SPDX 3.0 JSON-LD are)");
    }

    @Test
    void claimsBothSyntaxesAndNoOtherJsonLd() {
        assertThat(adapter()
                        .detect(source("# a comment\n\nSPDXVersion: SPDX-2.3\n"))
                        .isMatch())
                .isTrue();
        assertThat(adapter()
                        .detect(source("DataLicense: CC0-1.0\nSPDXVersion: SPDX-2.3\n"))
                        .isMatch())
                .isFalse();
        assertThat(adapter()
                        .detect(source("{\"@context\": \"https://schema.org\", \"@graph\": []}"))
                        .isMatch())
                .isFalse();
        assertThat(adapter()
                        .detect(source(
                                "{\"@graph\": [], \"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\"}"))
                        .isMatch())
                .isTrue();
        assertThat(adapter()
                        .detect(source("{\"bomFormat\": \"CycloneDX\", \"spdxVersion\": \"SPDX-2.3\"}"))
                        .isMatch())
                .as("stops at CycloneDX's key")
                .isFalse();
        assertThat(adapter()
                        .detect(source("{\"SPDXID\": \"SPDXRef-DOCUMENT\"}"))
                        .isMatch())
                .isTrue();
        assertThat(adapter()
                        .read(source("{\"SPDXID\": \"SPDXRef-DOCUMENT\", \"spdxVersion\": \"SPDX-2.3\"}"))
                        .components())
                .isEmpty();
    }

    @Test
    void readsTheDescribedPackageOfADescribedByRelationship() {
        ScanReport report = adapter()
                .read(source("{\"spdxVersion\": \"SPDX-2.2\", \"SPDXID\": \"SPDXRef-DOCUMENT\","
                        + " \"packages\": [{\"SPDXID\": \"SPDXRef-img\", \"name\": \"app@sha256:" + "a".repeat(64)
                        + "\","
                        + " \"primaryPackagePurpose\": \"CONTAINER\"}],"
                        + " \"relationships\": [{\"spdxElementId\": \"SPDXRef-img\", \"relationshipType\": \"DESCRIBED_BY\","
                        + " \"relatedSpdxElement\": \"SPDXRef-DOCUMENT\"}]}"));

        assertThat(report.image().ref().flatMap(ImageRef::digest)).hasValue("sha256:" + "a".repeat(64));
        assertThat(report.components().get(0).version()).isEqualTo(Optional.empty());
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void endsAPackageThatIsNoObjectInALocatedException() {
        assertThatThrownBy(() -> readEntries("\"musl\""))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("sbom.spdx.json:2:1 (/packages/0): unexpected value");
        assertThatThrownBy(() -> readEntries("{\"name\": \"a\", \"externalRefs\": {\"referenceType\": \"purl\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/packages/0/externalRefs)");
    }

    @Test
    void readsNumbersWhereTextBelongsAsTheirDigits() {
        ScanReport report = readEntries("{\"SPDXID\": \"SPDXRef-a\", \"name\": 42, \"versionInfo\": 1.5}");

        assertThat(report.components()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("42");
            assertThat(c.version()).hasValue("1.5");
        });
    }

    @Test
    void reportsAPackageKeySpelledInAnotherCase() {
        ScanReport report = readEntries("{\"SPDXID\": \"SPDXRef-a\", \"name\": \"a\", \"VersionInfo\": \"1\"}");

        assertThat(report.components())
                .singleElement()
                .satisfies(c -> assertThat(c.version()).isEmpty());
        assertThat(report.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("\"VersionInfo\" is not \"versionInfo\""));
    }

    @Test
    void readsNullAndEmptyPackagesAsNone() {
        for (String packages : List.of("null", "[]", "[null]")) {
            ScanReport report = readDocument("{\"spdxVersion\": \"SPDX-2.3\", \"packages\": " + packages + "}");
            assertThat(report.components()).as(packages).isEmpty();
            assertThat(report.counts().entries()).isZero();
        }
    }
}
