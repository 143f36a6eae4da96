package dev.shelflife.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for CycloneDX in JSON and in XML, and the rows that depend on CycloneDX's
 * fields. Rows that {@link CycloneDxScannerAdapterTest} already holds (XXE, billion laughs, an
 * external DTD, unknown spec versions and namespaces, unknown enumerated values, a repeated
 * element, affects entries that name nothing, declared encodings) are not repeated;
 * docs/guarantees.md lists where each row lives.
 */
class CycloneDxBadInputMatrixTest extends BadInputMatrix {

    CycloneDxBadInputMatrixTest() {
        // The rows below write vulnerabilities one per line from line 2, in a 1.6 BOM.
        super(
                new CycloneDxScannerAdapter(),
                EntryFrame.of(
                        "bom.json",
                        "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\","
                                + " \"metadata\": {\"tools\": [{\"name\": \"grype\"}]}, \"vulnerabilities\": [\n",
                        "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json("vdr.json", """
                        {"bomFormat": "CycloneDX", "specVersion": "1.6", $TOP$"serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
                         "metadata": {"timestamp": "2025-01-02T03:04:05Z", "tools": {"components": [{"name": "trivy", "version": "0.58.0"}]},
                                      "component": {"type": "container", "name": "alpine:3.19"}},
                         "components": [{"bom-ref": "musl", "type": "library", "name": "musl$TEXT$", "version": "1.2.4-r2",
                                         "purl": "pkg:apk/alpine/musl@1.2.4-r2"}],
                         "vulnerabilities": [
                           {$ENTRY$"id": "CVE-2024-0001", "source": {"name": "alpine"},
                            "ratings": [{"source": {"name": "alpine"}, "severity": "high"},
                                        {"source": {"name": "nvd"}, "score": 9.8, "method": "CVSSv31"}],
                            "affects": [{"ref": "musl"}, {"ref": "pkg:apk/alpine/busybox@1.36.1-r15"}]}]}
                        """, 2, "", "/vulnerabilities/0", "/components/0/name"),
                MatrixTemplate.xml(
                        "vdr.xml",
                        """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">$TOP$
                          <metadata><timestamp>2025-01-02T03:04:05Z</timestamp><tools><tool><name>grype</name></tool></tools></metadata>
                          <components>
                            <component type="library" bom-ref="musl"><name>musl$TEXT$</name><version>1.2.4-r2</version></component>
                          </components>
                          <vulnerabilities>
                            <vulnerability>$ENTRY$<id>CVE-2024-0001</id>
                              <ratings><rating><severity>high</severity></rating></ratings>
                              <affects><target><ref>musl</ref></target><target><ref>pkg:apk/alpine/busybox@1.36.1-r15</ref></target></affects>
                            </vulnerability>
                          </vulnerabilities>
                        </bom>
                        """,
                        2,
                        "/bom",
                        "/bom/vulnerabilities[1]/vulnerability[1]",
                        "/bom/components[1]/component[1]/name[1]"));
    }

    @Test
    void readsNullEmptyAndMissingArraysAsNothing() {
        for (String rest : List.of(
                "",
                ", \"vulnerabilities\": null",
                ", \"vulnerabilities\": []",
                ", \"components\": null",
                ", \"vulnerabilities\": [null, {\"id\": \"CVE-1\", \"affects\": null, \"ratings\": null}]")) {
            ScanReport report = readDocument("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\"" + rest + "}");
            assertThat(report.counts()).as(rest).isEqualTo(new ReportCounts(0, 0, 0, 0));
        }
        assertThat(readEntries("{\"id\": \"CVE-1\", \"affects\": []}").problems())
                .singleElement()
                .hasToString(
                        "bom.json:2:1 (/vulnerabilities/0): CVE-1 affects nothing (no affects entries): no finding");
    }

    @Test
    void refusesANullEmptyOrMissingBomFormatOrSpecVersion() {
        assertThatThrownBy(() -> readDocument("{\"bomFormat\": null, \"specVersion\": \"1.6\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("bom.json:1:15 (/bomFormat): not a CycloneDX BOM: \"bomFormat\" is null");
        assertThatThrownBy(() -> readDocument("{\"bomFormat\": \"\", \"specVersion\": \"1.6\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("bom.json:1:15 (/bomFormat): not a CycloneDX BOM: \"bomFormat\" is null");
        assertThatThrownBy(() -> readDocument("{\"bomFormat\": \"CycloneDX\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("bom.json:1:1 (/): CycloneDX BOM without a \"specVersion\"");
        assertThatThrownBy(() -> readDocument("{\"bomFormat\": \"CycloneDX\", \"specVersion\": null}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(
                        "bom.json:1:43 (/specVersion): CycloneDX spec version \"null\" is not supported");
    }

    @Test
    void readsNumbersWhereTextBelongsAsTheirDigitsAndTextWhereAScoreBelongsWhenItIsANumber() {
        ScanReport report = readEntries("""
                {"id": 42, "ratings": [{"severity": 3, "score": "7.5", "method": "CVSSv31"}], "affects": [{"ref": "pkg:npm/a@1.0.0"}]}
                """);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.vulnerability().id()).isEqualTo("42");
            assertThat(finding.severity()).isEqualTo(Severity.HIGH);
            assertThat(finding.vulnerability().ratings())
                    .singleElement()
                    .satisfies(r -> assertThat(r.score()).hasValue(7.5));
        });
        assertThat(report.problems())
                .singleElement()
                .hasToString(
                        "bom.json:2:37 (/vulnerabilities/0/ratings/0/severity): unknown severity \"3\", left out of the rating");
    }

    @Test
    void endsAnObjectWhereTextBelongsInALocatedException() {
        assertThatThrownBy(() -> readEntries("{\"id\": {\"value\": \"CVE-1\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessage("bom.json:2:8 (/vulnerabilities/0/id): expected a string, found an object");
        assertThatThrownBy(() -> readEntries("{\"id\": \"CVE-1\", \"ratings\": {\"severity\": \"high\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessage(
                        "bom.json:2:28 (/vulnerabilities/0/ratings): expected an array (an array), found an object");
    }

    @Test
    void dropsAnInfiniteOr30DigitScoreAndRecordsIt() {
        ScanReport report = readEntries("""
                {"id": "CVE-1", "ratings": [{"score": 1e999, "method": "CVSSv31"}, {"score": 123456789012345678901234567890}],
                 "affects": [{"ref": "pkg:npm/a@1.0.0"}]}
                """);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.vulnerability().ratings()).isEmpty();
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
        });
        assertThat(report.problems())
                .extracting(p -> p.message())
                .containsExactly(
                        "score \"1e999\" is not a number in 0..10, left out of the rating",
                        "score \"123456789012345678901234567890\" is not a number in 0..10, left out of the rating");
    }

    @Test
    void endsADuplicateAttributeInALocatedException() {
        String bom =
                "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components><component type=\"library\" type=\"file\">"
                        + "<name>a</name></component></components></bom>";

        assertThatThrownBy(() -> adapter().read(ReportSource.of("bom.xml", bom.getBytes(StandardCharsets.UTF_8))))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("bom.xml:2:")
                .hasMessageContaining("malformed XML");
    }

    @Test
    void namesThePackageOfANonAsciiPackageUrlDecodedAndKeepsTheUrlAsWritten() {
        String escaped = "pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0";
        String raw = "pkg:deb/debian/libc6-\u00df\u65e5@2.36-9?arch=amd64";
        ScanReport report = readEntries(
                "{\"id\": \"CVE-1\", \"affects\": [{\"ref\": \"" + escaped + "\"}, {\"ref\": \"" + raw + "\"}]}");

        assertThat(report.findings())
                .extracting(f -> f.pkg().name(), f -> f.pkg().purl().orElseThrow())
                .containsExactly(tuple("@sc\u00f6pe/caf\u00e9", escaped), tuple("libc6-\u00df\u65e5", raw));
        assertThat(report.problems()).isEmpty();
    }
}
