package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrivyReaderTest {

    private static ReportSource source(String json) {
        return ReportSource.of("trivy.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static ScanReport read(String json) {
        return TrivyReader.read(source(json));
    }

    /** A container image report around the given {@code Results} value, all on line 1. */
    private static String imageReport(String results) {
        return "{\"SchemaVersion\": 2, \"ArtifactName\": \"alpine:3.19\", \"ArtifactType\": \"container_image\", \"Results\": "
                + results + "}";
    }

    /** One os-pkgs result holding the given entries. */
    private static String oneResult(String... entries) {
        return "[{\"Target\": \"alpine:3.19 (alpine 3.19.1)\", \"Class\": \"os-pkgs\", \"Type\": \"alpine\", \"Vulnerabilities\": ["
                + String.join(", ", entries) + "]}]";
    }

    private static String entry(String id, String pkg, String extra) {
        return "{\"VulnerabilityID\": \"" + id + "\", \"PkgName\": \"" + pkg + "\", \"InstalledVersion\": \"1.0-r0\""
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @Test
    void readsTheNullDocumentAsAnEmptyLegacyReport() {
        ScanReport report = read("null\n");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-legacy-array", null));
        assertThat(report.findings()).isEmpty();
        assertThat(report.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
    }

    @Test
    void readsTheEmptyArrayAsAnEmptyLegacyReport() {
        ScanReport report = read("[]");

        assertThat(report.format().name()).isEqualTo("trivy-legacy-array");
        assertThat(report.counts().entries()).isZero();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsEmptyAndNullResultsAsNoFindings() {
        for (String json : List.of(imageReport("[]"), imageReport("null"))) {
            ScanReport report = read(json);
            assertThat(report.format()).as(json).isEqualTo(ReportFormat.of("trivy", "trivy-json", "2"));
            assertThat(report.counts().entries()).as(json).isZero();
            assertThat(report.image().ref()).as(json).hasValue(ImageRef.parse("alpine:3.19"));
            assertThat(report.problems()).as(json).isEmpty();
        }
    }

    @Test
    void readsAReportWithoutResultsAsNoFindingsAndSaysSoAsAProblem() {
        // Trivy omits an empty Results, but writes a result for every OS and package file it scanned:
        // a report without one shows no coverage, and is what removing Results from any report gives.
        ScanReport report = read(
                "{\"SchemaVersion\": 2, \"ArtifactName\": \"alpine:3.19\", \"ArtifactType\": \"container_image\"}");

        assertThat(report.counts().entries()).isZero();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(problem.location()).hasToString("trivy.json:1:1 (/)");
            assertThat(problem.message()).startsWith("no Results: Trivy writes a result for every OS and package file");
        });
    }

    @Test
    void saysThatAReportOfMisconfigurationsSecretsAndLicencesOnlyShowsNoVulnerabilityScan() {
        // trivy image --scanners misconfig,secret: results of those classes, none of the vulnerability
        // scanner's, which writes an os-pkgs or lang-pkgs result for everything it scanned.
        ScanReport others = read(imageReport("[{\"Target\": \"Dockerfile\", \"Class\": \"config\","
                + " \"Misconfigurations\": [{\"ID\": \"DS002\"}]},"
                + " {\"Target\": \"app/.env\", \"Class\": \"secret\", \"Secrets\": [{\"RuleID\": \"aws\"}]}]"));
        ScanReport clean = read(imageReport("[{\"Target\": \"alpine 3.19\", \"Class\": \"os-pkgs\"},"
                + " {\"Target\": \"Dockerfile\", \"Class\": \"config\"}]"));
        ScanReport unclassed = read(imageReport("[{\"Target\": \"alpine 3.19\"}]"));

        assertThat(others.counts().entries()).isZero();
        assertThat(others.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(problem.message())
                    .startsWith("no result of Trivy's vulnerability scanner (Class os-pkgs or lang-pkgs)");
        });
        assertThat(clean.problems()).isEmpty();
        assertThat(unclassed.problems()).isEmpty();
    }

    @Test
    void reportsResultsAndVulnerabilitiesSpelledInAnotherCaseInsteadOfReadingThemAsNothingFound() {
        ScanReport misspelledResults = read("{\"SchemaVersion\": 2, \"ArtifactName\": \"a:1\", \"results\": [\n"
                + "{\"Target\": \"a\", \"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"p\"}]}]}");
        ScanReport misspelledVulnerabilities = read(imageReport("[{\"Target\": \"a\", \"Class\": \"os-pkgs\",\n"
                + " \"vulnerabilities\": [{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"p\"}]}]"));

        assertThat(misspelledResults.findings()).isEmpty();
        assertThat(misspelledResults.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(tuple(Problem.Kind.IGNORED_VALUE, "/results"), tuple(Problem.Kind.MISSING_VALUE, ""));
        assertThat(misspelledResults.problems().get(0).message())
                .startsWith("\"results\" is not \"Results\", the key this format has here");
        assertThat(misspelledVulnerabilities.findings()).isEmpty();
        assertThat(misspelledVulnerabilities.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(problem.location().path()).isEqualTo("/Results/0/vulnerabilities");
            assertThat(problem.location().line()).isEqualTo(2);
        });
    }

    @Test
    void reportsAnotherFormatsEntriesBesideTrivysAndAKeyOfAnEntrySpelledInAnotherCase() {
        ScanReport report = read(imageReport("[{\"Target\": \"a\", \"Class\": \"os-pkgs\", \"Vulnerabilities\": [\n"
                        + "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"p\", \"fixedVersion\": \"1.2\"}]}]")
                .replace(
                        "{\"SchemaVersion\"",
                        "{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-2\"}}], \"SchemaVersion\""));

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.fix().versions()).isEmpty());
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.IGNORED_VALUE, "/matches"),
                        tuple(Problem.Kind.IGNORED_VALUE, "/Results/0/Vulnerabilities/0/fixedVersion"));
        assertThat(report.problems().get(0).message()).contains("where Grype (matches) keeps its entries");
    }

    @Test
    void reportsALegacyResultWithoutVulnerabilitiesAndAResultWithoutTarget() {
        ScanReport legacy = read("[{\"Target\": \"a\", \"Vulnerabilities\": null}, {\"Target\": \"b\"},\n"
                + " {\"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"p\"}]}]");
        ScanReport schema2 = read(imageReport("[{\"Target\": \"a\", \"Class\": \"os-pkgs\", \"Type\": \"alpine\"}]"));

        assertThat(legacy.findings()).hasSize(1);
        assertThat(legacy.problems())
                .extracting(
                        Problem::kind,
                        p -> p.location().path(),
                        p -> p.message().substring(0, 30))
                .containsExactly(
                        tuple(Problem.Kind.MISSING_VALUE, "/1", "a result without Vulnerabiliti"),
                        tuple(Problem.Kind.MISSING_VALUE, "/2", "a result without Target, which"));
        assertThat(schema2.problems())
                .as("SchemaVersion 2 omits an empty Vulnerabilities")
                .isEmpty();
    }

    @Test
    void treatsNullAbsentAndEmptyVulnerabilitiesAsNoEntries() {
        ScanReport report = read(imageReport("""
                [{"Target": "a", "Class": "os-pkgs", "Type": "alpine", "Vulnerabilities": null},
                 {"Target": "b", "Class": "os-pkgs", "Type": "alpine"},
                 {"Target": "c", "Class": "lang-pkgs", "Type": "npm", "Vulnerabilities": []}]"""));

        assertThat(report.counts().entries()).isZero();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsNoEntriesFromConfigSecretLicenseAndCustomResults() {
        ScanReport report = read(imageReport("""
                [{"Target": "Dockerfile", "Class": "config", "Type": "dockerfile",
                  "Misconfigurations": [{"ID": "DS002", "Severity": "HIGH", "Status": "FAIL"}]},
                 {"Target": "app/.env", "Class": "secret", "Secrets": [{"RuleID": "github-pat", "Severity": "CRITICAL"}]},
                 {"Target": "OS Packages", "Class": "license", "Licenses": [{"Name": "GPL-3.0", "Severity": "HIGH"}]},
                 {"Target": "", "Class": "custom", "CustomResources": [{"Type": "spring4shell/java-major-version", "Data": "11"}]}]"""));

        assertThat(report.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
        // No entries, and, with no result of the vulnerability scanner beside them, no vulnerability scan.
        assertThat(report.problems()).extracting(Problem::kind).containsExactly(Problem.Kind.MISSING_VALUE);
    }

    @Test
    void mapsEveryTrivyStatusToAFixState() {
        List<String> statuses = List.of(
                "unknown",
                "not_affected",
                "affected",
                "fixed",
                "under_investigation",
                "will_not_fix",
                "fix_deferred",
                "end_of_life");
        String[] entries = statuses.stream()
                .map(status -> entry("CVE-2024-0001", "pkg-" + status, "\"Status\": \"" + status + "\""))
                .toArray(String[]::new);

        ScanReport report = read(imageReport(oneResult(entries)));

        assertThat(report.findings())
                .extracting(f -> f.fix().state())
                .containsExactly(
                        FixState.UNKNOWN,
                        FixState.NOT_AFFECTED,
                        FixState.NOT_FIXED,
                        FixState.FIXED,
                        FixState.UNDER_INVESTIGATION,
                        FixState.WONT_FIX,
                        FixState.WONT_FIX,
                        FixState.END_OF_LIFE);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void keepsTheFixedVersionsWhateverTheStatusSays() {
        ScanReport report = read(imageReport(oneResult(
                entry("CVE-2024-0001", "musl", "\"FixedVersion\": \"1.2.4-r3, 1.2.5-r1\", \"Status\": \"fixed\""),
                entry("CVE-2024-0002", "musl", "\"FixedVersion\": \" 1.2.4-r3 ,, \", \"Status\": \"end_of_life\""))));

        assertThat(report.findings())
                .extracting(f -> f.fix().state(), f -> f.fix().versions())
                .containsExactly(
                        tuple(FixState.FIXED, List.of("1.2.4-r3", "1.2.5-r1")),
                        tuple(FixState.END_OF_LIFE, List.of("1.2.4-r3")));
    }

    @Test
    void readsAnUnknownStatusAsUnknownAndRecordsIt() {
        ScanReport report = read(imageReport(oneResult(entry("CVE-2024-0001", "musl", "\"Status\": \"patched\""))));

        assertThat(report.findings())
                .singleElement()
                .extracting(f -> f.fix().state())
                .isEqualTo(FixState.UNKNOWN);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.COERCED_VALUE);
            assertThat(problem.message()).isEqualTo("unknown Status \"patched\", read as UNKNOWN");
            assertThat(problem.location().path()).isEqualTo("/Results/0/Vulnerabilities/0/Status");
        });
    }

    @Test
    void readsAnUnknownSeverityAsUnknownAndRecordsItsLocation() {
        ScanReport report = read("""
                {"SchemaVersion": 2,
                 "Results": [{"Target": "t", "Vulnerabilities": [
                   {"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl", "Severity": "SEVERE"}]}]}""");

        assertThat(report.findings())
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.UNKNOWN);
        assertThat(report.problems())
                .singleElement()
                .hasToString(
                        "trivy.json:3:4 (/Results/0/Vulnerabilities/0/Severity): unknown severity \"SEVERE\", read as UNKNOWN");
    }

    @Test
    void leavesOutRatingsOutsideTheirScalesAndRecordsThem() {
        ScanReport report = read(imageReport(oneResult(entry("CVE-2024-0001", "musl", """
                "VendorSeverity": {"nvd": 7, "alpine": 2},
                "CVSS": {"nvd": {"V3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "V3Score": 11.5}}"""))));

        assertThat(report.findings().get(0).vulnerability().ratings())
                .containsExactly(
                        Rating.of("nvd", null, null, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                        Rating.of("alpine", Severity.MEDIUM, null, null));
        assertThat(report.problems())
                .extracting(p -> p.location().path(), Problem::message)
                .containsExactly(
                        tuple(
                                "/Results/0/Vulnerabilities/0/VendorSeverity/nvd",
                                "VendorSeverity 7 of nvd is not one of 0..4, left out"),
                        tuple(
                                "/Results/0/Vulnerabilities/0/CVSS/nvd/V3Score",
                                "CVSS score 11.5 lies outside 0..10, left out"));
    }

    @Test
    void leavesOutUnreadableDatesAndRecordsThem() {
        ScanReport report = read(imageReport(oneResult(entry(
                "CVE-2024-0001",
                "musl",
                "\"PublishedDate\": \"soon\", \"LastModifiedDate\": \"2024-02-30T00:00:00Z\""))));

        assertThat(report.findings().get(0).vulnerability().published()).isEmpty();
        assertThat(report.findings().get(0).vulnerability().modified()).isEmpty();
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactly(
                        "/Results/0/Vulnerabilities/0/PublishedDate", "/Results/0/Vulnerabilities/0/LastModifiedDate");
    }

    @Test
    void skipsEntriesWithoutIdOrPackageAndNullEntriesAsProblems() {
        ScanReport report = read(imageReport(oneResult(
                "null",
                "{\"PkgName\": \"musl\"}",
                "{\"VulnerabilityID\": \"CVE-2024-0001\", \"PkgName\": \" \"}",
                entry("CVE-2024-0002", "musl", ""))));

        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsExactly("CVE-2024-0002");
        assertThat(report.counts()).isEqualTo(new ReportCounts(4, 1, 0, 3));
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path(), Problem::message)
                .containsExactly(
                        tuple(
                                Problem.Kind.SKIPPED_ENTRY,
                                "/Results/0/Vulnerabilities/0",
                                "vulnerability entry is null"),
                        tuple(
                                Problem.Kind.SKIPPED_ENTRY,
                                "/Results/0/Vulnerabilities/1",
                                "vulnerability entry without a VulnerabilityID (package musl)"),
                        tuple(
                                Problem.Kind.SKIPPED_ENTRY,
                                "/Results/0/Vulnerabilities/2",
                                "CVE-2024-0001: vulnerability entry without a PkgName"));
    }

    @Test
    void collapsesExactDuplicateEntriesAndCountsThem() {
        String entry = entry("CVE-2024-0001", "musl", "\"Severity\": \"HIGH\"");

        ScanReport report = read(imageReport(oneResult(entry, entry)));

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 1, 1, 0));
    }

    @Test
    void streamsExactDuplicatesAsOftenAsTheReportListsThem() {
        String entry = entry("CVE-2024-0001", "musl", "\"Severity\": \"HIGH\"");
        List<Finding> streamed = new ArrayList<>();

        ReportSummary summary = TrivyReader.stream(source(imageReport(oneResult(entry, entry))), streamed::add);

        assertThat(streamed)
                .hasSize(2)
                .containsOnly(read(imageReport(oneResult(entry))).findings().get(0));
        assertThat(summary.counts()).isEqualTo(new ReportCounts(2, 2, 0, 0));
    }

    @Test
    void streamsEntriesThatComeBeforeTheirTargetWithThatTarget() {
        List<Finding> streamed = new ArrayList<>();

        ReportSummary summary = TrivyReader.stream(source("""
                {"Results": [{"Vulnerabilities": [{"PkgName": "musl", "VulnerabilityID": "CVE-2024-0001"}],
                              "Type": "alpine", "Target": "alpine:3.19 (alpine 3.19.1)"}],
                 "Trivy": {"Version": "0.50.0"}, "ArtifactType": "container_image", "ArtifactName": "alpine:3.19",
                 "SchemaVersion": 2}"""), streamed::add);

        assertThat(streamed).singleElement().satisfies(finding -> {
            assertThat(finding.target()).isEqualTo("alpine:3.19 (alpine 3.19.1)");
            assertThat(finding.pkg().type()).hasValue("alpine");
        });
        assertThat(summary.format()).isEqualTo(ReportFormat.of("trivy", "trivy-json", "2"));
        assertThat(summary.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.50.0"));
    }

    @Test
    void streamsEachResultsFindingsBeforeTheNextResultIsRead() {
        String good = "{\"Target\": \"one\", \"Type\": \"alpine\", \"Vulnerabilities\": ["
                + entry("CVE-2024-0001", "musl", "") + "]}";
        String bad = "{\"Target\": \"two\", \"Type\": \"alpine\", \"Vulnerabilities\": ["
                + entry("CVE-2024-0002", "musl", "\"Severity\": {\"level\": 3}") + "]}";
        List<Finding> streamed = new ArrayList<>();

        assertThatThrownBy(() -> TrivyReader.stream(source(imageReport("[" + good + ", " + bad + "]")), streamed::add))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/Results/1/Vulnerabilities/0/Severity)");
        assertThat(streamed).extracting(f -> f.vulnerability().id()).containsExactly("CVE-2024-0001");
    }

    @Test
    void readsFieldsInAnyOrder() {
        ScanReport report = read("""
                {"Results": [{"Vulnerabilities": [{"PkgName": "musl", "VulnerabilityID": "CVE-2024-0001"}],
                              "Type": "alpine", "Target": "alpine:3.19 (alpine 3.19.1)"}],
                 "Trivy": {"Version": "0.50.0"}, "ArtifactType": "container_image", "ArtifactName": "alpine:3.19",
                 "SchemaVersion": 2}""");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-json", "2"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.50.0"));
        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.target()).isEqualTo("alpine:3.19 (alpine 3.19.1)");
            assertThat(finding.pkg().type()).hasValue("alpine");
        });
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsAnObjectWithoutSchemaVersionAsSchema2AndSaysSo() {
        ScanReport report = read("{\"ArtifactName\": \".\", \"ArtifactType\": \"filesystem\", \"Results\": []}");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-json", null));
        assertThat(report.artifact()).isEqualTo(new Artifact(".", Artifact.Type.FILESYSTEM));
        assertThat(report.problems())
                .singleElement()
                .hasToString("trivy.json:1:1 (/): no SchemaVersion: read as SchemaVersion 2");
    }

    @Test
    void treatsPlaceholderImageCreationDatesAsUnknown() {
        for (String created : List.of("1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z")) {
            ScanReport report =
                    read("{\"SchemaVersion\": 2, \"ArtifactName\": \"app:1\", \"ArtifactType\": \"container_image\","
                            + " \"Metadata\": {\"ImageConfig\": {\"architecture\": \"\", \"created\": \"" + created
                            + "\", \"os\": \"\"}}, \"Results\": []}");

            assertThat(report.image().createdAt()).as(created).isEmpty();
            assertThat(report.image().platform()).as(created).isEmpty();
            assertThat(report.problems()).as(created).isEmpty();
        }
    }

    @Test
    void recordsAnUnreadableImageCreationDate() {
        ScanReport report = read(
                "{\"SchemaVersion\": 2, \"ArtifactName\": \"app:1\", \"ArtifactType\": \"container_image\","
                        + " \"Metadata\": {\"ImageConfig\": {\"created\": \"”2021-10-12T21:09:21Z”\"}}, \"Results\": []}");

        assertThat(report.image().createdAt()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.COERCED_VALUE);
            assertThat(problem.location().path()).isEqualTo("/Metadata/ImageConfig/created");
        });
    }

    @Test
    void takesTheImageIdAsConfigDigestAndTheFirstRepoDigestAsManifestDigest() {
        String imageId = "sha256:" + "a".repeat(64);
        String manifest = "sha256:" + "b".repeat(64);
        String header =
                "{\"SchemaVersion\": 2, \"ArtifactName\": \"app:1\", \"ArtifactType\": \"container_image\", \"Metadata\": ";

        Image pulled = read(header + "{\"ImageID\": \"" + imageId + "\", \"RepoDigests\": [\"registry.example.com/app@"
                        + manifest + "\", \"app@" + manifest + "\"]}}")
                .image();
        Image local = read(header + "{\"ImageID\": \"" + imageId
                        + "\", \"RepoTags\": [\"\"], \"RepoDigests\": [\"\"]}}")
                .image();

        assertThat(pulled.configDigest()).hasValue(imageId);
        assertThat(pulled.manifestDigest()).hasValue(manifest);
        assertThat(pulled.repoDigests()).hasSize(2);
        assertThat(local.configDigest()).hasValue(imageId);
        assertThat(local.manifestDigest()).isEmpty();
        assertThat(local.repoDigests()).isEmpty();
    }

    @Test
    void takesTheReferenceFromTheTagsWhenTheArtifactIsAnArchive() {
        String archive =
                "{\"SchemaVersion\": 2, \"ArtifactName\": \"images/app.tar.gz\", \"ArtifactType\": \"container_image\"";

        assertThat(read(archive + ", \"Metadata\": {\"RepoTags\": [\"\", \"ghcr.io/org/app:1.0\"]}}")
                        .image()
                        .ref())
                .hasValue(ImageRef.parse("ghcr.io/org/app:1.0"));
        assertThat(read(archive + "}").image().ref()).isEmpty();
        assertThat(read(archive
                                + ", \"Metadata\": {\"Reference\": \"ghcr.io/org/app:1.1\", \"RepoTags\": [\"app:1.0\"]}}")
                        .image()
                        .ref())
                .hasValue(ImageRef.parse("ghcr.io/org/app:1.1"));
    }

    @Test
    void describesNoImageForAFilesystemScan() {
        ScanReport report =
                read("{\"SchemaVersion\": 2, \"ArtifactName\": \"lib/catalina.jar\", \"ArtifactType\": \"filesystem\","
                        + " \"Metadata\": {\"OS\": {\"Family\": \"debian\", \"Name\": \"12\"}}}");

        assertThat(report.artifact()).isEqualTo(new Artifact("lib/catalina.jar", Artifact.Type.FILESYSTEM));
        assertThat(report.image()).isEqualTo(Image.unknown());
    }

    @Test
    void readsCreatedAtWithNanosecondsAndOffsets() {
        assertThat(read("{\"SchemaVersion\": 2, \"CreatedAt\": \"2021-08-25T12:20:30.000000005Z\"}")
                        .scannedAt())
                .hasValue(Instant.parse("2021-08-25T12:20:30.000000005Z"));
        assertThat(read("{\"SchemaVersion\": 2, \"CreatedAt\": \"2024-01-15T08:58:29.82753744-05:00\"}")
                        .scannedAt())
                .hasValue(Instant.parse("2024-01-15T13:58:29.82753744Z"));
    }

    @Test
    void recordsAnUnreadableCreatedAtWithItsLocation() {
        ScanReport report = read("{\"SchemaVersion\": 2,\n \"CreatedAt\": \"yesterday\", \"Results\": []}");

        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.problems())
                .singleElement()
                .hasToString("trivy.json:2:15 (/CreatedAt): CreatedAt \"yesterday\" is not a timestamp, left out");
    }

    @Test
    void readsTheVulnerabilitiesFormOfTrivyK8sWithTheWorkloadInEachTarget() {
        ScanReport report = read("""
                {"ClusterName": "prod",
                 "Vulnerabilities": [
                  {"Namespace": "default", "Kind": "Deployment", "Name": "redis-leader",
                   "Results": [{"Target": "docker.io/redis:6.0.5 (debian 10.4)", "Class": "os-pkgs", "Type": "debian",
                                "Vulnerabilities": [{"VulnerabilityID": "CVE-2020-27350", "PkgName": "apt", "FixedVersion": "1.8.2.2"}]}]},
                  {"Kind": "Node", "Name": "kind-worker",
                   "Results": [{"Target": "node (debian 12.1)", "Class": "os-pkgs", "Type": "debian",
                                "Vulnerabilities": [{"VulnerabilityID": "CVE-2020-27350", "PkgName": "apt", "FixedVersion": "1.8.2.2"}]}]}],
                 "Misconfigurations": [
                  {"Namespace": "default", "Kind": "Deployment", "Name": "redis-leader",
                   "Results": [{"Target": "Deployment/redis-leader", "Class": "config", "Type": "kubernetes",
                                "Misconfigurations": [{"ID": "KSV001", "Severity": "MEDIUM"}]}]}]}""");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-k8s", null));
        assertThat(report.artifact()).isEqualTo(new Artifact("prod", Artifact.Type.CLUSTER));
        assertThat(report.findings())
                .extracting(Finding::target)
                .containsExactly(
                        "default/Deployment/redis-leader: docker.io/redis:6.0.5 (debian 10.4)",
                        "Node/kind-worker: node (debian 12.1)");
        assertThat(report.counts().entries()).isEqualTo(2);
    }

    @Test
    void readsTheFindingsFormOfATrivyK8sSummary() {
        ScanReport report = read("""
                {"ClusterName": "prod", "Findings": [{"Namespace": "web", "Kind": "Pod", "Name": "shop-0",
                  "Results": [{"Target": "shop:2 (alpine 3.19.1)", "Type": "alpine",
                               "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl"}]}]}]}""");

        assertThat(report.format().name()).isEqualTo("trivy-k8s");
        assertThat(report.findings())
                .extracting(Finding::target)
                .containsExactly("web/Pod/shop-0: shop:2 (alpine 3.19.1)");
    }

    @Test
    void rejectsAnUnknownSchemaVersionAtItsLocation() {
        for (String version : List.of("1", "3")) {
            assertThatThrownBy(() -> read("{\n  \"SchemaVersion\": " + version + ",\n  \"Results\": []\n}"))
                    .isInstanceOf(UnsupportedReportException.class)
                    .hasMessage("trivy.json:2:20 (/SchemaVersion): Trivy SchemaVersion " + version
                            + " is not supported: this"
                            + " adapter reads SchemaVersion 2 (Trivy v0.20 and later) and the legacy top-level array");
        }
    }

    @Test
    void rejectsASchemaVersionThatIsNoInteger() {
        assertThatThrownBy(() -> read("{\"SchemaVersion\": \"2\"}"))
                .isInstanceOf(ReportParseException.class)
                .isNotInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "trivy.json:1:19 (/SchemaVersion): expected SchemaVersion to be an integer, found a string");
    }

    @Test
    void rejectsJsonThatIsNoTrivyReport() {
        assertThatThrownBy(() -> read("\n  {\"name\": \"not a report\", \"values\": [1, 2]}"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "trivy.json:2:3 (/): not a Trivy report: an object without SchemaVersion, ArtifactName, Results"
                                + " or ClusterName");
        assertThatThrownBy(() -> read("42"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "trivy.json:1:1 (/): not a Trivy report: the document is a number, not an object or an array");
    }

    @Test
    void failsOnATruncatedReportWithItsLocation() {
        String whole = imageReport(oneResult(entry("CVE-2024-0001", "musl", "\"Severity\": \"HIGH\"")));
        String cut = whole.substring(0, whole.indexOf("\"HIGH\"") + 3);

        assertThatThrownBy(() -> read(cut))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.json:1:" + (cut.length() + 1)
                        + " (/Results/0/Vulnerabilities/0/Severity): truncated document");
    }

    @Test
    void failsOnVulnerabilitiesThatAreAnObject() {
        assertThatThrownBy(() -> read("""
                {"SchemaVersion": 2,
                 "Results": [{"Target": "t", "Vulnerabilities": {}}]}"""))
                .isInstanceOf(ReportParseException.class)
                .hasMessage(
                        "trivy.json:2:49 (/Results/0/Vulnerabilities): expected the Vulnerabilities array (an array),"
                                + " found an object");
    }

    @Test
    void failsOnASeverityThatIsAnObject() {
        assertThatThrownBy(() -> read("""
                {"SchemaVersion": 2,
                 "Results": [{"Target": "t", "Vulnerabilities": [
                   {"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl", "Severity": {}}]}]}"""))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "trivy.json:3:72 (/Results/0/Vulnerabilities/0/Severity): unexpected value: Cannot deserialize value of type");
    }

    @Test
    void failsOnResultsAndEntriesOfTheWrongType() {
        assertThatThrownBy(() -> read("{\"SchemaVersion\": 2, \"Results\": \"none\"}"))
                .hasMessage("trivy.json:1:33 (/Results): expected the Results array (an array), found a string");
        assertThatThrownBy(() -> read("[{\"Target\": \"t\", \"Vulnerabilities\": null}, 7]"))
                .hasMessage("trivy.json:1:44 (/1): expected a result object (an object), found a number");
        assertThatThrownBy(() -> read(imageReport(oneResult("\"CVE-2024-0001\""))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/Results/0/Vulnerabilities/0): unexpected value");
        assertThatThrownBy(() -> read("{\"ClusterName\": \"prod\", \"Resources\": {}}"))
                .hasMessage(
                        "trivy.json:1:38 (/Resources): expected the array of workloads (an array), found an object");
    }

    @Test
    void failsOnDeepNestingInsideAnEntryWithTheLimitAndItsLocation() {
        String deep = "[".repeat(300) + "]".repeat(300);

        assertThatThrownBy(
                        () -> read(imageReport(oneResult(entry("CVE-2024-0001", "musl", "\"References\": " + deep)))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageMatching(
                        "trivy\\.json:1:\\d+ \\(/Results/0/Vulnerabilities/0/References(/0)+\\): limit exceeded: .*");
    }

    @Test
    void failsOnAValueThatShouldBeTextButIsDeeplyNested() {
        String deep = "[".repeat(300) + "]".repeat(300);

        assertThatThrownBy(() -> read(imageReport(oneResult(entry("CVE-2024-0001", "musl", "\"Title\": " + deep)))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageMatching(
                        "trivy\\.json:1:\\d+ \\(/Results/0/Vulnerabilities/0/Title\\): unexpected value: Cannot deserialize .*");
    }

    @Test
    void failsOnNestingDeeperThanTheLimitWithItsLocation() {
        ReportSource shallow = source(imageReport(oneResult(entry("CVE-2024-0001", "musl", ""))))
                .withLimits(ReadLimits.DEFAULT.withMaxDepth(3));

        assertThatThrownBy(() -> TrivyReader.read(shallow))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "trivy.json:1:200 (/Results/0/Vulnerabilities): limit exceeded: Document nesting depth (4)");
    }

    @Test
    void enforcesTheEntryLimit() {
        String json = imageReport(oneResult(entry("CVE-1", "a", ""), entry("CVE-2", "b", ""), entry("CVE-3", "c", "")));
        ReportSource limited = source(json).withLimits(ReadLimits.DEFAULT.withMaxEntries(2));

        assertThatThrownBy(() -> TrivyReader.read(limited))
                .isInstanceOf(ReportParseException.class)
                .hasMessageMatching(
                        "trivy\\.json:1:\\d+ \\(/Results/0/Vulnerabilities/2\\): limit exceeded: more than 2"
                                + " vulnerability entries \\(ReadLimits\\.maxEntries\\)");
    }

    @Test
    void failsOnTrailingContentAndMalformedJson() {
        assertThatThrownBy(() -> read("{\"SchemaVersion\": 2}\n{}"))
                .hasMessage("trivy.json:2:1 (/): trailing content after the JSON document: START_OBJECT");
        assertThatThrownBy(() -> read("{\"SchemaVersion\": 2,,}"))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.json:1:21 (/SchemaVersion): malformed JSON");
    }
}
