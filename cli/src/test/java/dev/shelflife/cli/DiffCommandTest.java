package dev.shelflife.cli;

import static dev.shelflife.cli.MergeCommandTest.GRYPE;
import static dev.shelflife.cli.MergeCommandTest.MAIN_GRYPE;
import static dev.shelflife.cli.MergeCommandTest.MAIN_SBOM;
import static dev.shelflife.cli.MergeCommandTest.MAIN_TRIVY;
import static dev.shelflife.cli.MergeCommandTest.TRIVY;
import static dev.shelflife.cli.MergeCommandTest.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.cli.MainTest.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code shelflife diff}: each runs the real command as a separate process,
 * comparing the bundled example reports of {@code shop-api:1.4.2} (a pull request's image) with
 * those of {@code shop-api:main} (its baseline: the mainline image's last scans and its SBOM).
 */
class DiffCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Run shelflife(String... arguments) throws Exception {
        return MainTest.shelflife(temp, arguments);
    }

    /** {@code diff [OPTIONS] --baseline MAIN... -- CURRENT...} on the examples, with the baseline's SBOM. */
    private Run diff(String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("diff"));
        arguments.addAll(List.of(options));
        arguments.addAll(List.of("--baseline", MAIN_TRIVY, MAIN_GRYPE, MAIN_SBOM, "--", TRIVY, GRYPE));
        return shelflife(arguments.toArray(String[]::new));
    }

    @Test
    void classifiesTheExamplesIntoAllFourStatuses() throws Exception {
        Run run = diff();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("baseline    Trivy 0.52.2, Grype 0.79.1: 12 vulnerabilities")
                .contains("current     Trivy 0.58.1, Grype 0.87.0: 14 vulnerabilities")
                .contains("changes     2 introduced, 2 newly disclosed, 10 existing, 1 fixed")
                .containsPattern("INTRODUCED +HIGH +CVE-2024-6345 +setuptools +- +69\\.0\\.3 +FIXED 70\\.0\\.0")
                .containsPattern("INTRODUCED +MEDIUM +CVE-2024-34064 +Jinja2 +3\\.1\\.2 +3\\.1\\.3 +FIXED 3\\.1\\.4")
                .containsPattern(
                        "NEWLY_DISCLOSED +LOW +CVE-2024-5535 +libssl3 +3\\.0\\.13-1~deb12u1 +3\\.0\\.13-1~deb12u1")
                .containsPattern(
                        "EXISTING +CRITICAL +CVE-2023-45853 +zlib1g +1:1\\.2\\.13\\.dfsg-1 +1:1\\.2\\.13\\.dfsg-1 +WONT_FIX")
                .containsPattern("FIXED +MEDIUM +CVE-2024-22195 +Jinja2 +3\\.1\\.2 +3\\.1\\.3 +FIXED 3\\.1\\.3");
    }

    @Test
    void readsAnUnchangedPackageWithoutFindingsInTheBaselineAsIntroducedWithoutItsSbom() throws Exception {
        Run run = shelflife("diff", "--baseline", MAIN_TRIVY, MAIN_GRYPE, "--", TRIVY, GRYPE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("changes     4 introduced, 0 newly disclosed, 10 existing, 1 fixed")
                .containsPattern("INTRODUCED +LOW +CVE-2024-5535 +openssl +- +3\\.0\\.13-1~deb12u1");
    }

    @Test
    void printsEveryClassifiedFindingAsJson() throws Exception {
        Run run = diff("--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode diff = JSON.readTree(run.out());
        assertThat(diff.path("outputVersion").asInt()).isEqualTo(1);
        assertThat(diff.path("baseline").path("scanners"))
                .extracting(s -> s.path("name").asText())
                .containsExactly("Trivy", "Grype");
        assertThat(diff.path("baseline").path("groups").asInt()).isEqualTo(12);
        assertThat(diff.path("current").path("groups").asInt()).isEqualTo(14);
        JsonNode counts = diff.path("counts");
        assertThat(Stream.of("introduced", "newlyDisclosed", "existing", "fixed")
                        .map(k -> counts.path(k).asInt()))
                .containsExactly(2, 2, 10, 1);
        JsonNode findings = diff.path("findings");
        assertThat(findings).hasSize(15);
        assertThat(findings)
                .filteredOn(f -> f.path("package").path("name").asText().equals("Jinja2"))
                .extracting(
                        f -> f.path("status").asText(),
                        f -> f.path("id").asText(),
                        f -> f.path("package").path("version").asText(),
                        f -> f.path("otherVersions").get(0).asText())
                .containsExactly(
                        tuple("INTRODUCED", "CVE-2024-34064", "3.1.3", "3.1.2"),
                        tuple("FIXED", "CVE-2024-22195", "3.1.2", "3.1.3"));
        JsonNode urllib3 = only(findings, "urllib3");
        assertThat(urllib3.path("status").asText()).isEqualTo("EXISTING");
        assertThat(urllib3.path("sightings"))
                .extracting(s -> s.path("scanner").path("version").asText())
                .as("the current image's sightings")
                .containsExactly("0.58.1", "0.87.0");
    }

    @Test
    void writesAPullRequestCommentWithWhatTheChangeIntroducedFirst() throws Exception {
        Run run = diff("--output", "markdown");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String md = run.out();
        assertThat(md)
                .startsWith("## 🛑 ShelfLife: this change introduces 2 vulnerabilities\n")
                .contains("**2 introduced** · 2 newly disclosed · 10 existing · 1 fixed, against the baseline's reports"
                        + " (Trivy 0.52.2, Grype 0.79.1; this image's: Trivy 0.58.1, Grype 0.87.0).")
                .contains("| HIGH | `CVE-2024-6345` | `setuptools` | — | `69.0.3` | `70.0.0` | Trivy, Grype |")
                .contains("<details><summary>Existing (10): in the baseline already</summary>");
        assertThat(md.indexOf("### 🛑 Introduced (2)"))
                .isPositive()
                .isLessThan(md.indexOf("### ⚠️ Newly disclosed (2)"));
        assertThat(md.indexOf("### ⚠️ Newly disclosed (2)")).isLessThan(md.indexOf("### ✅ Fixed (1)"));
    }

    @Test
    void findsNothingIntroducedInAnImageComparedWithItself() throws Exception {
        Run run = shelflife(
                "diff",
                "--output",
                "markdown",
                "--fail-on-introduced",
                "any",
                "--baseline",
                TRIVY,
                GRYPE,
                "--",
                GRYPE,
                TRIVY);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("## ✅ ShelfLife: this change introduces no vulnerability\n")
                .contains("**0 introduced** · 0 newly disclosed · 14 existing · 0 fixed");
    }

    @Test
    void exitsWith1WhenTheChangeIntroducedAFindingOfTheGivenSeverity() throws Exception {
        Run high = diff("--fail-on-introduced", "high");
        Run critical = diff("--fail-on-introduced", "CRITICAL");
        Run any = diff("--fail-on-introduced=any", "--output", "json");

        assertThat(high.exitCode()).as(high.err()).isEqualTo(1);
        assertThat(high.out()).contains("2 introduced");
        assertThat(critical.exitCode()).as(critical.err()).isZero();
        assertThat(any.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(any.out()).path("counts").path("introduced").asInt())
                .isEqualTo(2);
    }

    @Test
    void exitsWith2ForBadArgumentsAnd3ForAnUnreadableReport() throws Exception {
        Run noSeparator = shelflife("diff", "--baseline", MAIN_TRIVY, TRIVY);
        Run noBaseline = shelflife("diff", MAIN_TRIVY, "--", TRIVY);
        Run noCurrent = shelflife("diff", "--baseline", MAIN_TRIVY, "--");
        Run badThreshold = shelflife("diff", "--fail-on-introduced", "severe", "--baseline", MAIN_TRIVY, "--", TRIVY);
        Run missing = shelflife("diff", "--baseline", temp.resolve("main.json").toString(), "--", TRIVY);

        assertThat(List.of(noSeparator, noBaseline, noCurrent, badThreshold))
                .extracting(Run::exitCode)
                .containsOnly(2);
        assertThat(noSeparator.err())
                .contains("shelflife diff: missing '--' and the image's REPORT files after it")
                .contains("usage: shelflife diff ");
        assertThat(noBaseline.err()).contains("shelflife diff: missing --baseline REPORT...");
        assertThat(noCurrent.err()).contains("shelflife diff: missing the image's REPORT files after '--'");
        assertThat(badThreshold.err())
                .contains(
                        "--fail-on-introduced must be critical, high, medium, low, negligible or any, not \"severe\"");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo(temp.resolve("main.json") + " (/): no such file" + System.lineSeparator());
    }
}
