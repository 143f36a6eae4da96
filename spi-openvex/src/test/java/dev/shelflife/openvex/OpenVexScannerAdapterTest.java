package dev.shelflife.openvex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.VexStatement;
import dev.shelflife.spi.Detection;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The adapter contract on hand-made OpenVEX documents of both shapes, and how each part of a statement is read. */
class OpenVexScannerAdapterTest extends ScannerAdapterKit {

    private static final OpenVexScannerAdapter ADAPTER = new OpenVexScannerAdapter();
    private static final String IMAGE =
            "pkg:oci/shop-api@sha256%3A2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912"
                    + "?repository_url=ghcr.io/acme/shop-api";

    OpenVexScannerAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(KitSample.ofResource(OpenVexScannerAdapterTest.class, "v0.2.0-image-and-module.openvex.json")
                        .entries(3))
                .sample(KitSample.ofResource(OpenVexScannerAdapterTest.class, "v0.0.1-string-products.vex.json")
                        .entries(2))
                .template(KitTemplate.json("v0.2.0.json", """
                        {$TOP$"@context": "https://openvex.dev/ns/v0.2.0", "author": "ACME", "timestamp": "2025-01-20T09:00:00Z",
                         "statements": [
                          {$ENTRY$"vulnerability": {"name": "CVE-2024-0001", "aliases": ["GHSA-aaaa-bbbb-cccc"]},
                           "products": [{"@id": "pkg:oci/app@sha256%3Aabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd",
                                         "subcomponents": [{"@id": "pkg:apk/alpine/musl@1.2.4-r2"}]}],
                           "status": "not_affected", "justification": "vulnerable_code_not_present",
                           "impact_statement": "never called$TEXT$"},
                          {"vulnerability": {"@id": "CVE-2024-0002"}, "products": [{"@id": "pkg:apk/alpine/busybox"}],
                           "status": "affected", "action_statement": "upgrade"}]}
                        """)
                        .entries(2)
                        .entryAt("/statements/0")
                        .textAt("/statements/0/impact_statement"))
                .template(KitTemplate.json("v0.0.1.json", """
                        {"@context": "https://openvex.dev/ns", "author": "Jane Doe",
                         "statements": [
                          {$ENTRY$"timestamp": "2022-12-22T16:36:43-05:00",
                           "products": ["pkg:oci/alpine@sha256%3Af271e74b17ced29b915d351685fd4644785c6d1559dd1f2d4189a5e851ef753a"],
                           "vulnerability": "CVE-2022-48174", "status": "under_investigation", "status_notes": "triage$TEXT$"},
                          {"products": ["nginx"], "vulnerability": "CVE-2022-41741", "status": "not_affected",
                           "justification": "component_not_present"}],
                         $TOP$"role": "vex issuer"}
                        """)
                        .entries(2)
                        .entryAt("/statements/0")
                        .textAt("/statements/0/status_notes"))
                // The format rows write statements one per line from line 2.
                .frame(EntryFrame.of(
                        "openvex.json", "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": [\n", "]}"))
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "an OpenVEX statement carries no package version, severity or score")
                .build());
    }

    private static ScanReport resource(String name) {
        return ADAPTER.read(sample(name).source());
    }

    private static KitSample sample(String name) {
        return KitSample.ofResource(OpenVexScannerAdapterTest.class, name).entries(0);
    }

    private static ScanReport read(String json) {
        return ADAPTER.read(ReportSource.of("vex.json", json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Detection detect(String json) {
        return ADAPTER.detect(ReportSource.of("vex.json", json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A v0.2.0 document around the given statements. */
    private static ScanReport statements(String statements) {
        return read("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"author\": \"ACME\","
                + " \"timestamp\": \"2025-01-20T09:00:00Z\", \"statements\": [\n" + statements + "]}");
    }

    @Test
    void readsAV020DocumentAsAnAssessmentOfStatements() {
        ScanReport report = resource("v0.2.0-image-and-module.openvex.json");

        assertThat(report.kind()).isEqualTo(EvidenceKind.ASSESSMENT);
        assertThat(report.counts()).isEqualTo(new ReportCounts(3, 0, 3, 0, 0, 0));
        assertThat(report.findings()).isEmpty();
        assertThat(report.problems()).isEmpty();
        assertThat(report.format().adapterId()).isEqualTo("openvex");
        assertThat(report.format().name()).isEqualTo("openvex-json");
        assertThat(report.format().schemaVersion()).hasValue("0.2.0");
        assertThat(report.scanner().name()).isEqualTo("ACME Product Security");
        assertThat(report.scannedAt()).hasValue(Instant.parse("2025-01-20T09:00:00Z"));
        assertThat(report.image())
                .as("a VEX document may speak of many images: it names none as its own")
                .isEqualTo(Image.unknown());
    }

    @Test
    void readsAStatementAboutPackagesOfAnImage() {
        VexStatement statement =
                resource("v0.2.0-image-and-module.openvex.json").vexStatements().get(0);

        assertThat(statement)
                .isEqualTo(new VexStatement(
                        "CVE-2023-45853",
                        List.of("GHSA-mq29-j5xf-cjwr"),
                        List.of(IMAGE),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.of("vulnerable_code_not_in_execute_path"),
                        List.of(),
                        Optional.of("shop-api never inflates zip archives"),
                        Optional.of(Instant.parse("2025-01-20T09:00:00Z")),
                        Map.of(IMAGE, List.of("pkg:deb/debian/zlib1g"))));
    }

    @Test
    void namesAVulnerabilityByItsNameAndKeepsItsCveAmongTheAliasesButNotItsWebAddress() {
        VexStatement statement =
                resource("v0.2.0-image-and-module.openvex.json").vexStatements().get(1);

        assertThat(statement.vulnerabilityId()).isEqualTo("GO-2024-2512");
        assertThat(statement.aliases()).containsExactly("CVE-2024-24557");
        assertThat(statement.products()).containsExactly("pkg:golang/github.com/acme/shop-api");
        assertThat(statement.subcomponentsOf("pkg:golang/github.com/acme/shop-api"))
                .containsExactly("pkg:golang/github.com/docker/docker");
        assertThat(statement.state()).isEqualTo(VexStatement.State.EXPLOITABLE);
        assertThat(statement.detail()).hasValue("upgrade github.com/docker/docker to 25.0.2");
        assertThat(statement.timestamp())
                .as("its own timestamp, not the document's")
                .hasValue(Instant.parse("2025-02-01T10:00:00Z"));
    }

    @Test
    void namesAVulnerabilityGivenOnlyByItsIdAndDatesAStatementByItsLastUpdate() {
        VexStatement statement =
                resource("v0.2.0-image-and-module.openvex.json").vexStatements().get(2);

        assertThat(statement.vulnerabilityId()).isEqualTo("CVE-2024-2961");
        assertThat(statement.aliases()).isEmpty();
        assertThat(statement.products()).containsExactly("pkg:deb/debian/libc6@2.36-9+deb12u7");
        assertThat(statement.subcomponents()).isEmpty();
        assertThat(statement.state()).isEqualTo(VexStatement.State.RESOLVED);
        assertThat(statement.timestamp()).hasValue(Instant.parse("2025-02-03T11:00:00Z"));
    }

    @Test
    void readsTheOlderShapeOfStringsWithItsSubcomponentsApplyingToEveryProduct() {
        ScanReport report = resource("v0.0.1-string-products.vex.json");

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 2, 0, 0, 0));
        assertThat(report.format().schemaVersion())
                .as("the bare namespace names no version")
                .isEmpty();
        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.problems()).isEmpty();
        VexStatement first = report.vexStatements().get(0);
        String alpine = "pkg:oci/alpine@sha256%3Af271e74b17ced29b915d351685fd4644785c6d1559dd1f2d4189a5e851ef753a";
        assertThat(first.vulnerabilityId()).isEqualTo("CVE-2022-48174");
        assertThat(first.products()).containsExactly(alpine, "registry.k8s.io/kube-apiserver:v1.26.0");
        assertThat(first.subcomponents())
                .containsExactly(
                        Map.entry(alpine, List.of("pkg:apk/alpine/busybox")),
                        Map.entry("registry.k8s.io/kube-apiserver:v1.26.0", List.of("pkg:apk/alpine/busybox")));
        assertThat(first.state()).isEqualTo(VexStatement.State.IN_TRIAGE);
        assertThat(first.detail()).as("empty status notes say nothing").isEmpty();
        assertThat(first.timestamp()).hasValue(Instant.parse("2022-12-22T21:36:43Z"));
        VexStatement second = report.vexStatements().get(1);
        assertThat(second.products())
                .as("a product that is not a purl is kept as written")
                .containsExactly("nginx");
        assertThat(second.state()).isEqualTo(VexStatement.State.NOT_AFFECTED);
        assertThat(second.justification()).hasValue("component_not_present");
    }

    @Test
    void skipsAStatementThatNamesNoVulnerabilityOrNoProductAndCountsIt() {
        ScanReport report = statements("""
                {"vulnerability": {"description": "no name"}, "products": [{"@id": "pkg:npm/a@1"}], "status": "affected"},
                {"vulnerability": "", "products": ["pkg:npm/a@1"], "status": "affected"},
                {"vulnerability": {"name": "CVE-3"}, "status": "not_affected", "justification": "component_not_present"},
                {"vulnerability": {"name": "CVE-4"}, "products": null, "status": "fixed"},
                {"vulnerability": {"name": "CVE-5"}, "products": [{"hashes": {"sha-256": "ab"}}], "status": "fixed"},
                null,
                {"vulnerability": {"name": "CVE-7"}, "products": [{"@id": "pkg:npm/g@1"}], "status": "fixed"}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(7, 0, 1, 0, 0, 6));
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY)
                .extracting(p -> p.location().path(), p -> p.location().line())
                .containsExactly(
                        tuple("/statements/0/vulnerability", 2L),
                        tuple("/statements/1/vulnerability", 3L),
                        tuple("/statements/2", 4L),
                        tuple("/statements/3", 5L),
                        tuple("/statements/4", 6L),
                        tuple("/statements/5", 7L));
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.IGNORED_VALUE)
                .singleElement()
                .satisfies(p -> assertThat(p.location().path()).isEqualTo("/statements/4/products/0"));
    }

    @Test
    void leavesOutAProductWhoseSubcomponentsNameNothingRatherThanReadItWhole() {
        ScanReport report = statements("""
                {"vulnerability": {"name": "CVE-1"}, "status": "not_affected", "justification": "component_not_present",
                 "products": [{"@id": "pkg:oci/app?repository_url=ghcr.io/acme/app", "subcomponents": [{"hashes": {}}]},
                              {"@id": "pkg:npm/b@2", "subcomponents": [{"@id": "pkg:npm/c"}, {}]}]}
                """);

        assertThat(report.vexStatements()).singleElement().satisfies(statement -> {
            assertThat(statement.products()).containsExactly("pkg:npm/b@2");
            assertThat(statement.subcomponentsOf("pkg:npm/b@2")).containsExactly("pkg:npm/c");
        });
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.IGNORED_VALUE, "/statements/0/products/0/subcomponents/0"),
                        tuple(Problem.Kind.IGNORED_VALUE, "/statements/0/products/0"),
                        tuple(Problem.Kind.IGNORED_VALUE, "/statements/0/products/1/subcomponents/1"));
    }

    @Test
    void prefersTheIdentifiersPurlToTheIdAndFallsBackToACpe() {
        ScanReport report = statements("""
                {"vulnerability": {"name": "CVE-1"}, "status": "affected",
                 "products": [{"@id": "https://acme.example/products/app", "identifiers": {"purl": "pkg:npm/app@1"}},
                              {"identifiers": {"cpe23": "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*"}}]}
                """);

        assertThat(report.vexStatements().get(0).products())
                .containsExactly("pkg:npm/app@1", "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*");
    }

    @Test
    void readsAnUnknownOrMissingStatusAsUnknownAndLeavesOutAnUnknownJustification() {
        ScanReport report = statements("""
                {"vulnerability": {"name": "CVE-1"}, "products": ["pkg:npm/a@1"], "status": "NOT_AFFECTED"},
                {"vulnerability": {"name": "CVE-2"}, "products": ["pkg:npm/a@1"]},
                {"vulnerability": {"name": "CVE-3"}, "products": ["pkg:npm/a@1"], "status": "not_affected",
                 "justification": "trust_me"}
                """);

        assertThat(report.vexStatements())
                .extracting(VexStatement::state)
                .containsExactly(
                        VexStatement.State.UNKNOWN, VexStatement.State.UNKNOWN, VexStatement.State.NOT_AFFECTED);
        assertThat(report.vexStatements().get(2).justification()).isEmpty();
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.COERCED_VALUE, "/statements/0/status"),
                        tuple(Problem.Kind.MISSING_VALUE, "/statements/1"),
                        tuple(Problem.Kind.COERCED_VALUE, "/statements/2/justification"),
                        tuple(Problem.Kind.MISSING_VALUE, "/statements/2"));
        assertThat(report.problems().get(3).message())
                .isEqualTo("CVE-3: not_affected without a justification or an impact statement, which OpenVEX"
                        + " requires; applied as written");
    }

    @Test
    void leavesOutATimestampThatIsNoDateAndSaysWhere() {
        ScanReport report = read("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "timestamp": "yesterday",
                 "statements": [{"vulnerability": "CVE-1", "products": ["pkg:npm/a@1"], "status": "affected",
                                 "timestamp": "soon"}]}
                """);

        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.vexStatements().get(0).timestamp()).isEmpty();
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.COERCED_VALUE, "/statements/0/timestamp"),
                        tuple(Problem.Kind.COERCED_VALUE, "/timestamp"));
        assertThat(report.scanner().name()).as("no author").isEqualTo("OpenVEX");
    }

    @Test
    void readsEmptyStatementsAsNothingSaidButMissingOrMisspelledStatementsAsAProblem() {
        assertThat(read("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": []}")
                        .problems())
                .isEmpty();
        for (String json : List.of(
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"author\": \"ACME\"}",
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": null}",
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"Statements\": [{\"status\": \"fixed\"}]}")) {
            ScanReport report = read(json);
            assertThat(report.counts().entries()).as(json).isZero();
            assertThat(report.problems()).as(json).extracting(Problem::kind).contains(Problem.Kind.MISSING_VALUE);
        }
    }

    @Test
    void readsStatementsWithoutAnOpenVexContextButSaysSo() {
        ScanReport report = read("{\"statements\": [{\"vulnerability\": \"CVE-1\", \"products\": [\"pkg:npm/a@1\"],"
                + " \"status\": \"affected\"}]}");

        assertThat(report.counts().statements()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(p.location().path()).isEqualTo("/@context");
        });
    }

    @Test
    void refusesAnotherVocabularysContextAndAnObjectWithoutStatementsAsNotOpenVex() {
        assertThatThrownBy(() -> read("""
                        {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}"""))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("vex.json:1:14 (/@context): not an OpenVEX document: its @context is"
                        + " \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", not https://openvex.dev/ns…");
        assertThatThrownBy(() -> read("{\"name\": \"x\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining(
                        "no @context https://openvex.dev/ns… and no \"statements\" (its keys start name)");
        assertThatThrownBy(() -> read("[]"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("found an array");
    }

    @Test
    void endsAWronglyTypedValueInALocatedException() {
        for (String[] row : new String[][] {
            {"\"statements\": {}", "/statements", "expected \"statements\" to be an array, found an object"},
            {"\"statements\": [42]", "/statements/0", "expected a statement (an object), found a number"},
            {"\"statements\": [{\"vulnerability\": []}]", "/statements/0/vulnerability", "found an array"},
            {"\"statements\": [{\"products\": \"pkg:npm/a\"}]", "/statements/0/products", "found a string"},
            {"\"statements\": [{\"products\": [true]}]", "/statements/0/products/0", "found a boolean"},
            {"\"statements\": [{\"status\": {}}]", "/statements/0/status", "expected a string, found an object"},
            {
                "\"statements\": [{\"products\": [{\"@id\": \"a\", \"subcomponents\": {}}]}]",
                "/statements/0/products/0/subcomponents",
                "found an object"
            },
            {
                "\"statements\": [{\"vulnerability\": {\"aliases\": \"CVE-1\"}}]",
                "/statements/0/vulnerability/aliases",
                "found a string"
            },
        }) {
            String json = "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", " + row[0] + "}";
            assertThatThrownBy(() -> read(json))
                    .as(json)
                    .isExactlyInstanceOf(ReportParseException.class)
                    .satisfies(e -> {
                        ReportParseException failure = (ReportParseException) e;
                        assertThat(failure.location().path()).isEqualTo(row[1]);
                        assertThat(failure.location().line()).isEqualTo(1);
                        assertThat(failure.problem()).contains(row[2]);
                    });
        }
    }

    @Test
    void detectsByTheContextWhereverItStandsAndByStatementsWithoutIt() {
        assertThat(detect("{\"author\": \"x\", \"@context\": \"https://openvex.dev/ns/v0.2.0\"}"))
                .satisfies(d -> {
                    assertThat(d.confidence()).isEqualTo(1.0);
                    assertThat(d.schemaVersion()).hasValue("0.2.0");
                });
        assertThat(detect("{\"@context\": [\"https://openvex.dev/ns\"]}").isMatch())
                .isTrue();
        assertThat(detect("{\"statements\": [{\"vulnerability\": \"CVE-1\", \"status\": \"fixed\"}]}")
                        .confidence())
                .isEqualTo(0.9);
        assertThat(detect("{\"statements\": []}").isMatch()).isFalse();
        assertThat(detect("{\"statements\": [{\"predicateType\": \"x\"}]}").isMatch())
                .isFalse();
    }

    @Test
    void claimsNoDocumentOfAnotherVocabularyOrFormat() {
        for (String json : List.of(
                "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}",
                "{\"@context\": {\"@vocab\": \"https://schema.org/\"}, \"statements\": [{\"vulnerability\": \"a\","
                        + " \"status\": \"fixed\"}]}",
                "{\"bomFormat\": \"CycloneDX\", \"statements\": [{\"vulnerability\": \"a\", \"status\": \"fixed\"}]}",
                "{\"matches\": [{\"x\": 1}], \"statements\": [{\"vulnerability\": \"a\", \"status\": \"fixed\"}]}",
                "{\"document\": {\"csaf_version\": \"2.0\"}, \"product_tree\": {}, \"vulnerabilities\": []}")) {
            assertThat(detect(json).isMatch()).as(json).isFalse();
        }
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void readsNullAndEmptyStatementListsAsNoStatements() {
        assertThat(readDocument("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": []}")
                        .counts())
                .isEqualTo(new ReportCounts(0, 0, 0, 0));
        ScanReport nothing = readDocument("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": null}");
        assertThat(nothing.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
        assertThat(nothing.problems()).isNotEmpty();
    }

    @Test
    void readsAStatementOfBlankStringsAsNamingNothing() {
        ScanReport report = readEntries("""
                {"vulnerability": {"name": " ", "@id": ""}, "products": ["pkg:npm/a@1"], "status": "fixed"},
                {"vulnerability": "CVE-2", "products": [" "], "status": "fixed"}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 0, 0, 0, 2));
    }
}
