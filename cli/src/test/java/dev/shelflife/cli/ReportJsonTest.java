package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.Artifact;
import dev.shelflife.Component;
import dev.shelflife.Epss;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.KnownExploited;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static String write(ScanReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportJson.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ScanReport fullReport() {
        Vulnerability vulnerability = Vulnerability.builder("CVE-2024-2961")
                .alias("DSA-5673-1")
                .severity(Severity.HIGH)
                .severitySource("nvd")
                .rating(Rating.of("nvd", Severity.HIGH, 8.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H"))
                .rating(Rating.of("debian", null, null, null))
                .published(Instant.parse("2024-04-17T18:15:15.833Z"))
                .epss(new Epss(0.54895, 0.97873, Optional.of(LocalDate.parse("2025-01-11"))))
                .knownExploited(new KnownExploited(
                        "cisa-kev", Optional.of(LocalDate.parse("2025-01-02")), Optional.empty(), Optional.of(false)))
                .title("glibc: out of bounds write in iconv")
                .cwe("CWE-787")
                .build();
        InstalledPackage libc = InstalledPackage.builder("libc6")
                .version("2.36-9+deb12u4")
                .purl("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64")
                .type("deb")
                .sourcePackage("glibc")
                .build();
        Image image = Image.builder()
                .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"))
                .manifestDigest(DIGEST)
                .createdAt(Instant.parse("2025-01-10T08:03:51Z"))
                .label(Image.BASE_NAME_ANNOTATION, "docker.io/library/python:3.12-slim")
                .build();
        return ScanReport.builder(
                        EvidenceKind.SCAN, ReportFormat.of("trivy", "trivy-json", "2"), ScannerTool.of("Trivy", null))
                .artifact(new Artifact("ghcr.io/acme/shop-api:1.4.2", Artifact.Type.CONTAINER_IMAGE))
                .image(image)
                .scannedAt(Instant.parse("2025-01-14T09:12:44Z"))
                .finding(new Finding(vulnerability, libc, Fix.fixed("2.36-9+deb12u7"), "debian 12.8"))
                .finding(new Finding(vulnerability, libc, Fix.fixed("2.36-9+deb12u7"), "debian 12.8"))
                .skipped("no VulnerabilityID", new ReportLocation("t.json", 40, 9, "/Results/0/Vulnerabilities/2"))
                .problem(new Problem(Problem.Kind.COERCED_VALUE, "unknown severity", ReportLocation.of("t.json")))
                .component(new Component(
                        "zlib1g", Optional.of("1:1.2.13.dfsg-1"), Optional.empty(), Optional.empty(), Optional.empty()))
                .vexStatement(new VexStatement(
                        "CVE-2023-45853",
                        List.of(),
                        List.of("pkg:deb/debian/zlib1g"),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.of("code_not_present"),
                        List.of(),
                        Optional.empty(),
                        Optional.empty()))
                .build();
    }

    @Test
    void writesEveryPartOfTheReport() throws Exception {
        JsonNode report = JSON.readTree(write(fullReport()));

        assertThat(report.path("outputVersion").asInt()).isEqualTo(ReportJson.OUTPUT_VERSION);
        assertThat(report.path("format").path("adapter").asText()).isEqualTo("trivy");
        assertThat(report.path("image").path("ref").asText()).isEqualTo("ghcr.io/acme/shop-api:1.4.2");
        assertThat(report.path("image").path("createdAt").asText()).isEqualTo("2025-01-10T08:03:51Z");
        assertThat(report.path("image").path("baseImage").path("name").asText())
                .isEqualTo("docker.io/library/python:3.12-slim");
        JsonNode finding = report.path("findings").get(0);
        JsonNode vulnerability = finding.path("vulnerability");
        assertThat(vulnerability.path("aliases")).extracting(JsonNode::asText).containsExactly("DSA-5673-1");
        assertThat(vulnerability.path("ratings").get(0).path("score").asDouble())
                .isEqualTo(8.8);
        assertThat(vulnerability.path("epss").path("percentile").asDouble()).isEqualTo(0.97873);
        assertThat(vulnerability.path("epss").path("date").asText()).isEqualTo("2025-01-11");
        assertThat(vulnerability.path("knownExploited").path("dateAdded").asText())
                .isEqualTo("2025-01-02");
        assertThat(vulnerability.path("knownExploited").path("ransomware").asBoolean(true))
                .isFalse();
        assertThat(vulnerability.path("cwes")).extracting(JsonNode::asText).containsExactly("CWE-787");
        assertThat(finding.path("severity").asText()).isEqualTo("HIGH");
        assertThat(finding.path("package").path("sourcePackage").asText()).isEqualTo("glibc");
        assertThat(finding.path("fix").path("state").asText()).isEqualTo(FixState.FIXED.name());
        assertThat(report.path("components").get(0).path("version").asText()).isEqualTo("1:1.2.13.dfsg-1");
        assertThat(report.path("vexStatements").get(0).path("state").asText()).isEqualTo("NOT_AFFECTED");
        assertThat(report.path("vexStatements").get(0).path("products"))
                .extracting(JsonNode::asText)
                .containsExactly("pkg:deb/debian/zlib1g");
        JsonNode skipped = report.path("problems").get(0);
        assertThat(skipped.path("kind").asText()).isEqualTo("SKIPPED_ENTRY");
        assertThat(skipped.path("location").path("line").asInt()).isEqualTo(40);
        assertThat(skipped.path("location").path("pointer").asText()).isEqualTo("/Results/0/Vulnerabilities/2");
        assertThat(skipped.path("location").path("text").asText())
                .isEqualTo("t.json:40:9 (/Results/0/Vulnerabilities/2)");
        assertThat(report.path("counts").path("entries").asInt()).isEqualTo(3);
        assertThat(report.path("counts").path("duplicates").asInt()).isEqualTo(1);
        assertThat(report.path("counts").path("skipped").asInt()).isEqualTo(1);
    }

    @Test
    void writesUnknownValuesAsNullAndAbsentListsAsEmpty() throws Exception {
        JsonNode report = JSON.readTree(write(fullReport()));

        assertThat(report.path("scanner").path("version").isNull()).isTrue();
        assertThat(report.path("databaseBuiltAt").isNull()).isTrue();
        assertThat(report.path("image").path("configDigest").isNull()).isTrue();
        assertThat(report.path("image").path("baseImage").path("digest").isNull())
                .isTrue();
        assertThat(report.path("image").path("repoDigests").isArray()).isTrue();
        assertThat(report.path("image").path("repoDigests")).isEmpty();
        JsonNode debian = report.path("findings")
                .get(0)
                .path("vulnerability")
                .path("ratings")
                .get(1);
        assertThat(debian.path("severity").isNull()).isTrue();
        assertThat(debian.path("score").isNull()).isTrue();
        JsonNode wholeDocument = report.path("problems").get(1).path("location");
        assertThat(wholeDocument.path("line").isNull()).isTrue();
        assertThat(wholeDocument.path("column").isNull()).isTrue();
        assertThat(wholeDocument.path("pointer").asText()).isEmpty();
    }

    @Test
    void writesEveryKeyEvenForAnEmptyReport() throws Exception {
        JsonNode report = JSON.readTree(write(ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("grype", "grype-json", null),
                        ScannerTool.of("Grype", "0.87.0"))
                .build()));

        assertThat(report.fieldNames())
                .toIterable()
                .containsExactly(
                        "outputVersion",
                        "kind",
                        "format",
                        "scanner",
                        "artifact",
                        "image",
                        "scannedAt",
                        "databaseBuiltAt",
                        "findings",
                        "components",
                        "vexStatements",
                        "ignoreRules",
                        "problems",
                        "counts");
        assertThat(report.path("format").path("schemaVersion").isNull()).isTrue();
        assertThat(report.path("image").path("baseImage").isNull()).isTrue();
        assertThat(report.path("findings")).isEmpty();
    }

    @Test
    void escapesNulAndOtherControlCharacters() throws Exception {
        String hostile = "1.0\u0000\u001b[31m";
        ScanReport report = ScanReport.builder(
                        EvidenceKind.SCAN, ReportFormat.of("trivy", "trivy-json", "2"), ScannerTool.of("Trivy", null))
                .finding(new Finding(
                        Vulnerability.builder("CVE-2024-0001").build(),
                        InstalledPackage.of("pkg", hostile),
                        Fix.of(FixState.UNKNOWN),
                        ""))
                .build();

        String text = write(report);

        assertThat(text).doesNotContain("\u0000").doesNotContain("\u001b").contains("1.0\\u0000\\u001B[31m");
        assertThat(JSON.readTree(text)
                        .path("findings")
                        .get(0)
                        .path("package")
                        .path("version")
                        .asText())
                .isEqualTo(hostile);
    }

    @Test
    void writesOneObjectAndALineBreak() {
        String text = write(fullReport());

        assertThat(text).startsWith("{").endsWith("}\n");
    }
}
