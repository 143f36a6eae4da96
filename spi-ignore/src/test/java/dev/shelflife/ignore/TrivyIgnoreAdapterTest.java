package dev.shelflife.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract kit on Trivy's ignore files, and how they are recognised, read and refused. */
class TrivyIgnoreAdapterTest extends ScannerAdapterKit {

    private static final TrivyIgnoreAdapter ADAPTER = new TrivyIgnoreAdapter();

    TrivyIgnoreAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(KitSample.ofResource(TrivyIgnoreAdapterTest.class, "two-rules.trivyignore")
                        .entries(3)
                        .without(KitCheck.SAMPLE_DEPTH_LIMIT, "nothing nests in a .trivyignore"))
                .sample(KitSample.ofResource(TrivyIgnoreAdapterTest.class, "two-rules.trivyignore.yaml")
                        .entries(3))
                .template(KitTemplate.text("matrix.trivyignore", """
                # vulnerabilities
                CVE-2024-0001$ENTRY$ exp:2030-01-01 note:musl$TEXT$
                CVE-2024-0002$TOP$
                """)
                        .entries(2)
                        .without(
                                KitCheck.TRUNCATION,
                                "a .trivyignore cut at any byte is a shorter .trivyignore, as Trivy reads it: its last line"
                                        + " is the fields before the cut (endsEveryCutOfEitherFormatInARuleListOrALocatedError)")
                        .without(
                                KitCheck.TRAILING_CONTENT,
                                "every line of a .trivyignore is an entry or a comment: nothing trails it")
                        .without(KitCheck.DEEP_UNKNOWN_FIELDS, "nothing nests in a .trivyignore")
                        .without(KitCheck.DEPTH_LIMIT, "nothing nests in a .trivyignore"))
                .template(KitTemplate.yaml("matrix.trivyignore.yaml", """
                {$TOP$vulnerabilities: [
                  {$ENTRY$id: CVE-2024-0001, statement: "musl$TEXT$", expired_at: 2030-01-01},
                  {id: CVE-2024-0002, paths: ["**/package-lock.json"]}],
                 misconfigurations: [{id: AVD-DS-0002}]}
                """)
                        .entries(3)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/vulnerabilities/0/statement")
                        .without(
                                KitCheck.TRUNCATION,
                                "an empty YAML document is an empty ignore file, which is valid; every cut after the first byte is"
                                        + " checked by endsEveryCutOfEitherFormatInARuleListOrALocatedError"))
                .frame(EntryFrame.of("frame.trivyignore.yaml", "vulnerabilities:\n", ""))
                .readsEmptyDocuments()
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "an ignore rule carries no package, version, severity or score")
                .build());
    }

    @Test
    void recognisesAnEmptyOrCommentOnlyFileByItsName() {
        for (String name : List.of(".trivyignore", "prod.trivyignore", "ci/.trivyignore.yaml", "app.trivyignore.yml")) {
            for (String text : List.of("", "# nothing ignored yet\n", "\n\n")) {
                assertThat(ADAPTER.detect(Sources.of(name, text)).isMatch())
                        .as("%s: %s", name, text)
                        .isTrue();
                assertThat(ADAPTER.read(Sources.of(name, text)).counts()).isEqualTo(new ReportCounts(0, 0, 0, 0, 0, 0));
            }
        }
        assertThat(ADAPTER.detect(Sources.of("notes.txt", "CVE-2024-0001\n")).isMatch())
                .as("a plain list of ids of another name shows no structure")
                .isFalse();
    }

    @Test
    void claimsNoReportThatIsNamedLikeAnIgnoreFile() {
        assertThat(ADAPTER.detect(Sources.of(".trivyignore", "{\"SchemaVersion\": 2, \"Results\": []}"))
                        .isMatch())
                .isFalse();
        assertThat(ADAPTER.detect(Sources.of(".trivyignore.yaml", "{\"matches\": [], \"descriptor\": {}}"))
                        .isMatch())
                .isFalse();
    }

    @Test
    void claimsAYamlFileOfAnotherNameOnlyWhenItsStructureIsTrivysAlone() {
        assertThat(ADAPTER.detect(Sources.of("ignores.yaml", "vulnerabilities:\n  - id: CVE-1\nsecrets:\n  - id: x\n"))
                        .isMatch())
                .isTrue();
        assertThat(ADAPTER.detect(Sources.of("ignores.yaml", "vulnerabilities:\n  - id: CVE-1\n    paths: [a]\n"))
                        .isMatch())
                .isTrue();
        assertThat(ADAPTER.detect(Sources.of("bom.json", "{\"vulnerabilities\": [{\"id\": \"CVE-1\"}]}"))
                        .isMatch())
                .as("a bare list of ids under vulnerabilities is anyone's")
                .isFalse();
        assertThat(ADAPTER.detect(
                                Sources.of("vex.json", "{\"vulnerabilities\": [{\"id\": \"CVE-1\", \"affects\": []}]}"))
                        .isMatch())
                .isFalse();
    }

    @Test
    void refusesAJsonOrYamlDocumentGivenAsAPlainFile() {
        assertThatThrownBy(() -> ADAPTER.read(Sources.of(".trivyignore", "\n{\"Results\": []}\n")))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(".trivyignore:2:1 (/): not a .trivyignore: the text starts with \"{\"");
        assertThatThrownBy(() -> ADAPTER.read(Sources.of(".trivyignore", "CVE-1\nvulnerabilities:\n")))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(".trivyignore:2:1 (/): not a .trivyignore line: \"vulnerabilities:\" is YAML");
        assertThatThrownBy(
                        () -> ADAPTER.read(Sources.of("x.trivyignore.yaml", "{\"SchemaVersion\": 2, \"Results\": []}")))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("not a .trivyignore.yaml: it has \"Results\", which Trivy writes");
    }

    @Test
    void skipsALineWhoseExpiryIsNoDateAsTrivyDropsIt() {
        ScanReport report = ADAPTER.read(Sources.of(".trivyignore", "CVE-2024-0001 exp:2024-13-45\nCVE-2024-0002\n"));

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 0, 1, 0, 1));
        assertThat(report.problems().get(0).toString())
                .isEqualTo(".trivyignore:1:15 (/): the expiry \"exp:2024-13-45\" of CVE-2024-0001 is not a date"
                        + " (YYYY-MM-DD): Trivy drops the whole line, so the rule is skipped");
    }

    @Test
    void readsAYamlFileOfAnotherNameAsYamlWhenItsFirstLineIsAKey() {
        ScanReport report = ADAPTER.read(Sources.of("ignores", "vulnerabilities:\n  - id: CVE-2024-0001\n"));

        assertThat(report.format().name()).isEqualTo(TrivyIgnoreYaml.FORMAT);
        assertThat(report.ignoreRules()).hasSize(1);
    }

    @Test
    void endsEveryCutOfEitherFormatInARuleListOrALocatedError() {
        for (KitSample sample : setup().samples()) {
            Sources.cutsRefused(ADAPTER, sample.name(), sample.bytes());
        }
        byte[] flow = "{vulnerabilities: [{id: CVE-2024-0001, statement: \"x\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(Sources.cutsRefused(ADAPTER, "flow.trivyignore.yaml", flow))
                .as("every cut of a flow mapping leaves it open")
                .isEqualTo(flow.length - 1);
    }

    @Test
    void tellsVulnerabilityIdsFromChecksSecretRulesAndLicences() {
        assertThat(List.of(
                        "CVE-2024-1234",
                        "GHSA-cx63-2mw6-8hw5",
                        "GO-2022-0001",
                        "PYSEC-2021-1",
                        "RUSTSEC-2021-0001",
                        "RHSA-2023:1234",
                        "ALAS2-2023-2024",
                        "ELSA-2022-9221",
                        "SUSE-SU-2023:1234-1",
                        "openSUSE-SU-2023:0001-1",
                        "FEDORA-2023-a1b2c3",
                        "BIT-nginx-2023-1234",
                        "DSA-5000-1",
                        "DLA-3000-1",
                        "USN-6000-1",
                        "TEMP-0517018-A83CE6",
                        "CGA-2x3v-abcd-1234",
                        "MAL-2024-1"))
                .allSatisfy(id ->
                        assertThat(VulnerabilityIds.isVulnerability(id)).as(id).isTrue());
        assertThat(List.of(
                        "ID300",
                        "AVD-ID400",
                        "AVD-DS-0002",
                        "DS002",
                        "KSV-0001",
                        "generic-unwanted-rule",
                        "aws-access-key-id",
                        "GPL-3.0",
                        "MIT",
                        "Apache-2.0",
                        "GPL-2.0-or-later",
                        "W3C-20150513",
                        "Unicode-DFS-2016",
                        "hello"))
                .allSatisfy(id ->
                        assertThat(VulnerabilityIds.isVulnerability(id)).as(id).isFalse());
        assertThat(VulnerabilityIds.likelyKind("ID300")).hasValue("a misconfiguration check's id");
        assertThat(VulnerabilityIds.likelyKind("generic-unwanted-rule")).hasValue("a secret rule's id");
        assertThat(VulnerabilityIds.likelyKind("GPL-3.0")).hasValue("a licence");
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void refusesAnchorsAliasesTagsMergeKeysAndDuplicateKeysWhereTheyStand() {
        assertThatThrownBy(() -> readEntries("  - &a {id: CVE-2024-0001}\n  - *a\n"))
                .isInstanceOf(ReportParseException.class)
                .hasMessage("frame.trivyignore.yaml:2:5 (/vulnerabilities/0): YAML anchors (&a) are not allowed");
        assertThatThrownBy(() -> readEntries("  - id: !!str CVE-2024-0001\n"))
                .hasMessage(
                        "frame.trivyignore.yaml:2:9 (/vulnerabilities/0/id): YAML tags (tag:yaml.org,2002:str) are not allowed");
        assertThatThrownBy(() -> readEntries("  - {<<: {id: x}}\n"))
                .hasMessageContaining(
                        "frame.trivyignore.yaml:2:6 (/vulnerabilities/0/<<): YAML merge keys (<<) are not allowed");
        assertThatThrownBy(() -> readEntries("  - id: CVE-2024-0001\n    id: CVE-2024-0002\n"))
                .hasMessage(
                        "frame.trivyignore.yaml:3:5 (/vulnerabilities/0/id): duplicate key \"id\" (first at line 2, column 5)");
        assertThatThrownBy(() -> readDocument("vulnerabilities: []\n---\nvulnerabilities: []\n"))
                .hasMessageContaining("frame.trivyignore.yaml:2:1")
                .hasMessageContaining("a second document");
    }

    @Test
    void refusesADateThatIsNoDateAndAValueOfTheWrongKind() {
        assertThatThrownBy(() -> readEntries("  - id: CVE-2024-0001\n    expired_at: soon\n"))
                .hasMessage("frame.trivyignore.yaml:3:17 (/vulnerabilities/0/expired_at): malformed YAML value:"
                        + " expired_at \"soon\" is not a date (YYYY-MM-DD) or a date and time (RFC 3339)");
        assertThatThrownBy(() -> readEntries("  - id: [CVE-2024-0001]\n"))
                .hasMessage("frame.trivyignore.yaml:2:9 (/vulnerabilities/0/id): malformed YAML value: id must be a"
                        + " text, got a list");
        assertThatThrownBy(() -> readEntries("  - CVE-2024-0001\n"))
                .hasMessageStartingWith("frame.trivyignore.yaml:2:5 (/vulnerabilities/0): malformed YAML value:");
    }

    @Test
    void skipsAnEntryThatNamesNothingOrABadPatternAndRecordsUnknownKeys() {
        var report = readEntries("  - statement: everything\n  - id: CVE-2024-0001\n    paths: [\"a/[b\"]\n"
                + "  - id: CVE-2024-0002\n    reason: typo of statement\n");

        assertThat(report.counts().entries()).isEqualTo(3);
        assertThat(report.ignoreRules())
                .extracting(r -> r.vulnerability().orElseThrow())
                .containsExactly("CVE-2024-0002");
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.SKIPPED_ENTRY, 2L),
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.SKIPPED_ENTRY, 4L),
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.IGNORED_VALUE, 6L));
    }

    @Test
    void readsAnIdWithItsExpiryAndRecordsTheFieldsItDoesNotRead() {
        var report = ADAPTER.read(
                Sources.of(
                        "frame.trivyignore",
                        "# vulnerabilities\nCVE-2024-0001 exp:2030-01-01 exp:2031-01-01 owner:me # a comment exp:2032-01-01\n"));

        assertThat(report.ignoreRules()).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("frame.trivyignore:2");
            assertThat(rule.expires())
                    .hasValueSatisfying(e -> assertThat(e.toString()).isEqualTo("2030-01-01T00:00:00Z"));
        });
        assertThat(report.problems())
                .extracting(p -> p.message().substring(0, 24), p -> p.location().column())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a second expiry \"exp:203", 30L),
                        org.assertj.core.groups.Tuple.tuple("field \"owner:me\" of CVE-", 45L));
    }
}
