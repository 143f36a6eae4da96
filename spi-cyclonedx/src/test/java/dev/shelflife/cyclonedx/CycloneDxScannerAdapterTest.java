package dev.shelflife.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CycloneDxScannerAdapterTest extends ScannerAdapterKit {

    private static final String OPENSSL = "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5";
    private static final String LIBSSL = "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.5";
    private static final String LOG4J = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";

    private final CycloneDxScannerAdapter adapter = new CycloneDxScannerAdapter();

    CycloneDxScannerAdapterTest() {
        super(KitSetup.of(new CycloneDxScannerAdapter())
                .sample(KitSample.ofResource(CycloneDxScannerAdapterTest.class, "vdr-openssl-image.json")
                        .entries(3))
                .sample(KitSample.ofResource(CycloneDxScannerAdapterTest.class, "sbom-syft-image.xml")
                        .entries(0))
                .sample(KitSample.ofResource(CycloneDxScannerAdapterTest.class, "vdr-jackson-databind.xml")
                        .entries(2))
                .sample(KitSample.ofResource(CycloneDxScannerAdapterTest.class, "vex-log4j.json")
                        .entries(2))
                .sample(KitSample.ofResource(CycloneDxScannerAdapterTest.class, "vulnext-1.2.xml")
                        .entries(2))
                .template(KitTemplate.json("vdr.json", """
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
                        """)
                        .entries(2)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/components/0/name"))
                .template(KitTemplate.xml("vdr.xml", """
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
                        """)
                        .entries(2)
                        .topAt("/bom")
                        .entryAt("/bom/vulnerabilities[1]/vulnerability[1]")
                        .textAt("/bom/components[1]/component[1]/name[1]"))
                // The format rows write vulnerabilities one per line from line 2, in a 1.6 BOM.
                .frame(EntryFrame.of(
                        "bom.json",
                        "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\","
                                + " \"metadata\": {\"tools\": [{\"name\": \"grype\"}]}, \"vulnerabilities\": [\n",
                        "]}"))
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "a CycloneDX vulnerability names its package by a reference to a component, not in the entry")
                .build());
    }

    @Test
    void readsOneFindingPerAffectsEntryWithItsComponentAsThePackage() {
        ScanReport report = read("vdr-openssl-image.json");

        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id(), f -> f.pkg().name())
                .containsExactly(
                        tuple("CVE-2024-5535", "openssl"),
                        tuple("CVE-2024-5535", "libssl3"),
                        tuple("CVE-2023-50782", "libssl3"));
        Finding openssl = report.findings().get(0);
        assertThat(openssl.pkg())
                .isEqualTo(InstalledPackage.builder("openssl")
                        .version("3.0.11-1~deb12u2")
                        .purl(OPENSSL)
                        .type("deb")
                        .sourcePackage("openssl")
                        .layer("sha256:fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9")
                        .build());
        Vulnerability cve = openssl.vulnerability();
        assertThat(cve.aliases()).containsExactly("DSA-5710-1");
        assertThat(cve.cwes()).containsExactly("CWE-200");
        assertThat(cve.published()).contains(Instant.parse("2024-06-27T11:15:24Z"));
        assertThat(cve.modified()).contains(Instant.parse("2024-07-12T14:15:16Z"));
        assertThat(cve.primaryUrl()).contains("https://avd.aquasec.com/nvd/cve-2024-5535");
        assertThat(cve.ratings())
                .extracting(r -> r.source(), r -> r.severity(), r -> r.score())
                .containsExactly(
                        tuple("nvd", Optional.of(Severity.CRITICAL), Optional.of(9.1)),
                        tuple("debian", Optional.of(Severity.LOW), Optional.empty()));
        assertThat(openssl.fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
        assertThat(report.counts().entries()).isEqualTo(3);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void takesTheSeverityOfTheVulnerabilitysOwnSourceBeforeAnyCvssRating() {
        Vulnerability cve = read("vdr-openssl-image.json").findings().get(0).vulnerability();

        assertThat(cve.severity()).isEqualTo(Severity.LOW);
        assertThat(cve.severitySource()).contains("debian");
    }

    @Test
    void namesThePackageOfAComponentWithAGroupButNoPackageUrlOrType() {
        ScanReport report = read("grouped.cdx.json", """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                 "components": [{"bom-ref": "c1", "type": "library", "group": "org.acme", "name": "widget",
                                 "version": "1.0"}],
                 "vulnerabilities": [{"id": "CVE-2026-1", "affects": [{"ref": "c1"}]}]}
                """);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.pkg().name()).isEqualTo("widget");
            assertThat(f.pkg().type()).isEmpty();
        });
    }

    @Test
    void saysThatAScanNamesNoToolSinceItCannotBeToldFromAVexDocumentThatLostItsAnalyses() {
        String withoutTool = """
                {"bomFormat": "CycloneDX", "specVersion": "1.5",
                 "vulnerabilities": [{"id": "CVE-2026-1", "affects": [{"ref": "pkg:npm/a@1.0"}]}]}
                """;

        ScanReport scan = read("vdr.json", withoutTool);
        ScanReport vex = read(
                "vex.json",
                withoutTool.replace("\"affects\"", "\"analysis\": {\"state\": \"not_affected\"}, \"affects\""));

        assertThat(scan.kind()).isEqualTo(EvidenceKind.SCAN);
        assertThat(scan.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(p.location().path()).isEqualTo("/metadata/tools");
            assertThat(p.message()).contains("names no tool");
        });
        assertThat(vex.kind()).isEqualTo(EvidenceKind.ASSESSMENT);
        assertThat(vex.problems()).isEmpty();
    }

    @Test
    void derivesTheSeverityFromTheNewestCvssScoreWhenNoRatingNamesOne() {
        Vulnerability cve = read("vdr-openssl-image.json").findings().get(2).vulnerability();

        assertThat(cve.severity()).as("CVSS v3.1 7.5, not v2 5.0").isEqualTo(Severity.HIGH);
        assertThat(cve.severitySource()).contains("nvd");
    }

    @Test
    void readsTheImageFromTheOciPackageUrlAndTrivyProperties() {
        ScanReport report = read("vdr-openssl-image.json");

        String digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assertThat(report.image().manifestDigest()).contains(digest);
        assertThat(report.image().ref()).contains(ImageRef.parse("ghcr.io/acme/shop:1.4.2@" + digest));
        assertThat(report.image().configDigest())
                .contains("sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
        assertThat(report.image().os()).contains("debian 12.5");
        assertThat(report.artifact()).isEqualTo(new Artifact("ghcr.io/acme/shop:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("trivy", "0.69.1"));
        assertThat(report.scannedAt()).contains(Instant.parse("2026-03-02T09:15:00Z"));
        assertThat(report.format().name()).isEqualTo("cyclonedx-json");
        assertThat(report.format().schemaVersion()).contains("1.6");
    }

    @Test
    void readsComponentsNestedOrNotInDocumentOrderWithTheirPurlAsWritten() {
        ScanReport report = read("sbom-syft-image.xml");

        assertThat(report.components())
                .extracting(c -> c.name(), c -> c.purl().orElse(null))
                .containsExactly(
                        tuple("requests", "pkg:pypi/requests@2.31.0"),
                        tuple("urllib3", "pkg:pypi/urllib3@2.2.1"),
                        tuple("snakeyaml", "pkg:maven/org.yaml/snakeyaml@1.33"),
                        tuple("debian", null));
        assertThat(report.components().get(0).ref()).contains("pkg:pypi/requests@2.31.0?package-id=1a2b3c");
        assertThat(report.components().get(3).type()).contains("operating-system");
        assertThat(report.image().manifestDigest())
                .contains("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(report.image().ref()).contains(ImageRef.parse("python:3.12-slim"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("syft", "1.19.0"));
        assertThat(report.format().name()).isEqualTo("cyclonedx-xml");
        assertThat(report.format().schemaVersion()).contains("1.5");
        assertThat(report.findings()).isEmpty();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsAnAnalysisAsAVexStatementAndAsTheFixStateOfItsFindings() {
        ScanReport report = read("vdr-jackson-databind.xml");

        String purl = "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.4";
        assertThat(report.vexStatements())
                .containsExactly(new VexStatement(
                        "CVE-2018-7489",
                        List.of("GHSA-cggj-fvv3-cqwv"),
                        List.of(purl),
                        VexStatement.State.EXPLOITABLE,
                        Optional.empty(),
                        List.of("update"),
                        Optional.of("Polymorphic typing is enabled in the import service."),
                        Optional.empty()));
        Finding databind = report.findings().get(0);
        assertThat(databind.pkg().name()).isEqualTo("com.fasterxml.jackson.core:jackson-databind");
        assertThat(databind.pkg().purl()).contains(purl);
        assertThat(databind.fix().state()).as("response update").isEqualTo(FixState.FIXED);
        assertThat(databind.vulnerability().cwes()).containsExactly("CWE-184", "CWE-502");
        assertThat(databind.vulnerability().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(report.artifact()).isEqualTo(new Artifact("acme-portal", Artifact.Type.UNKNOWN));
    }

    @Test
    void keepsTheFindingOfADanglingRefAndRecordsTheRefWhereItStands() {
        ScanReport report = read("vdr-jackson-databind.xml");

        Finding dangling = report.findings().get(1);
        assertThat(dangling.vulnerability().id()).isEqualTo("CVE-2020-36518");
        assertThat(dangling.pkg().name()).isEqualTo("a8d5a0c2-56d4-4b2e-9f1a-0d2c7e6b4f39");
        assertThat(dangling.pkg().purl()).isEmpty();
        assertThat(dangling.severity()).isEqualTo(Severity.HIGH);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(problem.message()).contains("a8d5a0c2-56d4-4b2e-9f1a-0d2c7e6b4f39", "matches no bom-ref");
            assertThat(problem.location().path())
                    .isEqualTo("/bom/vulnerabilities[1]/vulnerability[2]/affects[1]/target[1]");
            assertThat(problem.location().line()).isEqualTo(78);
        });
    }

    @Test
    void namesThePackageOfABomLinkToAnotherBomAfterItsPurlFragment() {
        ScanReport report = read("vex-log4j.json");

        assertThat(report.findings())
                .extracting(Finding::pkg)
                .containsOnly(InstalledPackage.builder("org.apache.logging.log4j:log4j-core")
                        .version("2.14.1")
                        .purl(LOG4J)
                        .type("maven")
                        .build());
        assertThat(report.findings())
                .extracting(f -> f.fix().state())
                .containsExactly(FixState.NOT_AFFECTED, FixState.UNDER_INVESTIGATION);
        assertThat(report.problems()).hasSize(2).allSatisfy(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(problem.message())
                    .contains("BOM-Link to another BOM (3e671687-395b-41f5-a30f-a58921a69b79, version 1)");
        });
        assertThat(report.problems().get(0).location().path()).isEqualTo("/vulnerabilities/0/affects/0");
    }

    @Test
    void resolvesABomLinkIntoItsOwnDocumentLikeALocalRef() {
        String bom = """
                {"bomFormat": "CycloneDX", "specVersion": "1.5", "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
                 "metadata": {"tools": [{"name": "grype"}]},
                 "components": [{"bom-ref": "lib-a", "type": "library", "name": "a", "version": "1.0", "purl": "pkg:npm/a@1.0"}],
                 "vulnerabilities": [{"id": "CVE-2026-0001", "affects": [{"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#lib-a"}]}]}
                """;

        ScanReport report = read("self-link.json", bom);

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.pkg().purl()).contains("pkg:npm/a@1.0"));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void makesANotAffectedStatementThatMatchesATrivyFindingOfTheSameImage() {
        VexStatement statement = read("vex-log4j.json").vexStatements().get(0);
        Finding trivyFinding = new Finding(
                Vulnerability.builder("CVE-2021-44228")
                        .severity(Severity.CRITICAL)
                        .severitySource("ghsa")
                        .build(),
                InstalledPackage.builder("org.apache.logging.log4j:log4j-core")
                        .version("2.14.1")
                        .purl(LOG4J)
                        .type("jar")
                        .path("app/lib/log4j-core-2.14.1.jar")
                        .build(),
                Fix.fixed("2.15.0"),
                "Java");
        Finding byAlias = new Finding(
                Vulnerability.builder("GHSA-jfh8-c2jp-5v3q")
                        .severity(Severity.CRITICAL)
                        .build(),
                trivyFinding.pkg(),
                trivyFinding.fix(),
                "Java");

        assertThat(statement.state()).isEqualTo(VexStatement.State.NOT_AFFECTED);
        assertThat(statement.state().suppressesFinding()).isTrue();
        assertThat(statement.justification()).contains("code_not_reachable");
        assertThat(statement.responses()).containsExactly("will_not_fix");
        assertThat(statement.detail()).contains("The JNDI lookup class is removed from the image at build time.");
        assertThat(statement.timestamp()).contains(Instant.parse("2026-02-01T11:30:00Z"));
        assertThat(trivyFinding.vulnerability().isKnownAs(statement.vulnerabilityId()))
                .isTrue();
        assertThat(statement.products()).contains(trivyFinding.pkg().purl().orElseThrow());
        assertThat(statement.aliases()).contains(byAlias.vulnerability().id());
    }

    @Test
    void readsTheVulnerabilityExtensionOfSpec12AsFindingsOfTheEnclosingComponent() {
        ScanReport report = read("vulnext-1.2.xml");

        assertThat(report.format().schemaVersion()).contains("1.2");
        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id(), f -> f.pkg(), Finding::severity)
                .containsExactly(
                        tuple("CVE-2011-3374", InstalledPackage.of("apt", "1.8.2.1"), Severity.LOW),
                        tuple("CVE-2021-25214", InstalledPackage.of("apt", "1.8.2.1"), Severity.UNKNOWN));
        Vulnerability first = report.findings().get(0).vulnerability();
        assertThat(first.ratings()).singleElement().satisfies(rating -> {
            assertThat(rating.source()).isEqualTo("vulnerabilities:debian:10");
            assertThat(rating.score()).contains(4.3);
            assertThat(rating.vector()).contains("AV:N/AC:M/Au:N/C:N/I:P/A:N");
        });
        assertThat(first.primaryUrl()).contains("https://security-tracker.debian.org/tracker/CVE-2011-3374");
        assertThat(report.image().ref()).contains(ImageRef.parse("acme/worker:2.0"));
        assertThat(report.components()).hasSize(2);
    }

    @Test
    void recordsATimestampThatIsNoDateAsCoercedWithItsLocation() {
        String bom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.5" serialNumber="redacted" version="1">
                  <metadata>
                    <timestamp>redacted</timestamp>
                  </metadata>
                </bom>
                """;

        ScanReport report = read("redacted.xml", bom);

        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.COERCED_VALUE);
            assertThat(problem.message()).contains("\"redacted\" is not a date");
            assertThat(problem.location().path()).isEqualTo("/bom/metadata[1]/timestamp[1]");
            assertThat(problem.location().line()).isEqualTo(4);
        });
    }

    @Test
    void reportsSpec17AsSpec17InBothEncodings() {
        ScanReport json = read("v17.json", """
                {"bomFormat": "CycloneDX", "specVersion": "1.7", "version": 1}
                """);
        ScanReport xml = read("v17.xml", """
                <bom xmlns="http://cyclonedx.org/schema/bom/1.7" version="1"/>
                """);

        assertThat(json.format().schemaVersion()).contains("1.7");
        assertThat(xml.format().schemaVersion()).contains("1.7");
    }

    @Test
    void refusesSpecVersionsItDoesNotKnowWhereTheyAreDeclared() {
        UnsupportedReportException json = catchThrowableOfType(
                UnsupportedReportException.class,
                () -> read("v99.json", "{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": \"9.9\"}"));
        UnsupportedReportException xml = catchThrowableOfType(
                UnsupportedReportException.class,
                () -> read("v99.xml", "<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/9.9\"/>"));
        UnsupportedReportException old = catchThrowableOfType(
                UnsupportedReportException.class,
                () -> read("v11.xml", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.1\"/>"));

        assertThat(json.location().path()).isEqualTo("/specVersion");
        assertThat(json.location().line()).isEqualTo(2);
        assertThat(json.problem())
                .isEqualTo("CycloneDX spec version \"9.9\" is not supported (supported: 1.2, 1.3, 1.4, 1.5, 1.6, 1.7)");
        assertThat(xml.location().line()).isEqualTo(2);
        assertThat(xml.location().path()).isEqualTo("/bom");
        assertThat(xml.problem()).startsWith("CycloneDX spec version \"9.9\"");
        assertThat(old.problem()).startsWith("CycloneDX spec version \"1.1\"");
    }

    @Test
    void refusesXmlOfAnotherNamespaceAsNoCycloneDx() {
        assertThatThrownBy(() -> read("spdx.xml", "<bom xmlns=\"http://example.com/bom\"><x/></bom>"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "spdx.xml:1:37 (/bom): not a CycloneDX BOM: the root element is {http://example.com/bom}bom");
    }

    @Test
    void toleratesAByteOrderMarkAndLeadingWhiteSpaceInBothEncodings() {
        for (String name : List.of("vdr-openssl-image.json", "vdr-jackson-databind.xml")) {
            byte[] original = resource(name);
            byte[] padded = concat(
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    "\n\n  ".getBytes(StandardCharsets.UTF_8),
                    original);
            ReportSource source = ReportSource.of(name, padded);

            assertThat(adapter.detect(source).confidence()).as(name).isEqualTo(1.0);
            ScanReport report = adapter.read(source);
            ScanReport plain = adapter.read(ReportSource.of(name, original));
            assertThat(report.findings()).as(name).isEqualTo(plain.findings());
            assertThat(report.problems())
                    .extracting(p -> p.location().line())
                    .as("%s: lines are where they were, two further down", name)
                    .isEqualTo(plain.problems().stream()
                            .map(p -> p.location().line() + 2)
                            .toList());
        }
    }

    @Test
    void detectsBothEncodingsWithTheSpecVersionTheyDeclare() {
        Detection json = adapter.detect(ReportSource.of("a.json", resource("vdr-openssl-image.json")));
        Detection xml = adapter.detect(ReportSource.of("b.xml", resource("vdr-jackson-databind.xml")));
        Detection other =
                adapter.detect(ReportSource.of("c.json", "{\"bomFormat\": \"SPDX\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(json).isEqualTo(Detection.certain("cyclonedx-json", "1.6", "\"bomFormat\": \"CycloneDX\""));
        assertThat(xml.isMatch()).isTrue();
        assertThat(xml.format()).isEqualTo("cyclonedx-xml");
        assertThat(xml.schemaVersion()).contains("1.4");
        assertThat(other.isMatch()).isFalse();
    }

    @Test
    void refusesAnExternalEntityWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-VALUE");
        String bom = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE bom [<!ENTITY xxe SYSTEM "%s">]>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component type="library"><name>&xxe;</name></component></components></bom>
                """.formatted(secret.toUri());

        ReportParseException refused = catchThrowableOfType(ReportParseException.class, () -> read("xxe.xml", bom));

        assertThat(refused.problem()).startsWith("refused <!DOCTYPE");
        assertThat(refused.location().line()).isEqualTo(2);
        assertThat(refused.location().column()).isEqualTo(1);
        assertThat(refused).hasMessageNotContaining("TOP-SECRET-VALUE");
        Detection detection = adapter.detect(ReportSource.of("xxe.xml", bom.getBytes(StandardCharsets.UTF_8)));
        assertThat(detection.reason()).contains("refused <!DOCTYPE").doesNotContain("TOP-SECRET-VALUE");
    }

    @Test
    void detectsAndReadsXmlAfterALicenceCommentOfAnyLength() {
        ScanReport plain = read("vdr-jackson-databind.xml");
        String document = new String(resource("vdr-jackson-databind.xml"), StandardCharsets.UTF_8);
        int root = document.indexOf("<bom");
        for (int length : new int[] {10 * 1024, 64 * 1024 + 1, 1 << 20}) {
            String licence = "<!--\n"
                    + "  Licensed under the Apache License, Version 2.0 (the \"License\").\n".repeat(length / 66 + 1)
                    + "-->\n<?xml-stylesheet type=\"text/xsl\" href=\"bom.xsl\"?>\n";
            byte[] commented =
                    (document.substring(0, root) + licence + document.substring(root)).getBytes(StandardCharsets.UTF_8);
            ReportSource source = ReportSource.of("licensed.xml", commented);

            assertThat(adapter.detect(source))
                    .as("%d characters of comment", length)
                    .satisfies(d -> assertThat(d.isMatch()).isTrue())
                    .satisfies(d -> assertThat(d.format()).isEqualTo("cyclonedx-xml"));
            ScanReport report = adapter.read(source);
            assertThat(report.findings()).isEqualTo(plain.findings());
            // The comment's lines stand before every element: locations move down by as many.
            long lines = licence.chars().filter(c -> c == '\n').count();
            assertThat(report.problems())
                    .extracting(p -> p.location().line())
                    .isEqualTo(plain.problems().stream()
                            .map(p -> p.location().line() + lines)
                            .toList());
        }
    }

    @Test
    void refusesADoctypeAfterAPrologOfAnyLengthAtItsLine() {
        String bom = "<?xml version=\"1.0\"?>\n<!--" + "x".repeat(1 << 20) + "-->\n"
                + "<!DOCTYPE bom [<!ENTITY lol \"lol\">]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>\n";

        assertThatThrownBy(() -> read("late-doctype.xml", bom))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("late-doctype.xml:3:1 (/): refused <!DOCTYPE");
    }

    @Test
    void refusesOverlongSurrogateAndOutOfRangeUtf8InXml() {
        String before =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">"
                        + "<components><component type=\"library\"><name>musl";
        String after = "</name></component></components></bom>";
        for (byte[] bad : new byte[][] {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}
        }) {
            byte[] document =
                    concat(before.getBytes(StandardCharsets.UTF_8), bad, after.getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> read("bad.xml", document))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("bad.xml")
                    .hasMessageContaining("malformed XML: bytes that are not valid in the document's encoding");
        }
    }

    @Test
    void refusesBillionLaughsAndExternalDtdsAtTheirDoctype() {
        String laughs = """
                <?xml version="1.0"?>
                <!-- entity expansion -->
                <!DOCTYPE lolz [
                  <!ENTITY lol "lol">
                  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                ]>
                <bom xmlns="http://cyclonedx.org/schema/bom/1.4"><metadata><timestamp>&lol3;</timestamp></metadata></bom>
                """;
        String externalDtd = """
                <?xml version="1.0"?>
                <!DOCTYPE bom SYSTEM "http://127.0.0.1:9/cyclonedx.dtd">
                <bom xmlns="http://cyclonedx.org/schema/bom/1.4"/>
                """;

        assertThatThrownBy(() -> read("laughs.xml", laughs))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("laughs.xml:3:1 (/): refused <!DOCTYPE");
        assertThatThrownBy(() -> read("dtd.xml", externalDtd))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("dtd.xml:2:1 (/): refused <!DOCTYPE");
    }

    @Test
    void endsAnUndeclaredEntityInALocatedException() {
        String bom =
                "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\">\n<metadata><timestamp>&xxe;</timestamp></metadata></bom>";

        assertThatThrownBy(() -> read("entity.xml", bom))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("entity.xml:2:")
                .hasMessageContaining("/bom/metadata[1]/timestamp[1]")
                .hasMessageContaining("xxe");
    }

    @Test
    void endsDeepXmlInALocatedExceptionEvenWhereItIsSkipped() {
        String bom = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><extra>" + "<x>".repeat(5000)
                + "</x>".repeat(5000) + "</extra></bom>";

        assertThatThrownBy(() -> read("deep.xml", bom))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/bom/extra[1]): limit exceeded: elements nested deeper than 200");
    }

    @Test
    void endsAFiveThousandDeepUnknownFieldInALocatedException() {
        String bom =
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"vulnerabilities\": [\n{\"id\": \"CVE-2026-0001\", \"x\": "
                        + "[".repeat(5000) + "]".repeat(5000) + ", \"affects\": [{\"ref\": \"pkg:npm/a@1\"}]}]}";

        assertThatThrownBy(() -> read("deep.json", bom))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("deep.json:2:")
                .hasMessageContaining("/vulnerabilities/0/x")
                .hasMessageContaining("limit exceeded");
    }

    @Test
    void keepsEverySiblingOfAnUnknownEnumeratedValueAndRecordsItAsCoerced() {
        String bom = """
                {"bomFormat": "CycloneDX", "specVersion": "1.6",
                 "metadata": {"tools": [{"name": "grype"}]},
                 "vulnerabilities": [
                  {"id": "CVE-2026-0001", "affects": [{"ref": "pkg:npm/a@1.0.0"}]},
                  {"id": "CVE-2026-0002",
                   "ratings": [{"severity": "SEVERE", "score": 11, "method": "CVSSv5"}, {"severity": "medium"}],
                   "analysis": {"state": "maybe_affected", "justification": "because", "response": ["shrug", "update"]},
                   "affects": [{"ref": "pkg:npm/b@2.0.0", "versions": [{"version": "2.0.0", "status": "perhaps"}]}]},
                  {"id": "CVE-2026-0003", "affects": [{"ref": "pkg:npm/c@3.0.0"}]}
                 ]}
                """;

        ScanReport report = read("enums.json", bom);

        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id())
                .containsExactly("CVE-2026-0001", "CVE-2026-0002", "CVE-2026-0003");
        Finding odd = report.findings().get(1);
        assertThat(odd.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(odd.fix().state()).as("the known response update").isEqualTo(FixState.FIXED);
        assertThat(report.vexStatements()).singleElement().satisfies(statement -> {
            assertThat(statement.state()).isEqualTo(VexStatement.State.UNKNOWN);
            assertThat(statement.justification()).isEmpty();
            assertThat(statement.responses()).containsExactly("update");
            assertThat(statement.products()).containsExactly("pkg:npm/b@2.0.0");
        });
        assertThat(report.problems())
                .allMatch(p -> p.kind() == Problem.Kind.COERCED_VALUE)
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder(
                        "/vulnerabilities/1/ratings/0/severity",
                        "/vulnerabilities/1/ratings/0/score",
                        "/vulnerabilities/1/analysis/state",
                        "/vulnerabilities/1/analysis/justification",
                        "/vulnerabilities/1/analysis/response/0",
                        "/vulnerabilities/1/affects/0/versions/0/status");
    }

    @Test
    void endsAWronglyTypedOrRepeatedValueInALocatedException() {
        String json =
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n \"vulnerabilities\": [{\"id\": \"CVE-2026-0001\", \"affects\": \"pkg:npm/a@1\"}]}";
        String xml =
                "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><vulnerabilities>\n<vulnerability><id>CVE-2026-0001</id>"
                        + "<id>CVE-2026-0002</id></vulnerability></vulnerabilities></bom>";

        assertThatThrownBy(() -> read("typed.json", json))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("typed.json:2:")
                .hasMessageContaining("(/vulnerabilities/0/affects): expected an array");
        assertThatThrownBy(() -> read("twice.xml", xml))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("twice.xml:2:")
                .hasMessageEndingWith("(/bom/vulnerabilities[1]/vulnerability[1]/id[2]): duplicate element id");
    }

    @Test
    void accountsForAffectsEntriesThatNameNoComponentAsSkipped() {
        String bom = """
                {"bomFormat": "CycloneDX", "specVersion": "1.4",
                 "metadata": {"tools": [{"name": "grype"}]},
                 "vulnerabilities": [
                  {"affects": [{"ref": "pkg:npm/a@1.0.0"}, {"ref": "pkg:npm/b@1.0.0"}]},
                  {"id": "CVE-2026-0002", "affects": [{"versions": [{"version": "1.0.0", "status": "affected"}]}, {"ref": "pkg:npm/c@1.0.0"}]},
                  {"id": "CVE-2026-0003"},
                  {"id": "  ", "affects": [{"ref": "pkg:npm/d@1.0.0"}]}
                 ]}
                """;

        ScanReport report = read("skips.json", bom);

        assertThat(report.counts().entries()).isEqualTo(5);
        assertThat(report.counts().skipped()).isEqualTo(4);
        assertThat(report.findings()).extracting(f -> f.pkg().name()).containsExactly("c");
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/0/affects/0"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/0/affects/1"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/1/affects/0"),
                        tuple(Problem.Kind.IGNORED_VALUE, "/vulnerabilities/2"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "/vulnerabilities/3/affects/0"));
    }

    @Test
    void enforcesTheEntrySizeAndLengthLimitsInBothEncodings() {
        ReportSource json = ReportSource.of("vdr.json", resource("vdr-openssl-image.json"));
        ReportSource xml = ReportSource.of("vdr.xml", resource("vdr-jackson-databind.xml"));

        assertThatThrownBy(() -> adapter.read(json.withLimits(ReadLimits.DEFAULT.withMaxEntries(2))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/vulnerabilities/1): limit exceeded: more than 2 vulnerability entries");
        assertThatThrownBy(() -> adapter.read(xml.withLimits(ReadLimits.DEFAULT.withMaxEntries(1))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/bom/vulnerabilities[1]/vulnerability[2]): limit exceeded: more than 1");
        assertThatThrownBy(() -> adapter.read(xml.withLimits(ReadLimits.DEFAULT.withMaxDocumentBytes(1000))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("limit exceeded: document larger than 1000 bytes");
        assertThatThrownBy(() -> adapter.read(xml.withLimits(ReadLimits.DEFAULT.withMaxStringLength(20))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageEndingWith(
                        "(/bom): limit exceeded: attribute serialNumber longer than 20 characters (ReadLimits.maxStringLength)");
        ReportSource longText = ReportSource.of(
                "text.xml",
                ("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><metadata>"
                                + "<timestamp>2026-01-20T08:00:00.000000000Z</timestamp></metadata></bom>")
                        .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> adapter.read(longText.withLimits(ReadLimits.DEFAULT.withMaxStringLength(20))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageEndingWith(
                        "(/bom/metadata[1]/timestamp[1]): limit exceeded: text longer than 20 characters (ReadLimits.maxStringLength)");
    }

    @Test
    void readsXmlInTheEncodingItsByteOrderMarkOrDeclarationNames() {
        String utf8 = new String(resource("vdr-jackson-databind.xml"), StandardCharsets.UTF_8);
        byte[] utf16 = concat(
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                utf8.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"").getBytes(StandardCharsets.UTF_16LE));
        String latin1 =
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">"
                        + "<components><component type=\"library\"><name>caf\u00e9</name></component></components></bom>";

        ScanReport fromUtf16 = adapter.read(ReportSource.of("utf16.xml", utf16));

        assertThat(adapter.detect(ReportSource.of("utf16.xml", utf16)).isMatch())
                .isTrue();
        assertThat(fromUtf16.findings())
                .isEqualTo(read("vdr-jackson-databind.xml").findings());
        assertThat(read("latin1.xml", latin1.getBytes(StandardCharsets.ISO_8859_1))
                        .components())
                .extracting(c -> c.name())
                .containsExactly("caf\u00e9");
        assertThatThrownBy(() -> read("ebcdic.xml", "<?xml version=\"1.0\" encoding=\"X-NO-SUCH\"?><bom/>"))
                .isInstanceOf(ReportParseException.class)
                .hasMessage("ebcdic.xml:1:31 (/): unsupported encoding \"X-NO-SUCH\"");
        byte[] latin1DeclaredUtf8 = latin1.replace("ISO-8859-1", "UTF-8").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read("bytes.xml", latin1DeclaredUtf8))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("malformed XML: bytes that are not valid in the document's encoding");
    }

    @Test
    void endsAnElementWhereTextBelongsAndAnEndlessPrologAtTheDocumentSizeLimit() {
        String nested =
                "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<metadata><timestamp><b/></timestamp></metadata></bom>";
        byte[] endless = ("<!--" + "x".repeat(2 << 20)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read("nested.xml", nested))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("nested.xml:2:")
                .hasMessageEndingWith("(/bom/metadata[1]/timestamp[1]): expected text, found the element b");
        assertThatThrownBy(() -> adapter.read(ReportSource.of("endless.xml", endless)
                        .withLimits(ReadLimits.DEFAULT.withMaxDocumentBytes(1 << 20))))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining(
                        "limit exceeded: document larger than 1048576 bytes (ReadLimits.maxDocumentBytes)");
        assertThatThrownBy(() -> read("unterminated.xml", endless))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("malformed XML");
    }

    private static final String HEAD = """
            "bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
            "metadata": {"timestamp": "yesterday", "tools": [{"name": "trivy"}], "component": {"type": "container", "name": "app"}},
            """;
    private static final String COMPONENTS = """
            "components": [{"bom-ref": "musl", "name": "musl", "version": "1.2.4-r2", "purl": "pkg:apk/alpine/musl@1.2.4-r2"},
                           {"bom-ref": "nameless", "version": "1"}],
            """;
    private static final String VULNERABILITIES = """
            "vulnerabilities": [
             {"id": "CVE-2026-0001", "ratings": [{"severity": "SEVERE", "score": 11}, {"severity": "high", "score": 7.5}],
              "published": "soon",
              "affects": [{"ref": "musl", "versions": [{"version": "1.2.4-r2", "status": "perhaps"}]}, {"ref": "dangling"}, {}]},
             {"affects": [{"ref": "musl"}]},
             {"id": "CVE-2026-0002", "affects": [{"ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#musl"}]}
            ]
            """;

    @Test
    void givesTheSameReportWhetherItsVulnerabilitiesComeBeforeOrAfterTheirComponents() {
        String componentsFirst = "{" + HEAD + COMPONENTS + VULNERABILITIES + "}";
        String vulnerabilitiesFirst =
                "{" + HEAD + VULNERABILITIES + "," + COMPONENTS.strip().replaceAll(",$", "") + "}";

        ScanReport mappedAsRead = read("first.json", componentsFirst);
        ScanReport readWhole = read("first.json", vulnerabilitiesFirst);

        assertThat(mappedAsRead.findings()).hasSize(3).isEqualTo(readWhole.findings());
        assertThat(mappedAsRead.counts()).isEqualTo(readWhole.counts());
        assertThat(mappedAsRead.problems())
                .extracting(p -> p.kind(), p -> p.message(), p -> p.location().path())
                .containsExactly(
                        tuple(
                                Problem.Kind.COERCED_VALUE,
                                "metadata timestamp \"yesterday\" is not a date, left unknown",
                                "/metadata/timestamp"),
                        tuple(Problem.Kind.COERCED_VALUE, "component without a name, read as \"\"", "/components/1"),
                        tuple(
                                Problem.Kind.COERCED_VALUE,
                                "unknown severity \"SEVERE\", left out of the rating",
                                "/vulnerabilities/0/ratings/0/severity"),
                        tuple(
                                Problem.Kind.COERCED_VALUE,
                                "score \"11\" is not a number in 0..10, left out of the rating",
                                "/vulnerabilities/0/ratings/0/score"),
                        tuple(
                                Problem.Kind.COERCED_VALUE,
                                "published date \"soon\" is not a date, left unknown",
                                "/vulnerabilities/0/published"),
                        tuple(
                                Problem.Kind.COERCED_VALUE,
                                "unknown version status \"perhaps\", ignored",
                                "/vulnerabilities/0/affects/0/versions/0/status"),
                        tuple(
                                Problem.Kind.IGNORED_VALUE,
                                "affects ref \"dangling\" matches no bom-ref in this document and is no package URL;"
                                        + " the package is named after the ref",
                                "/vulnerabilities/0/affects/1"),
                        tuple(
                                Problem.Kind.SKIPPED_ENTRY,
                                "CVE-2026-0001: affects entry without a ref",
                                "/vulnerabilities/0/affects/2"),
                        tuple(
                                Problem.Kind.SKIPPED_ENTRY,
                                "affects entry of a vulnerability without an id",
                                "/vulnerabilities/1/affects/0"));
        assertThat(readWhole.problems())
                .extracting(p -> p.kind(), p -> p.message(), p -> p.location().path())
                .isEqualTo(mappedAsRead.problems().stream()
                        .map(p -> tuple(p.kind(), p.message(), p.location().path()))
                        .toList());
        assertThat(mappedAsRead.findings().get(2).pkg().name())
                .as("a BOM-Link into the document itself, resolved as it is read")
                .isEqualTo("musl");
    }

    @Test
    void streamsFindingsAsTheyAreMappedWhenTheComponentsComeFirstAndAfterTheDocumentOtherwise() {
        String truncated = ", \"dependencies\": [{\"ref\": \"musl\"";
        String componentsFirst = "{" + HEAD + COMPONENTS + VULNERABILITIES + truncated;
        String vulnerabilitiesFirst = "{" + HEAD + VULNERABILITIES + "," + COMPONENTS + "\"dependencies\": [{";
        List<Finding> handed = new ArrayList<>();

        assertThatThrownBy(() -> adapter.stream(
                        ReportSource.of("first.json", componentsFirst.getBytes(StandardCharsets.UTF_8)), handed::add))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("first.json:");
        assertThat(handed).as("handed over before the end was reached").hasSize(3);

        handed.clear();
        assertThatThrownBy(() -> adapter.stream(
                        ReportSource.of("last.json", vulnerabilitiesFirst.getBytes(StandardCharsets.UTF_8)),
                        handed::add))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("last.json:");
        assertThat(handed)
                .as("a vulnerability may name a component not yet read")
                .isEmpty();
    }

    private ScanReport read(String resource) {
        return adapter.read(ReportSource.of(resource, resource(resource)));
    }

    private ScanReport read(String name, String document) {
        return read(name, document.getBytes(StandardCharsets.UTF_8));
    }

    private ScanReport read(String name, byte[] document) {
        return adapter.read(ReportSource.of(name, document));
    }

    private byte[] resource(String name) {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    // The rows below depend on the format: they write entries in the kit's frame.

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
