package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.testkit.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code shelflife merge} and {@code shelflife diff} (in this JVM, for speed) on a Trivy and
 * a Grype report of the same Debian 10 image ({@code python:3.6}) from the real-world corpus: a
 * legacy Trivy array without package URLs, and a Grype 0.7.0 report with them. They share 72
 * (vulnerability, package, version) triples, by the corpus's own count.
 */
class MergeCommandCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode run(String... arguments) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                arguments,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(out.toByteArray());
    }

    private static String file(Corpus corpus, String name) {
        return corpus.files(name.substring(0, name.indexOf('/'))).stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the corpus manifest"))
                .path()
                .toString();
    }

    @Test
    void mergesATrivyAndAGrypeReportOfOneImageIntoOneGroupPerVulnerabilityWithBothSources() throws Exception {
        Corpus corpus = Corpus.require();
        String trivy = file(corpus, "trivy/dd-legacy_many_vulns.json");
        String grype = file(corpus, "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json");

        JsonNode merge = run("merge", "--output", "json", trivy, grype);

        JsonNode groups = merge.path("groups");
        List<JsonNode> both = new ArrayList<>();
        groups.forEach(g -> {
            if (g.path("scanners").size() == 2) {
                both.add(g);
            }
        });
        assertThat(merge.path("counts").path("findings").asInt()).isEqualTo(93 + 1509);
        assertThat(groups).hasSize(93 + 1509 - 72);
        assertThat(both).hasSize(72).allSatisfy(group -> {
            JsonNode sightings = group.path("sightings");
            assertThat(sightings)
                    .extracting(s -> s.path("scanner").path("name").asText())
                    .containsExactly("Trivy", "Grype");
            assertThat(sightings.get(0).path("id").asText())
                    .isEqualToIgnoringCase(sightings.get(1).path("id").asText());
            assertThat(group.path("package").path("identity").asText()).startsWith("deb/");
        });
        JsonNode apt = both.stream()
                .filter(g -> g.path("id").asText().equals("CVE-2011-3374"))
                .findFirst()
                .orElseThrow();
        assertThat(apt.path("package").path("purl").asText())
                .as("Grype's, which waivers by package URL can match")
                .startsWith("pkg:deb/debian/apt@1.8.2.2");
        assertThat(merge.path("counts").path("oneScannerOnly").asInt()).isEqualTo(93 + 1509 - 2 * 72);
    }

    @Test
    void findsEveryFindingOfAReportExistingAgainstItselfFromTheOtherScanner() throws Exception {
        Corpus corpus = Corpus.require();
        String trivy = file(corpus, "trivy/dd-legacy_many_vulns.json");
        String grype = file(corpus, "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json");

        JsonNode diff = run("diff", "--output", "json", "--baseline", grype, "--", trivy);

        JsonNode counts = diff.path("counts");
        assertThat(counts.path("existing").asInt()).isEqualTo(72);
        assertThat(counts.path("introduced").asInt()
                        + counts.path("newlyDisclosed").asInt())
                .isEqualTo(93 - 72);
        assertThat(counts.path("fixed").asInt()).isPositive();
    }
}
