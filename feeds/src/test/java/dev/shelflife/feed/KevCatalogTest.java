package dev.shelflife.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.KnownExploited;
import dev.shelflife.ReportParseException;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KevCatalogTest {

    private static final String ENTRY = """
            {"cveID": "CVE-2023-4911", "vendorProject": "GNU", "product": "GNU C Library",
             "vulnerabilityName": "GNU C Library Buffer Overflow Vulnerability", "dateAdded": "2023-11-21",
             "shortDescription": "…", "requiredAction": "Apply mitigations per vendor instructions.",
             "dueDate": "2023-12-12", "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": ["CWE-122"]}""";

    private static KevCatalog parse(String json) {
        return KevCatalog.read(ReportSource.of("kev.json", json.getBytes(StandardCharsets.UTF_8))
                .withLimits(KevCatalog.LIMITS));
    }

    private static String catalog(int count, String... entries) {
        return "{\"title\": \"CISA Catalog of Known Exploited Vulnerabilities\", \"catalogVersion\": \"2025.08.25\",\n"
                + "\"dateReleased\": \"2025-08-25T17:04:19.9796Z\", \"count\": " + count + ",\n\"vulnerabilities\": [\n"
                + String.join(",\n", entries) + "]}";
    }

    @Test
    void readsEveryEntryOfTheRealCatalog() {
        Corpus.CorpusFile file = Corpus.require().files("kev").stream()
                .filter(f -> f.name().endsWith(".json") && !f.name().contains("schema"))
                .findFirst()
                .orElseThrow();

        KevCatalog catalog = KevCatalog.read(file.path());

        assertThat(file.rawEntries()).isEqualTo(1404);
        assertThat(catalog.size()).isEqualTo(file.rawEntries());
        assertThat(catalog.version()).isEqualTo("2025.08.25");
        assertThat(catalog.released()).isEqualTo(Instant.parse("2025-08-25T17:04:19.9796Z"));
        assertThat(catalog.find("CVE-2025-48384"))
                .contains(new KnownExploited(
                        "cisa-kev",
                        Optional.of(LocalDate.of(2025, 8, 25)),
                        Optional.of(LocalDate.of(2025, 9, 15)),
                        Optional.empty()));
        assertThat(catalog.find("cve-2021-44228"))
                .contains(new KnownExploited(
                        "cisa-kev",
                        Optional.of(LocalDate.of(2021, 12, 10)),
                        Optional.of(LocalDate.of(2021, 12, 24)),
                        Optional.of(true)));
        assertThat(catalog.find("CVE-1999-0001")).isEmpty();
    }

    @Test
    void readsAMinimalCatalogAndSkipsFieldsItDoesNotUse() {
        KevCatalog catalog =
                parse(catalog(1, ENTRY).replace("\"title\"", "\"aFieldCisaMayAdd\": {\"x\": [1, 2]}, \"title\""));

        assertThat(catalog.size()).isEqualTo(1);
        assertThat(catalog.find("CVE-2023-4911"))
                .map(KnownExploited::dueDate)
                .contains(Optional.of(LocalDate.of(2023, 12, 12)));
        assertThat(catalog).hasToString("KevCatalog[2025.08.25, 1 vulnerabilities]");
    }

    @Test
    void refusesACountThatDisagreesWithTheEntries() {
        assertThatThrownBy(() -> parse(catalog(2, ENTRY)))
                .isInstanceOf(ReportParseException.class)
                .hasMessage("kev.json:2:55 (/count): the catalog says it has 2 vulnerabilities but lists 1");
        assertThatThrownBy(() -> parse(catalog(1, ENTRY).replace("\"count\": 1", "\"count\": 99999999999999999999")))
                .hasMessage("kev.json:2:55 (/count): count 99999999999999999999 is out of range");
        assertThatThrownBy(() -> parse(catalog(-1, ENTRY)))
                .hasMessage("kev.json:2:55 (/count): count -1 is out of range");
    }

    @Test
    void refusesAVulnerabilityListedTwice() {
        assertThatThrownBy(() -> parse(catalog(2, ENTRY, ENTRY)))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "kev.json:8:1 (/vulnerabilities/1): CVE-2023-4911 is listed twice (first at line 4,");
    }

    @Test
    void refusesEntriesThatBreakTheSchemaWhereTheyAre() {
        assertThatThrownBy(() -> parse(catalog(1, ENTRY.replace("CVE-2023-4911", "GHSA-xxxx"))))
                .hasMessage("kev.json:4:11 (/vulnerabilities/0/cveID): \"GHSA-xxxx\" is not a CVE id (CVE-YYYY-NNNN)");
        assertThatThrownBy(() -> parse(catalog(1, ENTRY.replace("\"2023-12-12\"", "\"12/12/2023\""))))
                .hasMessage("kev.json:7:13 (/vulnerabilities/0/dueDate): bad dueDate \"12/12/2023\": expected a date"
                        + " such as 2025-08-25");
        assertThatThrownBy(() -> parse(catalog(1, ENTRY.replace("\"dateAdded\": \"2023-11-21\",", ""))))
                .hasMessage("kev.json:4:1 (/vulnerabilities/0): the vulnerability has no \"dateAdded\"");
        assertThatThrownBy(() -> parse(catalog(1, ENTRY.replace("\"CVE-2023-4911\"", "20234911"))))
                .hasMessage("kev.json:4:11 (/vulnerabilities/0/cveID): expected a CVE id (a string), found a number");
        assertThatThrownBy(() -> parse(catalog(1, ENTRY.replace("\"Unknown\"", "\"Maybe\\u0000\""))))
                .hasMessage(
                        "kev.json:7:57 (/vulnerabilities/0/knownRansomwareCampaignUse): bad knownRansomwareCampaignUse"
                                + " \"Maybe\\u0000\": expected Known or Unknown");
        assertThatThrownBy(() -> parse(catalog(1, "[]")))
                .hasMessage(
                        "kev.json:4:1 (/vulnerabilities/0): expected a vulnerability object (an object), found an array");
    }

    @Test
    void refusesDocumentsThatAreNotCatalogs() {
        assertThatThrownBy(() -> parse("{\"vulnerabilities\": []}"))
                .hasMessage("kev.json:1:1 (/): not a CISA KEV catalog: \"catalogVersion\" is missing");
        assertThatThrownBy(() -> parse("[]"))
                .hasMessage("kev.json:1:1 (/): expected the catalog object (an object), found an array");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty document");
        assertThatThrownBy(() -> parse(catalog(1, ENTRY) + " {}")).hasMessageContaining("trailing content");
        assertThatThrownBy(() -> parse(catalog(1, ENTRY)
                        .replace("\"dateReleased\": \"2025-08-25T17:04:19.9796Z\"", "\"dateReleased\": \"yesterday\"")))
                .hasMessageContaining("(/dateReleased): bad dateReleased \"yesterday\"");
    }

    @Test
    void endsATruncatedCatalogWithItsLocation() {
        String whole = catalog(1, ENTRY);

        assertThatThrownBy(() -> parse(whole.substring(0, whole.length() / 2)))
                .isInstanceOf(ReportParseException.class)
                .hasMessageMatching("kev\\.json:\\d+:\\d+ \\(/vulnerabilities/0[^)]*\\): truncated document: .*");
    }

    @Test
    void enforcesItsLimits() {
        String nested = "{\"skipped\": " + "[".repeat(40) + "]".repeat(40) + "}";
        String huge = catalog(1, ENTRY.replace("\"notes\": \"\"", "\"notes\": \"" + "x".repeat(70 << 20) + "\""));
        ReportSource oneEntry = ReportSource.of(
                        "kev.json",
                        catalog(2, ENTRY, ENTRY.replace("4911", "4912")).getBytes(StandardCharsets.UTF_8))
                .withLimits(KevCatalog.LIMITS.withMaxEntries(1));

        assertThatThrownBy(() -> parse(nested)).hasMessageContaining("limit exceeded");
        assertThatThrownBy(() -> parse(huge)).hasMessageContaining("limit exceeded");
        assertThatThrownBy(() -> KevCatalog.read(oneEntry))
                .hasMessageContaining(
                        "(/vulnerabilities/1): limit exceeded: more than 1 vulnerabilities (ReadLimits.maxEntries)");
    }

    @Test
    void refusesOverlongSurrogateAndOutOfRangeUtf8AtItsPlace() {
        byte[][] illFormed = {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        };
        String text = catalog(1, ENTRY.replace("\"cveID\": \"CVE-2023-4911\"", "\"cveID\": \"CVE-2023-49$$\""));
        int at = text.indexOf("$$");
        for (byte[] bad : illFormed) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            bytes.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(bad);
            bytes.writeBytes(text.substring(at + 2).getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> KevCatalog.read(
                            ReportSource.of("kev.json", bytes.toByteArray()).withLimits(KevCatalog.LIMITS)))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("kev.json:4:")
                    .hasMessageContaining("(/vulnerabilities/0/cveID): malformed JSON: Invalid UTF-8: ");
        }
    }
}
