package dev.shelflife.grype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.FixState;
import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for Grype's JSON, in the shape of Grype 0.7 and of the DB v6 era, and the
 * rows that depend on Grype's fields. Rows that {@link GrypeScannerAdapterTest} already holds
 * (a missing or wrongly typed {@code matches}, a wrongly typed severity or target, an unreadable
 * image config, out-of-range scores) are not repeated; docs/guarantees.md lists where each row lives.
 */
class GrypeBadInputMatrixTest extends BadInputMatrix {

    GrypeBadInputMatrixTest() {
        // The rows below write matches one per line from line 2.
        super(new GrypeScannerAdapter(), EntryFrame.of("grype.json", "{\"matches\": [\n", "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json("modern.json", """
                        {"matches": [
                          {$ENTRY$"vulnerability": {"id": "CVE-2024-0001", "namespace": "alpine:distro:alpine:3.19",
                                            "severity": "High", "fix": {"versions": ["1.2.4-r3"], "state": "fixed"},
                                            "cvss": [{"version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                                                      "metrics": {"baseScore": 9.8}}],
                                            "epss": [{"cve": "CVE-2024-0001", "epss": 0.02, "percentile": 0.8, "date": "2025-01-01"}]},
                           "relatedVulnerabilities": [{"id": "CVE-2024-0001", "namespace": "nvd:cpe", "severity": "Critical"}],
                           "artifact": {"name": "musl$TEXT$", "version": "1.2.4-r2", "type": "apk",
                                        "purl": "pkg:apk/alpine/musl@1.2.4-r2", "locations": [{"path": "/lib/apk/db/installed"}]}},
                          {"vulnerability": {"id": "CVE-2024-0002", "severity": "Low", "fix": {"versions": [], "state": "not-fixed"}},
                           "artifact": {"name": "busybox", "version": "1.36.1-r15", "type": "apk"}}],
                         $TOP$"source": {"type": "image", "target": {"userInput": "alpine:3.19", "tags": ["alpine:3.19"]}},
                         "distro": {"name": "alpine", "version": "3.19.1"},
                         "descriptor": {"name": "grype", "version": "0.88.0", "timestamp": "2025-01-02T03:04:05Z",
                                        "db": {"status": {"built": "2025-01-01T00:00:00Z"}}}}
                        """, 2, "", "/matches/0", "/matches/0/artifact/name"),
                MatrixTemplate.json("grype-0.7.json", """
                        {"matches": [
                          {$ENTRY$"vulnerability": {"id": "CVE-2020-36221", "severity": "Negligible", "fixedInVersion": "2.4.47",
                                            "links": ["https://security-tracker.debian.org/tracker/CVE-2020-36221"],
                                            "cvssV3": {"baseScore": 7.5, "vector": "AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}},
                           "artifact": {"name": "libldap$TEXT$", "version": "2.4.47", "type": "deb"}},
                          {"vulnerability": {"id": "CVE-2011-3389", "severity": "Medium"},
                           "artifact": {"name": "libgnutls30", "version": "3.6.7", "type": "deb"}}],
                         "source": {$TOP$"type": "image", "target": {"userInput": "debian:10"}}}
                        """, 2, "/source", "/matches/0", "/matches/0/artifact/name"));
    }

    @Override
    protected Optional<String> entryOfNumbersWhereTextBelongs() {
        return Optional.of("""
                {"vulnerability": {"id": "CVE-1", "severity": 3, "cvss": [{"vector": "AV:N", "metrics": {"baseScore": "7.5"}}],
                  "fix": {"versions": [], "state": "unknown"}}, "artifact": {"name": 42, "version": 1.5}}
                """);
    }

    @Test
    void readsNullAndEmptyMatchesAsNoFindings() {
        for (String json :
                List.of("{\"matches\": null}", "{\"matches\": []}", "{\"matches\": [], \"ignoredMatches\": null}")) {
            ScanReport report = readDocument(json);
            assertThat(report.counts()).as(json).isEqualTo(new ReportCounts(0, 0, 0, 0));
            assertThat(report.problems()).as(json).isEmpty();
            assertThat(report.artifact()).isEqualTo(Artifact.unknown());
        }
    }

    @Test
    void skipsAMatchWhoseVulnerabilityOrPackageIsNullEmptyOrBlankAndCountsIt() {
        ScanReport report = readEntries("""
                {"vulnerability": null, "artifact": {"name": "a"}},
                {"vulnerability": {"id": ""}, "artifact": {"name": "b"}},
                {"vulnerability": {"id": "CVE-3"}, "artifact": null},
                {"vulnerability": {"id": "CVE-4"}, "artifact": {"name": " "}},
                {"vulnerability": {"id": "CVE-5"}, "artifact": {}},
                {"vulnerability": {"id": "CVE-6", "severity": "Low"}, "artifact": {"name": "f"}}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(6, 1, 0, 5));
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactly("/matches/0", "/matches/1", "/matches/2", "/matches/3", "/matches/4");
    }

    @Test
    void reportsAMatchOfTodaysShapeWithoutItsFixButNotA07MatchWithoutFixedInVersion() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "namespace": "nvd:cpe", "severity": "High"}, "artifact": {"name": "a"}},
                {"vulnerability": {"id": "CVE-2", "namespace": "nvd:cpe", "severity": "High", "Fix": {"versions": ["2"], "state": "fixed"}}, "artifact": {"name": "b"}},
                {"vulnerability": {"id": "CVE-3", "severity": "High", "links": [], "cvssV2": null}, "artifact": {"name": "c"}}
                """);

        assertThat(report.findings()).extracting(f -> f.fix().state()).containsOnly(FixState.UNKNOWN);
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.MISSING_VALUE, "/matches/0/vulnerability"),
                        tuple(Problem.Kind.MISSING_VALUE, "/matches/1/vulnerability"),
                        tuple(Problem.Kind.IGNORED_VALUE, "/matches/1/vulnerability/Fix"));
        assertThat(report.problems().get(0).message()).startsWith("CVE-1: no fix, which Grype writes in every match");
    }

    @Test
    void readsANullAbsentOrEmptyFixAsUnknownAndAnEmptyStateFromItsVersions() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "severity": "Low", "fix": null}, "artifact": {"name": "a"}},
                {"vulnerability": {"id": "CVE-2", "severity": "Low"}, "artifact": {"name": "b"}},
                {"vulnerability": {"id": "CVE-3", "severity": "Low", "fix": {"versions": null, "state": ""}}, "artifact": {"name": "c"}},
                {"vulnerability": {"id": "CVE-4", "severity": "Low", "fix": {"versions": ["", "2.0"], "state": ""}}, "artifact": {"name": "d"}}
                """);

        assertThat(report.findings())
                .extracting(f -> f.fix().state())
                .containsExactly(FixState.UNKNOWN, FixState.UNKNOWN, FixState.UNKNOWN, FixState.FIXED);
        assertThat(report.findings().get(3).fix().versions()).containsExactly("2.0");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void endsAnObjectWhereAListBelongsAndTextWhereANumberBelongsInALocatedException() {
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"vulnerability\": {\"id\": \"CVE-1\", \"cvss\": {\"vector\": \"AV:N\"}}, \"artifact\": {\"name\": \"a\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("grype.json:2:")
                .hasMessageContaining("(/matches/0/vulnerability/cvss): unexpected value:");
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"vulnerability\": {\"id\": \"CVE-1\", \"fix\": {\"versions\": \"1.0\"}}, \"artifact\": {\"name\": \"a\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/matches/0/vulnerability/fix/versions): unexpected value:");
        assertThatThrownBy(() -> readEntries(
                        "{\"vulnerability\": {\"id\": \"CVE-1\", \"cvss\": [{\"metrics\": {\"baseScore\": \"high\"}}]},"
                                + " \"artifact\": {\"name\": \"a\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/matches/0/vulnerability/cvss/0/metrics/baseScore): unexpected value:");
    }

    @Test
    void dropsAnInfiniteOr30DigitScoreAndRecordsIt() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "severity": "Low", "cvss": [{"vector": "AV:N", "metrics": {"baseScore": 1e999}},
                  {"vector": "AV:L", "metrics": {"baseScore": 123456789012345678901234567890}}], "fix": null}, "artifact": {"name": "a"}}
                """);

        assertThat(report.findings().get(0).vulnerability().ratings())
                .allSatisfy(r -> assertThat(r.score()).isEmpty());
        assertThat(report.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "CVSS base score Infinity outside 0..10: dropped",
                        "CVSS base score 1.2345678901234568E29 outside 0..10: dropped");
    }

    @Test
    void keepsEverySiblingOfUnknownEnumeratedValues() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "severity": "Severe", "fix": {"versions": ["1.1"], "state": "patched"},
                                   "cwes": [{"cve": "CVE-1", "cwe": "CWE-79"}]},
                 "relatedVulnerabilities": [{"id": "GHSA-1", "severity": "Dire"}],
                 "artifact": {"name": "a", "version": "1.0", "type": "future-ecosystem"}},
                {"vulnerability": {"id": "CVE-2", "severity": "Low"}, "artifact": {"name": "b"}}
                """);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0)).satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(finding.fix().state()).isEqualTo(FixState.FIXED);
            assertThat(finding.fix().versions()).containsExactly("1.1");
            assertThat(finding.pkg().type()).hasValue("future-ecosystem");
            assertThat(finding.vulnerability().aliases()).containsExactly("GHSA-1");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-79");
        });
        assertThat(report.findings().get(1).severity()).isEqualTo(Severity.LOW);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder(
                        "/matches/0/vulnerability/severity",
                        "/matches/0/vulnerability/fix/state",
                        "/matches/0/relatedVulnerabilities/0/severity");
    }

    @Test
    void readsAnUnknownSourceTypeAndDescriptorVersionAsTheyStand() {
        ScanReport report = readDocument("""
                {"matches": [], "source": {"type": "snapshot-of-the-future", "target": "/mnt/disk"},
                 "descriptor": {"name": "grype", "version": "99.0.0-alpha"}}
                """);

        assertThat(report.artifact()).isEqualTo(new Artifact("/mnt/disk", Artifact.Type.UNKNOWN));
        assertThat(report.scanner().version()).hasValue("99.0.0-alpha");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void recordsAnImageConfigBeyondTheLimitsAsAProblemAndKeepsTheFindings() {
        String deep = Base64.getEncoder()
                .encodeToString(("{\"history\": " + "[".repeat(5000) + "]".repeat(5000) + "}")
                        .getBytes(StandardCharsets.UTF_8));
        ScanReport report = readDocument("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\","
                + " \"severity\": \"Low\"}, \"artifact\": {\"name\": \"a\"}}], \"source\": {\"type\": \"image\","
                + " \"target\": {\"userInput\": \"alpine:3.19\", \"config\": \"" + deep + "\"}}}");

        assertThat(report.findings()).hasSize(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(p.message()).contains("limit exceeded", "ReadLimits.maxDepth");
            assertThat(p.location().path()).isEqualTo("/source/target/config");
        });
    }

    @Test
    void keepsNonAsciiPackageUrlsAsWritten() {
        String escaped = "pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0";
        String raw = "pkg:deb/debian/libc6-\u00df\u65e5@2.36-9?arch=amd64";
        ScanReport report = readEntries(
                "{\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": \"Low\"}, \"artifact\": {\"name\": \"caf\u00e9\","
                        + " \"purl\": \"" + escaped
                        + "\"}},\n{\"vulnerability\": {\"id\": \"CVE-2\", \"severity\": \"Low\"},"
                        + " \"artifact\": {\"name\": \"libc6\", \"purl\": \"" + raw + "\"}}");

        assertThat(report.findings())
                .extracting(f -> f.pkg().purl().orElseThrow())
                .containsExactly(escaped, raw);
        assertThat(report.findings().get(0).pkg().name()).isEqualTo("caf\u00e9");
    }
}
