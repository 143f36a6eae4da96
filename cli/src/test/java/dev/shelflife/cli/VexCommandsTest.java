package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenVEX and CSAF documents on the command line (in this JVM, for speed): {@code parse} says each
 * corpus document is an assessment and counts its statements as MANIFEST.tsv does, and
 * {@code evaluate} applies a document's statements to a real Trivy report of the corpus as waivers,
 * the one made last deciding, whatever the order of the files.
 */
class VexCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Trivy's scan of ghcr.io/aquasecurity/trivy-test-images:ubuntu-1804: CVE-2019-5094 in four e2fsprogs packages. */
    private static final String UBUNTU = "trivy/trivy-head-schema2-ubuntu-1804-affected.json";

    private static final String IMAGE =
            "pkg:oci/trivy-test-images?repository_url=ghcr.io/aquasecurity/trivy-test-images&tag=ubuntu-1804";
    private static final String E2FSPROGS = "e2fsprogs, libcom-err2, libext2fs2, libss2";
    private static final String AT = "2021-11-01T00:00:00Z";

    @TempDir
    Path folder;

    private record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private static Run shelflife(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                arguments,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The raw entries MANIFEST.tsv gives a file: statements of OpenVEX, product status entries of CSAF. */
    private static int manifestEntries(Corpus.CorpusFile file) throws IOException {
        if (file.name().startsWith("openvex/")) {
            return file.rawEntries();
        }
        Pattern count = Pattern.compile("product_status entries=(\\d+)");
        for (String line : Files.readAllLines(Corpus.require().root().resolve("MANIFEST.tsv"))) {
            String[] columns = line.split("\t", -1);
            if (columns[0].equals(file.name())) {
                Matcher matcher = count.matcher(columns[5]);
                assertThat(matcher.find()).as("%s", columns[5]).isTrue();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("no line for " + file + " in MANIFEST.tsv");
    }

    @TestFactory
    Stream<DynamicTest> parsesEveryVexDocumentOfTheCorpusAsAnAssessmentWithTheManifestsCount() {
        Corpus corpus = Corpus.require();
        List<Corpus.CorpusFile> files = new ArrayList<>(corpus.files("openvex"));
        files.addAll(corpus.files("csaf"));
        assertThat(files).hasSize(8);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    Run run = shelflife("parse", "--output", "json", file.path().toString());

                    assertThat(run.code()).as(run.err()).isZero();
                    JsonNode report = run.json();
                    int entries = manifestEntries(file);
                    assertThat(report.path("kind").asText()).isEqualTo("ASSESSMENT");
                    assertThat(report.path("format").path("adapter").asText())
                            .isEqualTo(file.name().substring(0, file.name().indexOf('/')));
                    JsonNode counts = report.path("counts");
                    assertThat(counts.path("entries").asInt())
                            .as("%s", file.notes())
                            .isEqualTo(entries);
                    assertThat(counts.path("statements").asInt()).isEqualTo(entries);
                    assertThat(counts.path("findings").asInt()).isZero();
                    assertThat(counts.path("skipped").asInt()).isZero();
                    assertThat(report.path("vexStatements")).hasSize(entries);

                    Run text = shelflife("parse", file.path().toString());
                    assertThat(text.out())
                            .contains("kind        assessment")
                            .contains(entries + (entries == 1 ? " statement," : " statements,"));
                }));
    }

    @Test
    void writesTheSubcomponentsOfEachProductOfAStatement() throws IOException {
        Path demo = Corpus.require().root().resolve("openvex/grype-openvex-demo2-subcomponents.json");

        JsonNode statement = shelflife("parse", "--output", "json", demo.toString())
                .json()
                .path("vexStatements")
                .get(0);

        String alpine = "pkg:oci/alpine@sha256%3A124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126";
        assertThat(statement.path("products").get(0).asText()).isEqualTo(alpine);
        assertThat(statement.path("subcomponents").path(alpine))
                .extracting(JsonNode::asText)
                .containsExactly("pkg:apk/alpine/libssl3@3.0.8-r3", "pkg:apk/alpine/libcrypto3@3.0.8-r3");
        assertThat(statement.path("state").asText()).isEqualTo("RESOLVED");
    }

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** A policy that fails a build on any medium finding. */
    private Path policy() throws IOException {
        return write("policy.yaml", """
                stages:
                  build:
                    mode: enforce
                    rules:
                      - {rule: severity-gate, minimum: medium}
                """);
    }

    /** An OpenVEX document of one statement about CVE-2019-5094 in the packages named, made at an instant. */
    private Path openVex(String name, String timestamp, String status, String product, String... packages)
            throws IOException {
        StringBuilder subcomponents = new StringBuilder();
        for (String pkg : packages) {
            subcomponents
                    .append(subcomponents.length() == 0 ? "" : ", ")
                    .append("{\"@id\": \"pkg:deb/ubuntu/")
                    .append(pkg)
                    .append("\"}");
        }
        String justification = status.equals("not_affected")
                ? ", \"justification\": \"vulnerable_code_not_in_execute_path\""
                : ", \"action_statement\": \"upgrade e2fsprogs\"";
        return write(name, """
                {"@context": "https://openvex.dev/ns/v0.2.0", "author": "Trivy test images team",
                 "timestamp": "%s",
                 "statements": [{"vulnerability": {"name": "CVE-2019-5094"},
                                 "products": [{"@id": "%s", "subcomponents": [%s]}],
                                 "status": "%s"%s}]}
                """.formatted(timestamp, product, subcomponents, status, justification));
    }

    private Run evaluate(Path... reports) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "evaluate", "--stage", "build", "--at", AT, "--output", "json", "--policy", policy().toString()));
        reports().forEach(arguments::add);
        for (Path report : reports) {
            arguments.add(report.toString());
        }
        return shelflife(arguments.toArray(String[]::new));
    }

    private static List<String> reports() {
        return List.of(Corpus.require().root().resolve(UBUNTU).toString());
    }

    private static List<String> violations(JsonNode verdict) {
        List<String> found = new ArrayList<>();
        verdict.path("violations")
                .forEach(v -> found.add(v.path("vulnerability").asText() + " "
                        + v.path("package").path("name").asText()));
        return found;
    }

    @Test
    void appliesAnOpenVexStatementAboutTheScannedImageAsAWaiverListedAmongThoseApplied() throws IOException {
        Run without = evaluate();
        Run with = evaluate(openVex("vex.json", "2021-09-01T00:00:00Z", "not_affected", IMAGE, E2FSPROGS.split(", ")));

        assertThat(without.code()).as(without.err()).isEqualTo(1);
        assertThat(violations(without.json())).hasSize(4).allMatch(v -> v.startsWith("CVE-2019-5094 "));
        assertThat(with.code()).as(with.err()).isZero();
        JsonNode verdict = with.json();
        assertThat(verdict.path("outcome").asText()).isEqualTo("PASS");
        assertThat(verdict.path("waivers").path("applied")).singleElement().satisfies(waiver -> {
            assertThat(waiver.path("id").asText()).isEqualTo("vex:CVE-2019-5094");
            assertThat(waiver.path("origin").asText()).isEqualTo("VEX");
            assertThat(waiver.path("reason").asText())
                    .isEqualTo("VEX not_affected: vulnerable_code_not_in_execute_path");
            assertThat(waiver.path("findings"))
                    .extracting(f -> f.path("package").path("name").asText())
                    .containsExactlyInAnyOrder(E2FSPROGS.split(", "));
        });
        assertThat(verdict.path("reports"))
                .extracting(r -> r.path("kind").asText())
                .containsExactly("SCAN", "ASSESSMENT");
    }

    @Test
    void letsTheLaterOfTwoOpenVexDocumentsDecideWhicheverComesFirst() throws IOException {
        Path september =
                openVex("september.json", "2021-09-01T00:00:00Z", "not_affected", IMAGE, E2FSPROGS.split(", "));
        Path october = openVex("october.json", "2021-10-01T00:00:00Z", "affected", IMAGE, "libss2");

        for (Run run : List.of(evaluate(september, october), evaluate(october, september))) {
            assertThat(run.code()).as(run.err()).isEqualTo(1);
            assertThat(violations(run.json())).containsExactly("CVE-2019-5094 libss2");
            assertThat(run.json().path("waivers").path("applied").get(0).path("findings"))
                    .hasSize(3);
        }
        Run before = shelflife(
                "evaluate",
                "--stage",
                "build",
                "--at",
                "2021-09-15T00:00:00Z",
                "--output",
                "json",
                "--policy",
                policy().toString(),
                reports().get(0),
                october.toString(),
                september.toString());
        assertThat(before.code())
                .as("October's statement does not exist yet: %s", before.err())
                .isZero();
    }

    @Test
    void appliesNoStatementAboutAnotherImage() throws IOException {
        Run run = evaluate(openVex(
                "vex.json",
                "2021-09-01T00:00:00Z",
                "not_affected",
                "pkg:oci/trivy-test-images?repository_url=ghcr.io/aquasecurity/trivy-test-images&tag=alpine-310",
                E2FSPROGS.split(", ")));

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(violations(run.json())).hasSize(4);
        assertThat(run.json().path("waivers").path("applied")).isEmpty();
    }

    @Test
    void appliesACsafProductStatusAboutAComponentOfTheScannedImage() throws IOException {
        Path csaf = write("csaf.json", """
                {"document": {"category": "csaf_vex", "csaf_version": "2.0",
                              "publisher": {"category": "vendor", "name": "Trivy test images team", "namespace": "https://example.com"},
                              "tracking": {"id": "TTI-1", "version": "1", "status": "final",
                                           "initial_release_date": "2021-09-01T00:00:00Z", "current_release_date": "2021-09-01T00:00:00Z"}},
                 "product_tree": {
                   "full_product_names": [
                     {"name": "ubuntu-1804", "product_id": "IMAGE", "product_identification_helper": {"purl": "%s"}},
                     {"name": "libss2", "product_id": "LIBSS2", "product_identification_helper": {"purl": "pkg:deb/ubuntu/libss2"}}],
                   "relationships": [{"category": "default_component_of", "product_reference": "LIBSS2",
                     "relates_to_product_reference": "IMAGE", "full_product_name": {"name": "libss2 in ubuntu-1804", "product_id": "IMAGE:LIBSS2"}}]},
                 "vulnerabilities": [{"cve": "CVE-2019-5094",
                   "flags": [{"label": "vulnerable_code_not_present", "product_ids": ["IMAGE:LIBSS2"]}],
                   "product_status": {"known_not_affected": ["IMAGE:LIBSS2"]}}]}
                """.formatted(IMAGE));

        Run run = evaluate(csaf);

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(violations(run.json()))
                .containsExactlyInAnyOrder(
                        "CVE-2019-5094 e2fsprogs", "CVE-2019-5094 libcom-err2", "CVE-2019-5094 libext2fs2");
        assertThat(run.json().path("waivers").path("applied")).singleElement().satisfies(waiver -> {
            assertThat(waiver.path("id").asText()).isEqualTo("vex:CVE-2019-5094");
            assertThat(waiver.path("reason").asText()).isEqualTo("VEX not_affected: vulnerable_code_not_present");
        });
    }
}
