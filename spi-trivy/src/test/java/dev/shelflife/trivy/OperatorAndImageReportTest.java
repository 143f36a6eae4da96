package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import dev.shelflife.testkit.KitSample;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Trivy Operator report and a Trivy image report of the same image give the same findings: the
 * same vulnerabilities in the same packages and versions, with the same fix states, fixed
 * versions and severities. What differs is where each says a finding stands (the operator adds the
 * workload) and, where the operator kept only its one {@code score}, the ratings.
 */
class OperatorAndImageReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What both reports must agree on, per finding. */
    private record Same(
            String id,
            String pkg,
            Optional<String> version,
            FixState state,
            List<String> fixedVersions,
            Severity severity) {

        static Same of(Finding finding) {
            return new Same(
                    finding.vulnerability().id(),
                    finding.pkg().name(),
                    finding.pkg().version(),
                    finding.fix().state(),
                    finding.fix().versions(),
                    finding.severity());
        }
    }

    private static List<Same> same(ScanReport report) {
        return report.findings().stream().map(Same::of).toList();
    }

    private static ReportSource resource(String name) {
        return KitSample.ofResource(OperatorAndImageReportTest.class, name).source();
    }

    @Test
    void giveTheSameFindingsAndTheSameImageForOneImage() {
        ScanReport operator = new TrivyOperatorScannerAdapter().read(resource("operator-report.json"));
        ScanReport image = new TrivyScannerAdapter().read(resource("operator-image-trivy.json"));

        assertThat(same(operator)).hasSize(3).isEqualTo(same(image));
        assertThat(operator.findings())
                .extracting(
                        f -> f.pkg().type(),
                        f -> f.pkg().path(),
                        f -> f.vulnerability().title())
                .isEqualTo(image.findings().stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(
                                f.pkg().type(),
                                f.pkg().path(),
                                f.vulnerability().title()))
                        .toList());
        assertThat(operator.findings().get(0).vulnerability().ratings())
                .isEqualTo(image.findings().get(0).vulnerability().ratings());
        assertThat(operator.image().ref().orElseThrow().name())
                .isEqualTo(image.image().ref().orElseThrow().name());
        assertThat(operator.image().manifestDigest()).isEqualTo(image.image().manifestDigest());
        assertThat(operator.image().os()).isEqualTo(image.image().os());
        assertThat(operator.scanner()).isEqualTo(image.scanner());
    }

    @Test
    void giveTheSameFindingsForACorpusReportConvertedEntryByEntry() throws IOException {
        CorpusFile file = Corpus.require().files("trivy-operator").stream()
                .filter(f -> f.name().endsWith("dd-vulnerabilityreport_many-trivy-0.38.2.json"))
                .findFirst()
                .orElseThrow();
        JsonNode resource = JSON.readTree(Files.readAllBytes(file.path()));

        ScanReport operator = new TrivyOperatorScannerAdapter().read(ReportSource.of(file.path()));
        ScanReport image = new TrivyScannerAdapter()
                .read(ReportSource.of("trivy.json", JSON.writeValueAsBytes(asTrivyImageReport(resource))));

        assertThat(same(operator)).hasSize(41).isEqualTo(same(image));
        assertThat(operator.image().ref()).isEqualTo(image.image().ref());
    }

    /**
     * What {@code trivy image --format json} writes for the image a VulnerabilityReport is about:
     * the operator copied each of these fields from it, renamed; the entries' target becomes their
     * result's.
     */
    private static ObjectNode asTrivyImageReport(JsonNode resource) {
        JsonNode report = resource.path("report");
        String name = report.path("registry").path("server").asText() + "/"
                + report.path("artifact").path("repository").asText() + ":"
                + report.path("artifact").path("tag").asText();
        ObjectNode trivy = JSON.createObjectNode();
        trivy.put("SchemaVersion", 2)
                .put("CreatedAt", report.path("updateTimestamp").asText())
                .put("ArtifactName", name)
                .put("ArtifactType", "container_image");
        trivy.putObject("Trivy")
                .put("Version", report.path("scanner").path("version").asText());
        ObjectNode result = trivy.putArray("Results").addObject();
        result.put("Target", name).put("Class", "os-pkgs");
        ArrayNode entries = result.putArray("Vulnerabilities");
        for (JsonNode entry : report.path("vulnerabilities")) {
            ObjectNode converted = entries.addObject();
            converted.set("VulnerabilityID", entry.path("vulnerabilityID"));
            converted.set("PkgName", entry.path("resource"));
            converted.set("InstalledVersion", entry.path("installedVersion"));
            converted.set("FixedVersion", entry.path("fixedVersion"));
            converted.set("Severity", entry.path("severity"));
            converted.set("Title", entry.path("title"));
            converted.set("PrimaryURL", entry.path("primaryLink"));
        }
        return trivy;
    }
}
