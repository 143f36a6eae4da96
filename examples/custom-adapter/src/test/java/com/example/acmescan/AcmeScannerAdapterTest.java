package com.example.acmescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The kit every ShelfLife adapter passes, run against the Acme adapter; what it makes of a typical
 * Acme report; and the bad-input rows that depend on Acme's own fields.
 */
class AcmeScannerAdapterTest extends ScannerAdapterKit {

    private static final KitSample SHOP_API = KitSample.ofResource(
                    AcmeScannerAdapterTest.class, "shop-api-1.4.2.acme.json")
            .entries(6);

    AcmeScannerAdapterTest() {
        super(KitSetup.of(new AcmeScannerAdapter())
                .sample(SHOP_API)
                .sample(KitSample.ofResource(AcmeScannerAdapterTest.class, "clean.acme.json")
                        .entries(0))
                .template(KitTemplate.json("acme.json", """
                {"acmeScan": "1", $TOP$"scannerVersion": "4.2.0", "image": "registry.acme.example/shop/api:1.4.2",
                 "scannedAt": "2026-11-20T08:00:00Z",
                 "findings": [
                   {$ENTRY$"id": "CVE-2024-45490", "package": "libexpat1$TEXT$", "version": "2.5.0-1",
                    "fixedIn": "2.5.0-1+deb12u1", "severity": "critical", "location": "var/lib/dpkg/status"},
                   {"id": "CVE-2023-45853", "package": "zlib1g", "version": "1:1.2.13.dfsg-1", "severity": "medium"}]}
                """)
                        .entries(2)
                        .entryAt("/findings/0")
                        .textAt("/findings/0/package"))
                // The format rows write findings one per line from line 2.
                .frame(EntryFrame.of("acme.json", "{\"acmeScan\": \"1\", \"findings\": [\n", "]}"))
                .without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, "an Acme finding carries no CVSS score")
                .build());
    }

    @Test
    void isFoundByShelfLifeAndDetectsItsReportAmongAllInstalledAdapters() {
        ScannerAdapters installed = ScannerAdapters.load();

        assertThat(installed.detect(SHOP_API.source()).adapter()).isInstanceOf(AcmeScannerAdapter.class);
        assertThat(installed.detect(SHOP_API.source()).detection().schemaVersion())
                .hasValue("1");
    }

    @Test
    void readsTheImageTheScannerAndEveryEntry() {
        ScanReport report = adapter().read(SHOP_API.source());

        assertThat(report.format().toString()).contains("acme-scan-json");
        assertThat(report.scanner().version()).hasValue("4.2.0");
        assertThat(report.artifact())
                .isEqualTo(new Artifact("registry.acme.example/shop/api:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("registry.acme.example/shop/api:1.4.2"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(report.counts()).isEqualTo(new ReportCounts(6, 4, 1, 1));
        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        f -> f.severity(),
                        f -> f.fix().state())
                .containsExactly(
                        tuple("CVE-2024-45490", Severity.CRITICAL, FixState.FIXED),
                        tuple("CVE-2024-2961", Severity.HIGH, FixState.FIXED),
                        tuple("CVE-2023-45853", Severity.MEDIUM, FixState.NOT_FIXED),
                        tuple("GHSA-57j2-w4cx-62h2", Severity.UNKNOWN, FixState.FIXED));
        assertThat(report.findings().get(0).fix().versions()).containsExactly("2.5.0-1+deb12u1");
        assertThat(report.findings().get(0).target()).isEqualTo("var/lib/dpkg/status");
        assertThat(report.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "shop-api-1.4.2.acme.json:16:5 (/findings/4/severity): unknown severity \"elevated\": read as UNKNOWN",
                        "shop-api-1.4.2.acme.json:18:5 (/findings/5): a finding without a package: skipped");
    }

    // The rows below depend on Acme's fields: they write findings in the kit's frame.

    @Test
    void refusesAnotherFormatVersionAtItsVersionField() {
        assertThatThrownBy(() -> readDocument("{\"acmeScan\": \"2\", \"findings\": []}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "acme.json:1:14 (/acmeScan): Acme Scan format version \"2\" is not supported; this adapter reads 1");
    }

    @Test
    void refusesJsonWhoseFirstFieldIsNotTheVersionAsAnotherToolsReport() {
        assertThatThrownBy(() -> readDocument("{\"findings\": [{\"id\": {}}], \"acmeScan\": \"1\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "acme.json:1:14 (/findings): not an Acme Scan report: the first field is \"findings\", not \"acmeScan\"");
    }

    @Test
    void endsAReportWithoutFindingsInALocatedExceptionAndReadsNullFindingsAsNone() {
        assertThatThrownBy(() -> readDocument("{\"acmeScan\": \"1\", \"image\": \"alpine:3.19\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessage("acme.json:1:1 (/): Acme Scan report without a \"findings\" array");
        assertThat(readDocument("{\"acmeScan\": \"1\", \"findings\": null}").counts())
                .isEqualTo(new ReportCounts(0, 0, 0, 0));
    }

    @Test
    void skipsANullEntryAndEntriesWithoutIdOrPackageAndCountsThem() {
        ScanReport report = readEntries("""
                null,
                {"id": "", "package": "a"},
                {"id": "CVE-3", "package": " "},
                {"id": "CVE-4", "package": "d"}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(4, 1, 0, 3));
        assertThat(report.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "acme.json:2:1 (/findings/0): a null finding: skipped",
                        "acme.json:3:1 (/findings/1): a finding without an id: skipped",
                        "acme.json:4:1 (/findings/2): a finding without a package: skipped");
    }

    @Test
    void readsAMissingSeverityAsUnknownAndRecordsOnlyAnUnknownWord() {
        ScanReport report = readEntries("""
                {"id": "CVE-1", "package": "a"},
                {"id": "CVE-2", "package": "b", "severity": "Dire"},
                {"id": "CVE-3", "package": "c", "severity": "INFO"}
                """);

        assertThat(report.findings())
                .extracting(f -> f.severity())
                .containsExactly(Severity.UNKNOWN, Severity.UNKNOWN, Severity.NEGLIGIBLE);
        assertThat(report.problems())
                .extracting(Object::toString)
                .containsExactly("acme.json:3:1 (/findings/1/severity): unknown severity \"Dire\": read as UNKNOWN");
    }

    @Test
    void readsNumbersWhereTextBelongsAsTheirDigitsAndEndsAnObjectThereInALocatedException() {
        ScanReport report = readEntries("{\"id\": 42, \"package\": \"a\", \"version\": 1.5}");

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.vulnerability().id()).isEqualTo("42");
            assertThat(f.pkg().version()).hasValue("1.5");
        });
        assertThatThrownBy(() -> readEntries("{\"id\": \"CVE-1\", \"package\": {\"name\": \"a\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("acme.json:2:")
                .hasMessageContaining("(/findings/0/package): unexpected value:");
        assertThatThrownBy(() -> readEntries("\"CVE-1 in a\""))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("acme.json:2:1 (/findings/0): unexpected value:");
    }

    @Test
    void recordsAnImageThatIsNoReferenceAndAnUnreadableTimeAsProblemsAndKeepsTheFindings() {
        ScanReport report = readDocument("""
                {"acmeScan": "1", "image": "Not An Image!", "scannedAt": "yesterday",
                 "findings": [{"id": "CVE-1", "package": "a"}]}
                """);

        assertThat(report.counts().findings()).isEqualTo(1);
        assertThat(report.image().ref()).isEmpty();
        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.problems()).extracting(p -> p.location().path()).containsExactly("/image", "/scannedAt");
    }
}
