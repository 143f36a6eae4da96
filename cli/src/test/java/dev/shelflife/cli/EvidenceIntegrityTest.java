package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.ConflictingImagesException;
import dev.shelflife.EvidenceKind;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Stage;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Violation;
import dev.shelflife.spi.ReportSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classes of input that once turned a failing image into a pass: an SBOM taken for the latest
 * scan, a VEX document taken for a scan, reports of two images judged as one, a scan from after
 * {@code --at}. Each is checked through the command in a real process and through the public Java
 * API on the same files, which must agree.
 */
class EvidenceIntegrityTest {

    private static final Path TRIVY = MainTest.TRIVY_EXAMPLE;
    private static final Path GRYPE = MainTest.EXAMPLES.resolve("grype-shop-api-1.4.2.json");
    private static final Path VEX = MainTest.EXAMPLES.resolve("cyclonedx-vex-shop-api-1.4.2.json");
    /** 47 seconds after the Trivy example's scan, as in the report that found the hole. */
    private static final String SBOM_TIMESTAMP = "2025-01-14T09:13:31Z";

    private static final Instant BUILD_AT = Instant.parse("2025-01-15T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path sbom;
    private Path otherImage;

    @BeforeEach
    void writeInputs() throws IOException {
        sbom = temp.resolve("trivy-shop-api.cdx.json");
        Files.writeString(sbom, """
                {
                  "bomFormat": "CycloneDX",
                  "specVersion": "1.5",
                  "version": 1,
                  "metadata": {
                    "timestamp": "%s",
                    "tools": [{"vendor": "aquasecurity", "name": "trivy", "version": "0.58.1"}],
                    "component": {
                      "bom-ref": "image",
                      "type": "container",
                      "name": "ghcr.io/acme/shop-api:1.4.2",
                      "properties": [
                        {"name": "aquasecurity:trivy:RepoTag", "value": "ghcr.io/acme/shop-api:1.4.2"},
                        {"name": "aquasecurity:trivy:ImageID",
                         "value": "sha256:13313e9fcd19a7b0118aba401ab1bc16f935f0b63d166fff6a8b6be35a736f25"}
                      ]
                    }
                  },
                  "components": [
                    {"bom-ref": "pkg:deb/debian/libc6@2.36-9+deb12u4", "type": "library", "name": "libc6",
                     "version": "2.36-9+deb12u4", "purl": "pkg:deb/debian/libc6@2.36-9+deb12u4"}
                  ],
                  "vulnerabilities": []
                }
                """.formatted(SBOM_TIMESTAMP));
        otherImage = temp.resolve("grype-billing.json");
        Files.writeString(
                otherImage,
                Files.readString(GRYPE)
                        .replace("ghcr.io/acme/shop-api", "ghcr.io/acme/billing")
                        .replace(
                                "13313e9fcd19a7b0118aba401ab1bc16f935f0b63d166fff6a8b6be35a736f25",
                                "0000000000000000000000000000000000000000000000000000000000000042"));
    }

    /** What the command says, in a real process. */
    private record Cli(int exitCode, JsonNode verdict, String err) {}

    private Cli evaluate(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("evaluate", "--output", "json"));
        command.addAll(List.of(arguments));
        MainTest.Run run = MainTest.shelflife(temp, command.toArray(String[]::new));
        return new Cli(run.exitCode(), run.out().isEmpty() ? null : JSON.readTree(run.out()), run.err());
    }

    /** What the public Java API says about the same files. */
    private static Verdict library(Stage stage, Instant at, Path... files) {
        ScannerAdapters adapters = ScannerAdapters.load();
        List<ScanReport> reports =
                Stream.of(files).map(f -> adapters.read(ReportSource.of(f))).toList();
        return PolicyEngine.of(Policies.defaults()).evaluate(ImageRecord.of(reports), stage, at);
    }

    private static void assertSameVerdict(Cli cli, Verdict java) {
        assertThat(cli.verdict().path("outcome").asText())
                .isEqualTo(java.outcome().name());
        assertThat(cli.verdict().path("violations"))
                .extracting(
                        v -> v.path("ruleId").asText() + " " + v.path("message").asText())
                .containsExactlyElementsOf(java.violations().stream()
                        .map(v -> v.ruleId() + " " + v.message())
                        .toList());
        assertThat(cli.exitCode()).isEqualTo(java.outcome() == Outcome.FAIL ? 1 : 0);
    }

    @Test
    void neverTakesAnSbomWrittenAfterAFailingScanForTheLatestScan() throws Exception {
        Cli scanOnly = evaluate("--stage", "build", "--at", BUILD_AT.toString(), TRIVY.toString());
        Cli scanAndSbom = evaluate("--stage", "build", "--at", BUILD_AT.toString(), TRIVY.toString(), sbom.toString());
        Verdict java = library(Stage.BUILD, BUILD_AT, TRIVY, sbom);

        assertThat(scanOnly.verdict().path("outcome").asText()).isEqualTo("FAIL");
        assertSameVerdict(scanAndSbom, java);
        assertThat(scanAndSbom.verdict().path("violations"))
                .hasSameSizeAs(scanOnly.verdict().path("violations"));
        assertThat(scanAndSbom.verdict().path("reports"))
                .extracting(r -> r.path("kind").asText())
                .containsExactly("SCAN", "INVENTORY");
    }

    @Test
    void failsAnSbomAloneAsNoVulnerabilityScan() throws Exception {
        Cli cli = evaluate("--stage", "build", "--at", BUILD_AT.toString(), sbom.toString());
        Verdict java = library(Stage.BUILD, BUILD_AT, sbom);

        assertSameVerdict(cli, java);
        assertThat(java.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(java.violations())
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).startsWith("no vulnerability scan of this image: 1 inventory"));
    }

    @Test
    void failsAVexDocumentAloneInJavaAsOnTheCommandLine() throws Exception {
        Cli cli = evaluate("--stage", "deploy", "--at", "2025-01-20", VEX.toString());
        Verdict java = library(Stage.DEPLOY, Instant.parse("2025-01-20T00:00:00Z"), VEX);

        assertSameVerdict(cli, java);
        assertThat(java.outcome()).isEqualTo(Outcome.FAIL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void givesTheSameVerdictThroughTheCommandAndTheLibrary(String name, Stage stage, Instant at, List<Path> files)
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--stage", stage.name(), "--at", at.toString()));
        files.forEach(f -> arguments.add(f.toString()));
        Cli cli = inProcess(arguments);

        assertSameVerdict(cli, library(stage, at, files.toArray(Path[]::new)));
    }

    static Stream<Arguments> combinations() {
        Instant before = Instant.parse("2024-12-01T00:00:00Z");
        Instant between = Instant.parse("2025-01-15T00:00:00Z");
        Instant after = Instant.parse("2025-02-14T00:00:00Z");
        List<Arguments> all = new ArrayList<>();
        for (Stage stage : List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN)) {
            for (Instant at : List.of(before, between, after)) {
                all.add(Arguments.of("trivy at " + stage + " " + at, stage, at, List.of(TRIVY)));
                all.add(Arguments.of("trivy+grype at " + stage + " " + at, stage, at, List.of(TRIVY, GRYPE)));
                all.add(Arguments.of("trivy+grype+vex at " + stage + " " + at, stage, at, List.of(TRIVY, GRYPE, VEX)));
                all.add(Arguments.of("vex at " + stage + " " + at, stage, at, List.of(VEX)));
            }
        }
        return all.stream();
    }

    /** The command in this process, for the many combinations: the real process is tested above. */
    private Cli inProcess(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("evaluate", "--output", "json"));
        command.addAll(arguments);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(command.toArray(String[]::new), o, e);
        }
        return new Cli(code, JSON.readTree(out.toString(StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesReportsOfTwoImagesInEveryCommandNamingBothFiles() throws Exception {
        List<List<String>> commands = List.of(
                List.of("evaluate", "--stage", "deploy", TRIVY.toString(), otherImage.toString()),
                List.of("merge", TRIVY.toString(), otherImage.toString()),
                List.of("diff", "--baseline", TRIVY.toString(), "--", TRIVY.toString(), otherImage.toString()));
        for (List<String> command : commands) {
            MainTest.Run run = MainTest.shelflife(temp, command.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err())
                    .contains(TRIVY + " (Trivy 0.58.1 scan of ghcr.io/acme/shop-api:1.4.2")
                    .contains(otherImage + " (Grype 0.87.0 scan of ghcr.io/acme/billing:1.4.2")
                    .contains("different repositories: ghcr.io/acme/shop-api vs ghcr.io/acme/billing")
                    .contains("give --same-image if they are one image");
            assertThat(run.out()).isEmpty();
        }
        assertThatThrownBy(() -> library(Stage.DEPLOY, BUILD_AT, TRIVY, otherImage))
                .isInstanceOf(ConflictingImagesException.class);
    }

    @Test
    void refusesAPlannedImageWhoseReportsDescribeAnotherImage() throws Exception {
        Path misnamed = Files.writeString(temp.resolve("misnamed.yaml"), """
                images:
                  - name: ghcr.io/acme/billing:3.2.1
                    stage: deploy
                    reports: [%s]
                """.formatted(TRIVY));
        Path mixed = Files.writeString(temp.resolve("mixed.yaml"), """
                images:
                  - name: ghcr.io/acme/shop-api:1.4.2
                    stage: deploy
                    reports: [%s, %s]
                """.formatted(TRIVY, otherImage));

        MainTest.Run misnamedRun = MainTest.shelflife(temp, "plan", misnamed.toString(), "--at", "2025-02-14");
        MainTest.Run mixedRun = MainTest.shelflife(temp, "plan", mixed.toString(), "--at", "2025-02-14");
        MainTest.Run allowed =
                MainTest.shelflife(temp, "plan", misnamed.toString(), "--at", "2025-02-14", "--same-image");

        assertThat(misnamedRun.exitCode()).as(misnamedRun.err()).isEqualTo(2);
        assertThat(misnamedRun.err())
                .contains(misnamed + ":2:5")
                .contains("the image ghcr.io/acme/billing:3.2.1 lists " + TRIVY)
                .contains("different repositories: ghcr.io/acme/billing vs ghcr.io/acme/shop-api");
        assertThat(mixedRun.exitCode()).as(mixedRun.err()).isEqualTo(2);
        assertThat(mixedRun.err()).contains("describe different images");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
    }

    @Test
    void judgesReportsOfTwoImagesAsOneWhenTheCallerSaysSo() throws Exception {
        Cli cli = evaluate(
                "--stage",
                "build",
                "--at",
                BUILD_AT.toString(),
                "--same-image",
                TRIVY.toString(),
                otherImage.toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
        assertThat(cli.verdict().path("reports")).hasSize(2);
    }

    @Test
    void leavesOutEveryScanMadeAfterTheEvaluationInstant() throws Exception {
        Instant before = Instant.parse("2024-12-01T00:00:00Z");
        Cli cli = evaluate("--stage", "build", "--at", "2024-12-01", TRIVY.toString(), GRYPE.toString());
        Verdict java = library(Stage.BUILD, before, TRIVY, GRYPE);

        assertSameVerdict(cli, java);
        assertThat(java.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(java.violations())
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).startsWith("no vulnerability scan of this image"));
        assertThat(cli.verdict().path("ignoredEvidence"))
                .extracting(e -> e.path("file").isNull()
                        ? e.path("subject").asText()
                        : e.path("file").asText())
                .containsExactly(TRIVY.toString(), GRYPE.toString(), "the image's build instant");
        assertThat(cli.verdict().path("nextChange").path("at").asText()).isEqualTo("2025-01-10T07:58:51.512384711Z");
    }

    @Test
    void saysInTheTextThatAReportWasLeftOutAndThatAnSbomIsNotAScan() throws Exception {
        MainTest.Run run = MainTest.shelflife(
                temp,
                "evaluate",
                "--stage",
                "build",
                "--at",
                "2025-01-15",
                TRIVY.toString(),
                GRYPE.toString(),
                sbom.toString());
        MainTest.Run early = MainTest.shelflife(
                temp, "evaluate", "--stage", "build", "--at", "2025-01-15", GRYPE.toString(), TRIVY.toString());

        assertThat(run.out())
                .contains(GRYPE + ": Grype 0.87.0, scanned 2025-01-16T06:00:12.913377104Z, left out")
                .contains(sbom + ": inventory (an SBOM, not a scan), 1 component");
        assertThat(early.out())
                .contains("1 piece of evidence left out, made after the evaluation instant:")
                .contains(GRYPE + ": Grype 0.87.0 scan of ghcr.io/acme/shop-api:1.4.2");
    }

    @Test
    void tellsTheKindOfEveryReportWhenParsingIt() throws Exception {
        for (var expected : List.of(
                new Object[] {TRIVY, EvidenceKind.SCAN},
                new Object[] {VEX, EvidenceKind.ASSESSMENT},
                new Object[] {sbom, EvidenceKind.INVENTORY})) {
            MainTest.Run run = MainTest.shelflife(temp, "parse", "--output", "json", expected[0].toString());

            assertThat(JSON.readTree(run.out()).path("kind").asText()).isEqualTo(expected[1].toString());
        }
    }
}
