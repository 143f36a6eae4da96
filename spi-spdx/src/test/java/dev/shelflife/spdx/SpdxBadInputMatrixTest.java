package dev.shelflife.spdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for SPDX in JSON: 2.3 and 3.0 JSON-LD. An inventory has no raw entries, so
 * the rows count what its templates hold, packages, as components ({@link #entriesOf}); the entry
 * limit applies to packages. The tag-value syntax is no JSON: its rows are in {@link SpdxTagValueTest}.
 */
class SpdxBadInputMatrixTest extends BadInputMatrix {

    SpdxBadInputMatrixTest() {
        // The rows below write packages one per line from line 2, in a 2.3 document.
        super(
                new SpdxScannerAdapter(),
                EntryFrame.of("sbom.spdx.json", "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [\n", "]}"));
    }

    @Override
    protected int entriesOf(ScanReport report) {
        return report.components().size();
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json("sbom.spdx.json", """
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
                        """, 2, "", "/packages/0", "/packages/0/name"),
                MatrixTemplate.json("sbom.spdx3.json", """
                        {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", $TOP$
                         "@graph": [
                           {$ENTRY$"type": "software_Package", "spdxId": "https://example.com/musl", "name": "musl$TEXT$",
                            "software_packageVersion": "1.2.4-r2", "software_packageUrl": "pkg:apk/alpine/musl@1.2.4-r2"},
                           {"type": "software_Package", "spdxId": "https://example.com/image", "name": "alpine:3.19",
                            "software_primaryPurpose": "container"},
                           {"type": "SpdxDocument", "spdxId": "https://example.com/doc", "rootElement": ["https://example.com/image"],
                            "creationInfo": {"type": "CreationInfo", "specVersion": "3.0.1", "created": "2025-01-14T08:03:51Z"}}]}
                        """, 2, "", "/@graph/0", "/@graph/0/name"));
    }

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
