package dev.shelflife.cli;

import static dev.shelflife.cli.MainTest.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.cli.MainTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code shelflife merge}: each runs the real command as a separate process
 * on the bundled example reports, a Trivy and a Grype report of one image, current and baseline.
 */
class MergeCommandTest {

    static final String TRIVY = EXAMPLES.resolve("trivy-shop-api-1.4.2.json").toString();
    static final String GRYPE = EXAMPLES.resolve("grype-shop-api-1.4.2.json").toString();
    static final String MAIN_TRIVY =
            EXAMPLES.resolve("baseline/trivy-shop-api-main.json").toString();
    static final String MAIN_GRYPE =
            EXAMPLES.resolve("baseline/grype-shop-api-main.json").toString();
    static final String MAIN_SBOM =
            EXAMPLES.resolve("baseline/sbom-shop-api-main.cdx.json").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Run shelflife(String... arguments) throws Exception {
        return MainTest.shelflife(temp, arguments);
    }

    @Test
    void mergesTheTrivyAndGrypeExamplesIntoOneRowPerVulnerabilityWithBothScanners() throws Exception {
        Run run = shelflife("merge", TRIVY, GRYPE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("scanners    Trivy 0.58.1, Grype 0.87.0")
                .contains("severity    highest")
                .contains("merged      27 findings into 14 vulnerabilities, 13 of them reported by every scanner")
                .containsPattern("CRITICAL +CVE-2023-45853 +zlib1g +1:1\\.2\\.13\\.dfsg-1 +WONT_FIX +Trivy, Grype")
                .containsPattern("HIGH +CVE-2024-6345 +setuptools +69\\.0\\.3 +FIXED 70\\.0\\.0 +Trivy, Grype")
                .containsPattern("LOW +TEMP-0841856-B18BAF +bash +5\\.2\\.15-2\\+b7 +NOT_FIXED +Trivy\\R")
                .contains("3 disagreements:")
                .containsPattern(
                        "SEVERITY +CVE-2005-2541 in tar 1\\.34\\+dfsg-1\\.2\\+deb12u1: Trivy LOW \\(debian\\), "
                                + "Grype NEGLIGIBLE \\(debian:distro:debian:12\\); LOW retained \\(Trivy\\)")
                .containsPattern(
                        "ONE_SCANNER_ONLY +TEMP-0841856-B18BAF in bash 5\\.2\\.15-2\\+b7: reported by Trivy only, not by Grype")
                .containsPattern(
                        "FIXED_IN +CVE-2024-37891 in urllib3 2\\.0\\.7: Trivy fixed in 1\\.26\\.19, 2\\.2\\.2; Grype fixed in 2\\.2\\.2");
    }

    @Test
    void printsEveryScannersSightingOfEachGroupAsJson() throws Exception {
        Run run = shelflife("merge", "--output", "json", TRIVY, GRYPE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode merge = JSON.readTree(run.out());
        assertThat(merge.path("outputVersion").asInt()).isEqualTo(1);
        assertThat(merge.path("severityRule").asText()).isEqualTo("highest");
        assertThat(merge.path("scanners"))
                .extracting(s -> s.path("name").asText(), s -> s.path("version").asText())
                .containsExactly(tuple("Trivy", "0.58.1"), tuple("Grype", "0.87.0"));
        JsonNode counts = merge.path("counts");
        assertThat(List.of(
                        counts.path("findings").asInt(),
                        counts.path("groups").asInt(),
                        counts.path("oneScannerOnly").asInt(),
                        counts.path("severity").asInt(),
                        counts.path("fixState").asInt(),
                        counts.path("fixedIn").asInt()))
                .containsExactly(27, 14, 1, 1, 0, 1);
        JsonNode groups = merge.path("groups");
        assertThat(groups).hasSize(14);
        for (JsonNode group : groups) {
            assertThat(group.path("sightings").size())
                    .as("%s", group.path("id"))
                    .isEqualTo(group.path("scanners").size());
        }
        JsonNode setuptools = only(groups, "setuptools");
        assertThat(setuptools.path("id").asText()).isEqualTo("CVE-2024-6345");
        assertThat(setuptools.path("aliases")).extracting(JsonNode::asText).containsExactly("GHSA-cx63-2mw6-8hw5");
        assertThat(setuptools.path("package").path("identity").asText()).isEqualTo("pypi/setuptools");
        assertThat(setuptools.path("package").path("version").asText()).isEqualTo("69.0.3");
        assertThat(setuptools.path("fix").path("versions"))
                .extracting(JsonNode::asText)
                .containsExactly("70.0.0");
        assertThat(setuptools.path("sightings"))
                .extracting(
                        s -> s.path("scanner").path("name").asText(),
                        s -> s.path("id").asText(),
                        s -> s.path("severity").asText(),
                        s -> s.path("severitySource").asText())
                .containsExactly(
                        tuple("Trivy", "CVE-2024-6345", "HIGH", "ghsa"),
                        tuple("Grype", "GHSA-cx63-2mw6-8hw5", "HIGH", "github:language:python"));
        assertThat(setuptools.path("disagreements")).isEmpty();
        JsonNode urllib3 = only(groups, "urllib3");
        assertThat(urllib3.path("fix").path("versions"))
                .extracting(JsonNode::asText)
                .containsExactly("1.26.19", "2.2.2");
        assertThat(urllib3.path("disagreements"))
                .extracting(d -> d.path("kind").asText())
                .containsExactly("FIXED_IN");
    }

    @Test
    void findsEveryKindOfDisagreementInTheTwoExamplePairs() throws Exception {
        Run current = shelflife("merge", "--output", "json", TRIVY, GRYPE);
        Run baseline = shelflife("merge", "--output", "json", MAIN_TRIVY, MAIN_GRYPE, MAIN_SBOM);

        assertThat(baseline.exitCode()).as(baseline.err()).isZero();
        List<String> kinds = new ArrayList<>();
        for (Run run : List.of(current, baseline)) {
            JSON.readTree(run.out())
                    .path("groups")
                    .forEach(g -> g.path("disagreements")
                            .forEach(d -> kinds.add(d.path("kind").asText())));
        }
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        "SEVERITY", "ONE_SCANNER_ONLY", "FIXED_IN", "SEVERITY", "ONE_SCANNER_ONLY", "FIX_STATE");
        JsonNode urllib3 = only(JSON.readTree(baseline.out()).path("groups"), "urllib3");
        assertThat(urllib3.path("disagreements").get(0).path("message").asText())
                .isEqualTo("CVE-2024-37891 in urllib3 2.0.7: Trivy FIXED 1.26.19, 2.2.2, Grype NOT_FIXED");
        assertThat(JSON.readTree(baseline.out()).path("scanners"))
                .extracting(s -> s.path("name").asText())
                .as("the SBOM is not a scanner")
                .containsExactly("Trivy", "Grype");
    }

    @Test
    void choosesTheSeverityByTheRuleGiven() throws Exception {
        Run highest = shelflife("merge", "--output", "json", TRIVY, GRYPE);
        Run grype = shelflife("merge", "--output", "json", "--severity", "scanner:grype", TRIVY, GRYPE);
        Run vendor = shelflife("merge", "--output=json", "--severity=vendor", TRIVY);

        assertThat(only(JSON.readTree(highest.out()).path("groups"), "tar")
                        .path("severity")
                        .asText())
                .isEqualTo("LOW");
        JsonNode tar = only(JSON.readTree(grype.out()).path("groups"), "tar");
        assertThat(List.of(
                        tar.path("severity").asText(),
                        tar.path("severityScanner").asText(),
                        tar.path("severitySource").asText()))
                .containsExactly("NEGLIGIBLE", "Grype", "debian:distro:debian:12");
        JsonNode zlib = only(JSON.readTree(vendor.out()).path("groups"), "zlib1g");
        assertThat(List.of(
                        zlib.path("severity").asText(),
                        zlib.path("severitySource").asText()))
                .as("Debian's own rating of its zlib over NVD's CRITICAL")
                .containsExactly("LOW", "debian");
        assertThat(JSON.readTree(vendor.out()).path("severityRule").asText()).isEqualTo("vendor");
    }

    @Test
    void writesAPullRequestCommentInMarkdown() throws Exception {
        Run run = shelflife("merge", "--output", "markdown", TRIVY, GRYPE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("## ShelfLife: 14 vulnerabilities reported by Trivy 0.58.1, Grype 0.87.0\n")
                .contains(
                        "27 findings merged into **14 vulnerabilities** · 13 reported by every scanner · **3 disagreements**")
                .contains(
                        "- **One scanner only**: TEMP-0841856-B18BAF in bash 5.2.15-2+b7: reported by Trivy only, not by Grype")
                .contains("<details><summary>Vulnerabilities (14)</summary>")
                .contains(
                        "| HIGH | `CVE-2024-6345` | `GHSA-cx63-2mw6-8hw5` | `setuptools` | `69.0.3` | `70.0.0` | Trivy, Grype |");
    }

    @Test
    void keepsReportContentInertInMarkdown() throws Exception {
        String hostile = Files.readString(Path.of(TRIVY))
                .replace("\"PkgName\": \"bash\"", "\"PkgName\": \"bash|<img src=x>`@acme/team\"");
        Path file = Files.writeString(temp.resolve("hostile.json"), hostile);

        Run run = shelflife("merge", "--output", "markdown", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| `bash\\|<img src=x>'@acme/team` |").doesNotContain("bash|<img");
    }

    @Test
    void exitsWith2ForBadArgumentsAnd3ForAnUnreadableReport() throws Exception {
        Run none = shelflife("merge", "--output", "json");
        Run severity = shelflife("merge", "--severity", "lowest", TRIVY);
        Run output = shelflife("merge", "--output", "sarif", TRIVY);
        Run missing = shelflife("merge", TRIVY, temp.resolve("missing.json").toString());
        Run misspelt = shelflife("merge", "--severity", "scanner:gripe", TRIVY, GRYPE);

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err())
                .contains("shelflife merge: missing the REPORT files")
                .contains("usage: shelflife merge REPORT...");
        assertThat(severity.exitCode()).isEqualTo(2);
        assertThat(severity.err())
                .contains("--severity: unknown severity rule \"lowest\": expected highest, vendor or scanner:NAME");
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("--output must be one of text, json, markdown, not \"sarif\"");
        assertThat(misspelt.exitCode()).isEqualTo(2);
        assertThat(misspelt.err())
                .contains("--severity scanner:gripe: no scan given was written by gripe (the scans' scanners: Grype,"
                        + " Trivy)");
        assertThat(misspelt.out()).isEmpty();
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err())
                .isEqualTo(temp.resolve("missing.json") + " (/): no such file" + System.lineSeparator());
    }

    @Test
    void isListedInTheHelp() throws Exception {
        Run help = shelflife("--help");
        Run mergeHelp = shelflife("merge", "--help");

        assertThat(help.out())
                .containsPattern("merge +merge several scanners' reports")
                .containsPattern("diff +compare an image's reports");
        assertThat(mergeHelp.exitCode()).isZero();
        assertThat(mergeHelp.out())
                .startsWith("usage: shelflife merge REPORT...")
                .contains("--severity highest|vendor|scanner:NAME");
    }

    /** The one group of a package. */
    static JsonNode only(JsonNode groups, String packageName) {
        List<JsonNode> found = new ArrayList<>();
        groups.forEach(g -> {
            if (g.path("package").path("name").asText().equals(packageName)) {
                found.add(g);
            }
        });
        assertThat(found).as("groups of %s", packageName).hasSize(1);
        return found.get(0);
    }
}
