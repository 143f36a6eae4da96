package dev.shelflife.csaf;

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

/** The adapter contract on hand-made CSAF documents, and how product statuses become statements. */
class CsafScannerAdapterTest extends ScannerAdapterKit {

    private static final CsafScannerAdapter ADAPTER = new CsafScannerAdapter();
    private static final String IMAGE =
            "pkg:oci/shop-api@sha256%3A2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80912"
                    + "?repository_url=ghcr.io/acme/shop-api&tag=1.4.2";
    private static final String ZLIB = "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64";
    private static final String PERL = "pkg:deb/debian/perl-base@5.36.0-7+deb12u1?arch=amd64";
    private static final String DEBIAN = "cpe:/o:debian:debian_linux:12";
    private static final Instant RELEASED = Instant.parse("2025-02-01T12:00:00Z");

    /** A product tree of one product, {@code P}, a package. */
    private static final String TREE = "\"product_tree\": {\"full_product_names\": [{\"name\": \"a 1\","
            + " \"product_id\": \"P\", \"product_identification_helper\": {\"purl\": \"pkg:npm/a@1\"}}]}";

    CsafScannerAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(KitSample.ofResource(CsafScannerAdapterTest.class, "vex-image-and-platform.csaf.json")
                        .entries(5))
                .sample(KitSample.ofResource(CsafScannerAdapterTest.class, "advisory-redhat-shape.csaf.json")
                        .entries(2))
                .template(KitTemplate.json("vex.json", """
                        {$TOP$"document": {"category": "csaf_vex", "csaf_version": "2.0",
                                      "publisher": {"category": "vendor", "name": "ACME", "namespace": "https://acme.example"},
                                      "tracking": {"id": "ACME-1", "current_release_date": "2025-02-01T12:00:00Z"}},
                         "product_tree": {"branches": [{"category": "vendor", "name": "ACME", "branches": [
                           {"category": "product_version", "name": "1.2.4-r2", "product": {"name": "musl 1.2.4-r2", "product_id": "MUSL",
                            "product_identification_helper": {"purl": "pkg:apk/alpine/musl@1.2.4-r2"}}}]}]},
                         "vulnerabilities": [
                          {$ENTRY$"cve": "CVE-2024-0001",
                           "flags": [{"label": "vulnerable_code_not_present", "product_ids": ["MUSL"]}],
                           "threats": [{"category": "impact", "details": "never called$TEXT$"}],
                           "product_status": {"known_not_affected": ["MUSL"]}},
                          {"cve": "CVE-2024-0002", "product_status": {"known_affected": ["MUSL"]},
                           "remediations": [{"category": "vendor_fix", "details": "upgrade", "product_ids": ["MUSL"]}]}]}
                        """)
                        .entries(2)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/vulnerabilities/0/threats/0/details"))
                .template(KitTemplate.json("advisory.json", """
                        {"document": {"category": "csaf_security_advisory", "csaf_version": "2.0",
                                      "tracking": {"id": "RHSA-2025:0001", "current_release_date": "2025-01-05T10:00:00+00:00"}},
                         "vulnerabilities": [
                          {$ENTRY$"cve": "CVE-2024-1737", "ids": [{"system_name": "Red Hat Bugzilla ID", "text": "2298901$TEXT$"}],
                           "product_status": {"fixed": ["BaseOS-9:bind-32:9.16.23-18.el9_4.6.x86_64",
                                                        "BaseOS-9:bind-libs-32:9.16.23-18.el9_4.6.x86_64"]}}],
                         $TOP$"product_tree": {"branches": [{"category": "product_name", "name": "BaseOS", "product": {
                           "name": "Red Hat Enterprise Linux BaseOS (v. 9)", "product_id": "BaseOS-9",
                           "product_identification_helper": {"cpe": "cpe:/o:redhat:enterprise_linux:9::baseos"}}}],
                           "full_product_names": [
                             {"name": "bind", "product_id": "bind-32:9.16.23-18.el9_4.6.x86_64",
                              "product_identification_helper": {"purl": "pkg:rpm/redhat/bind@9.16.23-18.el9_4.6?arch=x86_64&epoch=32"}},
                             {"name": "bind-libs", "product_id": "bind-libs-32:9.16.23-18.el9_4.6.x86_64",
                              "product_identification_helper": {"purl": "pkg:rpm/redhat/bind-libs@9.16.23-18.el9_4.6?arch=x86_64&epoch=32"}}],
                           "relationships": [
                             {"category": "default_component_of", "product_reference": "bind-32:9.16.23-18.el9_4.6.x86_64",
                              "relates_to_product_reference": "BaseOS-9",
                              "full_product_name": {"name": "bind in BaseOS", "product_id": "BaseOS-9:bind-32:9.16.23-18.el9_4.6.x86_64"}},
                             {"category": "default_component_of", "product_reference": "bind-libs-32:9.16.23-18.el9_4.6.x86_64",
                              "relates_to_product_reference": "BaseOS-9",
                              "full_product_name": {"name": "bind-libs in BaseOS", "product_id": "BaseOS-9:bind-libs-32:9.16.23-18.el9_4.6.x86_64"}}]}}
                        """)
                        .entries(2)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/vulnerabilities/0/ids/0/text"))
                // The format rows write vulnerabilities one per line from line 2.
                .frame(EntryFrame.of(
                        "csaf.json",
                        "{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, \"product_tree\":"
                                + " {\"full_product_names\": [{\"name\": \"a\", \"product_id\": \"P\"}]},"
                                + " \"vulnerabilities\": [\n",
                        "]}"))
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "a CSAF vulnerability names products by id: it carries no package name, version or severity word")
                .build());
    }

    private static ScanReport resource(String name) {
        return ADAPTER.read(KitSample.ofResource(CsafScannerAdapterTest.class, name)
                .entries(0)
                .source());
    }

    private static ScanReport read(String json) {
        return ADAPTER.read(ReportSource.of("csaf.json", json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Detection detect(String json) {
        return ADAPTER.detect(ReportSource.of("csaf.json", json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A csaf_vex document with the one-product tree around the given vulnerabilities. */
    private static ScanReport vulnerabilities(String vulnerabilities) {
        return read("{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, " + TREE
                + ", \"vulnerabilities\": [\n" + vulnerabilities + "]}");
    }

    @Test
    void readsAVexDocumentAsAnAssessmentOfOneStatementPerProductStatusEntry() {
        ScanReport report = resource("vex-image-and-platform.csaf.json");

        assertThat(report.kind()).isEqualTo(EvidenceKind.ASSESSMENT);
        assertThat(report.counts()).isEqualTo(new ReportCounts(5, 0, 5, 0, 0, 0));
        assertThat(report.problems()).isEmpty();
        assertThat(report.findings()).isEmpty();
        assertThat(report.format().adapterId()).isEqualTo("csaf");
        assertThat(report.format().name()).isEqualTo("csaf-json");
        assertThat(report.format().schemaVersion()).hasValue("2.0");
        assertThat(report.scanner().name()).isEqualTo("ACME PSIRT");
        assertThat(report.scannedAt()).as("the current release").hasValue(RELEASED);
        assertThat(report.image()).isEqualTo(Image.unknown());
    }

    @Test
    void readsAComponentOfAnImageAsTheImageWithThatSubcomponentAndItsFlagAsTheJustification() {
        VexStatement statement =
                resource("vex-image-and-platform.csaf.json").vexStatements().get(0);

        assertThat(statement)
                .isEqualTo(new VexStatement(
                        "CVE-2023-45853",
                        List.of("GHSA-mq29-j5xf-cjwr"),
                        List.of(IMAGE),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.of("vulnerable_code_not_in_execute_path"),
                        List.of(),
                        Optional.of("shop-api never inflates zip archives"),
                        Optional.of(RELEASED),
                        Map.of(IMAGE, List.of(ZLIB))));
    }

    @Test
    void readsEveryStatusOfTheDocumentWithTheFlagsAndRemediationsThatNameItsProduct() {
        List<VexStatement> statements =
                resource("vex-image-and-platform.csaf.json").vexStatements();

        assertThat(statements)
                .extracting(
                        VexStatement::vulnerabilityId,
                        VexStatement::state,
                        VexStatement::products,
                        VexStatement::subcomponents,
                        VexStatement::justification,
                        VexStatement::responses,
                        VexStatement::detail)
                .containsExactly(
                        tuple(
                                "CVE-2023-45853",
                                VexStatement.State.NOT_AFFECTED,
                                List.of(IMAGE),
                                Map.of(IMAGE, List.of(ZLIB)),
                                Optional.of("vulnerable_code_not_in_execute_path"),
                                List.of(),
                                Optional.of("shop-api never inflates zip archives")),
                        tuple(
                                "CVE-2023-31484",
                                VexStatement.State.NOT_AFFECTED,
                                List.of(DEBIAN),
                                Map.of(DEBIAN, List.of(PERL)),
                                Optional.of("vulnerable_code_not_present"),
                                List.of(),
                                Optional.empty()),
                        tuple(
                                "CVE-2023-31484",
                                VexStatement.State.IN_TRIAGE,
                                List.of(IMAGE),
                                Map.of(),
                                Optional.empty(),
                                List.of(),
                                Optional.empty()),
                        tuple(
                                "CVE-2024-2961",
                                VexStatement.State.EXPLOITABLE,
                                List.of(IMAGE),
                                Map.of(),
                                Optional.empty(),
                                List.of("update"),
                                Optional.of("rebuild on debian:12.6")),
                        tuple(
                                "CVE-2024-2961",
                                VexStatement.State.RESOLVED,
                                List.of(DEBIAN),
                                Map.of(DEBIAN, List.of(PERL)),
                                Optional.empty(),
                                List.of("update"),
                                Optional.of("in the Debian 12 point release")));
        assertThat(statements).allSatisfy(s -> assertThat(s.timestamp()).hasValue(RELEASED));
    }

    @Test
    void readsARedHatAdvisoryAsFixedPackagesOfAPlatformNamedByItsCpe() {
        ScanReport report = resource("advisory-redhat-shape.csaf.json");

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 2, 0, 0, 0));
        assertThat(report.scanner().name()).isEqualTo("Red Hat Product Security");
        String platform = "cpe:/o:redhat:enterprise_linux:9::baseos";
        VexStatement bind = report.vexStatements().get(0);
        assertThat(bind.vulnerabilityId()).isEqualTo("CVE-2024-1737");
        assertThat(bind.aliases()).containsExactly("2298901");
        assertThat(bind.products()).containsExactly(platform);
        assertThat(bind.subcomponentsOf(platform))
                .containsExactly("pkg:rpm/redhat/bind@9.16.23-18.el9_4.6?arch=x86_64&epoch=32");
        assertThat(bind.state()).isEqualTo(VexStatement.State.RESOLVED);
        assertThat(bind.responses()).containsExactly("update");
        assertThat(bind.detail())
                .hasValue(
                        "For details on how to apply this update, refer to: https://access.redhat.com/articles/11258");
        assertThat(bind.timestamp()).hasValue(Instant.parse("2025-01-05T10:00:00Z"));
    }

    @Test
    void readsEveryProductStatusCategoryCsafDefines() {
        ScanReport report = vulnerabilities("""
                {"cve": "CVE-1", "product_status": {"first_affected": ["P"], "first_fixed": ["P"], "fixed": ["P"],
                  "known_affected": ["P"], "known_not_affected": ["P"], "last_affected": ["P"], "recommended": ["P"],
                  "under_investigation": ["P"]}}
                """);

        assertThat(report.vexStatements())
                .extracting(VexStatement::state)
                .containsExactly(
                        VexStatement.State.EXPLOITABLE,
                        VexStatement.State.RESOLVED,
                        VexStatement.State.RESOLVED,
                        VexStatement.State.EXPLOITABLE,
                        VexStatement.State.NOT_AFFECTED,
                        VexStatement.State.EXPLOITABLE,
                        VexStatement.State.RESOLVED,
                        VexStatement.State.IN_TRIAGE);
        assertThat(report.vexStatements())
                .allSatisfy(s -> assertThat(s.products()).containsExactly("pkg:npm/a@1"));
    }

    @Test
    void skipsAProductIdTheTreeDoesNotDefineAndAVulnerabilityWithoutAnIdAndCountsThem() {
        ScanReport report = vulnerabilities("""
                {"cve": "CVE-1", "product_status": {"fixed": ["P", "NOWHERE", "", null]}},
                {"title": "no id", "product_status": {"known_affected": ["P"]}},
                {"ids": [{"system_name": "GitHub", "text": "GHSA-aaaa-bbbb-cccc"}], "product_status": {"fixed": ["P"]}}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(6, 0, 2, 0, 0, 4));
        assertThat(report.problems())
                .extracting(
                        Problem::kind,
                        p -> p.location().path(),
                        p -> p.location().line())
                .containsExactly(
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/0/product_status/fixed/1", 2L),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/0/product_status/fixed/2", 2L),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/0/product_status/fixed/3", 2L),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/1/product_status/known_affected/0", 3L));
        assertThat(report.problems().get(0).message())
                .isEqualTo("CVE-1: product id \"NOWHERE\" is not defined in the product tree, nor by a relationship"
                        + " whose products are");
        assertThat(report.vexStatements().get(1).vulnerabilityId()).isEqualTo("GHSA-aaaa-bbbb-cccc");
    }

    @Test
    void skipsARelationshipToAProductTheTreeDoesNotDefine() {
        ScanReport report = read("""
                {"document": {"category": "csaf_vex", "csaf_version": "2.0"},
                 "product_tree": {"full_product_names": [{"name": "a", "product_id": "A"}],
                   "relationships": [{"category": "default_component_of", "product_reference": "A",
                     "relates_to_product_reference": "GONE", "full_product_name": {"name": "a in gone", "product_id": "A:GONE"}}]},
                 "vulnerabilities": [{"cve": "CVE-1", "product_status": {"known_not_affected": ["A:GONE", "A"]}}]}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 1, 0, 0, 1));
        assertThat(report.vexStatements().get(0).products())
                .as("a product without purl or CPE is named by its name")
                .containsExactly("a");
    }

    @Test
    void reportsWhatADocumentLacksOrGetsWrong() {
        ScanReport report = read("""
                {"document": {"category": "csaf_vex", "csaf_version": "2.0",
                              "tracking": {"current_release_date": "soon"}},
                 "product_tree": {"full_product_names": [{"name": "a 1", "product_id": "P"}, {"name": "b", "product_id": "P"}]},
                 "vulnerabilities": [
                   {"cve": "CVE-1", "flags": [{"label": "trust_me", "product_ids": ["P"]}],
                    "product_status": {"known_not_affected": ["P"], "Fixed": ["P"]}},
                   {"cve": "CVE-2"}]}
                """);

        assertThat(report.vexStatements()).singleElement().satisfies(s -> {
            assertThat(s.products()).containsExactly("a 1");
            assertThat(s.justification()).isEmpty();
            assertThat(s.timestamp()).isEmpty();
        });
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.IGNORED_VALUE, "/vulnerabilities/0/product_status/Fixed"),
                        tuple(Problem.Kind.COERCED_VALUE, "/document/tracking/current_release_date"),
                        tuple(Problem.Kind.IGNORED_VALUE, "/product_tree"),
                        tuple(Problem.Kind.COERCED_VALUE, "/vulnerabilities/0/flags/0/label"),
                        tuple(Problem.Kind.MISSING_VALUE, "/vulnerabilities/0/product_status/known_not_affected/0"),
                        tuple(Problem.Kind.MISSING_VALUE, "/vulnerabilities/1"));
        assertThat(report.problems().get(5).message())
                .isEqualTo("CVE-2: no product_status, so it says nothing about any product");
    }

    @Test
    void readsARemediationOrThreatWithoutACategoryAsNamingNoResponseOrImpact() {
        ScanReport report = vulnerabilities("""
                {"cve": "CVE-1", "product_status": {"fixed": ["P"], "known_not_affected": ["P"]},
                 "flags": [{"label": "component_not_present", "product_ids": ["P"]}],
                 "remediations": [{"cadegory": "vendor_fix", "details": "upgrade", "product_ids": ["P"]},
                                  {"category": null, "details": "later", "product_ids": ["P"]}],
                 "threats": [{"details": "Moderate"}, {"category": "impact", "details": null}]}
                """);

        assertThat(report.vexStatements())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.responses()).isEmpty());
        assertThat(report.vexStatements().get(0).detail()).hasValue("upgrade");
        assertThat(report.vexStatements().get(1).detail()).isEmpty();
    }

    @Test
    void readsNoVulnerabilitiesAsNothingSaidButSaysSoForAVexDocument() {
        assertThat(read("{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, " + TREE
                                + ", \"vulnerabilities\": []}")
                        .problems())
                .isEmpty();
        assertThat(read("{\"document\": {\"category\": \"csaf_base\", \"csaf_version\": \"2.0\"}}")
                        .problems())
                .as("a base document need not list vulnerabilities")
                .isEmpty();
        for (String json : List.of(
                "{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, " + TREE + "}",
                "{\"document\": {\"category\": \"csaf_security_advisory\", \"csaf_version\": \"2.0\"},"
                        + " \"vulnerabilities\": null}",
                "{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, \"Vulnerabilities\": [{}]}")) {
            ScanReport report = read(json);
            assertThat(report.counts().entries()).as(json).isZero();
            assertThat(report.problems()).as(json).extracting(Problem::kind).contains(Problem.Kind.MISSING_VALUE);
        }
    }

    @Test
    void readsAProductTreeWithoutADocumentButSaysSo() {
        ScanReport report = read("{" + TREE + ", \"vulnerabilities\": [{\"cve\": \"CVE-1\", \"product_status\":"
                + " {\"fixed\": [\"P\"]}}]}");

        assertThat(report.counts().statements()).isEqualTo(1);
        assertThat(report.scanner().name()).isEqualTo("CSAF");
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(p.location().path()).isEqualTo("/document");
        });
    }

    @Test
    void refusesAnotherCsafVersionAndAnObjectThatIsNotCsaf() {
        assertThatThrownBy(() -> read("{\"document\": {\"csaf_version\": \"2.1\"}, \"vulnerabilities\": []}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "csaf.json:1:14 (/document/csaf_version): CSAF 2.1 is not read: this adapter reads CSAF 2.0");
        assertThatThrownBy(() -> read("{\"vulnerabilities\": [{\"cve\": \"CVE-1\"}]}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("csaf.json:1:1 (/): not a CSAF document: no \"document\" and no \"product_tree\" (its keys"
                        + " start vulnerabilities)");
        assertThatThrownBy(() -> read("[]"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("found an array");
    }

    @Test
    void endsAWronglyTypedValueInALocatedException() {
        for (String[] row : new String[][] {
            {"\"vulnerabilities\": {}", "/vulnerabilities", "expected \"vulnerabilities\" to be an array"},
            {"\"vulnerabilities\": [\"CVE-1\"]", "/vulnerabilities/0", "expected a vulnerability (an object)"},
            {"\"vulnerabilities\": [{\"product_status\": []}]", "/vulnerabilities/0/product_status", "found an array"},
            {
                "\"vulnerabilities\": [{\"product_status\": {\"fixed\": \"P\"}}]",
                "/vulnerabilities/0/product_status/fixed",
                "found a string"
            },
            {
                "\"vulnerabilities\": [{\"product_status\": {\"fixed\": [{}]}}]",
                "/vulnerabilities/0/product_status/fixed/0",
                "expected a string, found an object"
            },
            {"\"vulnerabilities\": [{\"flags\": {}}]", "/vulnerabilities/0/flags", "found an object"},
            {"\"vulnerabilities\": [{\"cve\": []}]", "/vulnerabilities/0/cve", "found an array"},
            {
                "\"vulnerabilities\": [{\"flags\": [{\"product_ids\": \"P\"}]}]",
                "/vulnerabilities/0/flags/0/product_ids",
                "unexpected value"
            },
            {"\"product_tree\": {\"branches\": {}}", "/product_tree/branches", "unexpected value"},
        }) {
            String json = "{\"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}, " + row[0] + "}";
            assertThatThrownBy(() -> read(json))
                    .as(json)
                    .isExactlyInstanceOf(ReportParseException.class)
                    .satisfies(e -> {
                        ReportParseException failure = (ReportParseException) e;
                        assertThat(failure.location().path()).as(json).isEqualTo(row[1]);
                        assertThat(failure.location().line()).isEqualTo(1);
                        assertThat(failure.problem()).as(json).contains(row[2]);
                    });
        }
    }

    @Test
    void detectsByTheCsafVersionWhereverItStandsAndByAProductTreeWithProductStatuses() {
        assertThat(
                        detect(
                                "{\"vulnerabilities\": [], \"document\": {\"category\": \"csaf_vex\", \"csaf_version\": \"2.0\"}}"))
                .satisfies(d -> {
                    assertThat(d.confidence()).isEqualTo(1.0);
                    assertThat(d.schemaVersion()).hasValue("2.0");
                    assertThat(d.reason()).isEqualTo("document.csaf_version is \"2.0\", category csaf_vex");
                });
        assertThat(detect("{\"vulnerabilities\": [{\"cve\": \"CVE-1\", \"product_status\": {}}], \"product_tree\": {}}")
                        .confidence())
                .isEqualTo(0.8);
        assertThat(detect("{\"product_tree\": {}}").isMatch()).isFalse();
        assertThat(detect("{\"document\": {\"title\": \"a\"}, \"vulnerabilities\": [{\"cve\": \"CVE-1\"}]}")
                        .isMatch())
                .isFalse();
    }

    @Test
    void claimsNoDocumentThatShowsAnotherFormatsKeys() {
        for (String json : List.of(
                "{\"bomFormat\": \"CycloneDX\", \"document\": {\"csaf_version\": \"2.0\"}}",
                "{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": []}",
                "{\"runs\": [{\"results\": []}], \"document\": {\"csaf_version\": \"2.0\"}}",
                "{\"vulnerabilities\": [{\"id\": \"SNYK-1\", \"packageManager\": \"npm\", \"packageName\": \"a\"}],"
                        + " \"packageManager\": \"npm\", \"projectName\": \"a\"}")) {
            assertThat(detect(json).isMatch()).as(json).isFalse();
        }
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void readsNullAndEmptyProductStatusListsAsNoEntries() {
        ScanReport report = readEntries("""
                {"cve": "CVE-1", "product_status": {"fixed": [], "known_affected": null}},
                {"cve": "CVE-2", "product_status": {}}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void countsOneEntryPerVulnerabilityStatusAndProduct() {
        ScanReport report = readEntries("""
                {"cve": "CVE-1", "product_status": {"fixed": ["P"], "known_affected": ["P"]}},
                {"cve": "CVE-2", "product_status": {"fixed": ["P", "P"]}}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(4, 0, 4, 0, 0, 0));
    }
}
