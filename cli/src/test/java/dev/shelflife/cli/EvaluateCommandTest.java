package dev.shelflife.cli;

import static dev.shelflife.cli.MainTest.EXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.cli.MainTest.Run;
import dev.shelflife.output.SarifSchema;
import dev.shelflife.output.VerdictJsonKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@code shelflife evaluate}: each runs the real command as a separate Java
 * process on the bundled examples, the reports of one image by Trivy and Grype and a CycloneDX VEX
 * document, as the README shows them.
 */
class EvaluateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REPORTS = List.of(
            EXAMPLES.resolve("trivy-shop-api-1.4.2.json").toString(),
            EXAMPLES.resolve("grype-shop-api-1.4.2.json").toString(),
            EXAMPLES.resolve("cyclonedx-vex-shop-api-1.4.2.json").toString());
    private static final String POLICY = EXAMPLES.resolve("policy.yaml").toString();
    private static final Path GOLDEN = Path.of("src/test/resources/dev/shelflife/cli/evaluate");
    /** A month after the scans: the HIGH findings are past their 30-day SLA. */
    private static final String MONTH_LATER = "2025-02-14T00:00:00Z";
    /** Four days after the scans: every deadline is still ahead. */
    private static final String DAYS_LATER = "2025-01-20";

    @TempDir
    Path temp;

    private Run evaluate(String... options) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("evaluate"));
        arguments.addAll(List.of(options));
        arguments.addAll(REPORTS);
        return MainTest.shelflife(temp, arguments.toArray(String[]::new));
    }

    @Test
    void failsAtDeployWithTheViolationsTheVexWaiversAndTheForecast() throws Exception {
        Run run = evaluate("--stage", "deploy", "--at", MONTH_LATER);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .startsWith("deploy  ENFORCE  @2025-02-14T00:00:00Z  => FAIL\n")
                .contains(
                        "  [sla BLOCK] CVE-2024-2961 HIGH in libc6 2.36-9+deb12u4 passed its 30d SLA on 2025-02-13T09:12:44.518203771Z")
                .contains("  [scan-age BLOCK] the latest scan, made 2025-01-16T06:00:12.913377104Z")
                .contains("  [database-age BLOCK] the vulnerability database of the latest scan")
                .contains("  [sla BLOCK] CVE-2024-6345 HIGH in setuptools 69.0.3 passed its 30d SLA")
                .contains("  UPDATE_BASE_IMAGE docker.io/library/python:3.12-slim")
                .contains("  RESCAN")
                .contains("  vex:CVE-2023-45853  VEX not_affected: code_not_present")
                .contains("cyclonedx-vex-shop-api-1.4.2.json: assessment, 5 statements")
                .contains("  BUMP setuptools 69.0.3 -> 70.0.0, a major bump  (for 1 violation)")
                .contains("  BUMP libc6 2.36-9+deb12u4 -> 2.36-9+deb12u7, a patch bump")
                .endsWith("next change: 2025-04-10T08:03:51.512384711Z: the image built 2025-01-10T08:03:51.512384711Z,"
                        + " reaches the 90d age limit (image-age)\n");
    }

    @Test
    void exitsWith0ForAPassOrAWarningAnd1ForAWarningWithFailOnWarn() throws Exception {
        Run pass = evaluate("--stage", "deploy", "--at", DAYS_LATER);
        Run warn = evaluate("--stage", "run", "--at", MONTH_LATER);
        Run strict = evaluate("--stage", "run", "--at", MONTH_LATER, "--fail-on", "warn");
        Run strictPass = evaluate("--stage", "deploy", "--at", DAYS_LATER, "--fail-on=warn");

        assertThat(pass.exitCode()).as(pass.err()).isZero();
        assertThat(pass.out()).startsWith("deploy  ENFORCE  @2025-01-20T00:00:00Z  => PASS\n");
        assertThat(warn.exitCode()).as(warn.err()).isZero();
        assertThat(warn.out()).startsWith("run  WARN  @2025-02-14T00:00:00Z  => WARN\n");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).isEqualTo(warn.out());
        assertThat(strictPass.exitCode()).isZero();
    }

    @Test
    void flipsTheOutcomeExactlyAtTheForecastInstant() throws Exception {
        JsonNode before = JSON.readTree(evaluate("--stage", "deploy", "--at", DAYS_LATER, "--output", "json")
                .out());
        Instant change = Instant.parse(before.path("nextChange").path("at").asText());

        Run justBefore =
                evaluate("--stage", "deploy", "--at", change.minusSeconds(1).toString(), "--output", "json");
        Run at = evaluate("--stage", "deploy", "--at", change.toString(), "--output", "json");

        assertThat(before.path("outcome").asText()).isEqualTo("PASS");
        assertThat(before.path("nextChange").path("reason").asText()).endsWith("reaches the 7d age limit (scan-age)");
        assertThat(before.path("validUntil").path("passing").asBoolean()).isTrue();
        assertThat(before.path("validUntil").path("at").asText()).isEqualTo(change.toString());
        assertThat(before.path("validUntil").path("reason").asText())
                .isEqualTo(before.path("nextChange").path("reason").asText());
        assertThat(evaluate("--stage", "deploy", "--at", DAYS_LATER).out()).contains("\nvalid until: " + change + ": ");
        assertThat(justBefore.exitCode()).isZero();
        assertThat(JSON.readTree(justBefore.out()).path("outcome").asText()).isEqualTo("PASS");
        assertThat(at.exitCode()).isEqualTo(1);
        JsonNode after = JSON.readTree(at.out());
        assertThat(after.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(after.path("violations"))
                .extracting(v -> v.path("ruleId").asText())
                .containsExactly("scan-age");
        assertThat(after.path("violations").get(0).path("deadline").asText()).isEqualTo(change.toString());
    }

    @Test
    void printsTheDocumentedJsonShape() throws Exception {
        Run run = evaluate("--stage", "deploy", "--policy", POLICY, "--at", MONTH_LATER, "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode verdict = JSON.readTree(run.out());
        assertThat(verdict.fieldNames()).toIterable().containsExactlyElementsOf(VerdictJsonKeys.TOP_LEVEL);
        assertThat(verdict.path("policy").asText()).isEqualTo(POLICY);
        assertThat(verdict.path("waivers").path("applied"))
                .extracting(w -> w.path("id").asText())
                .contains("SEC-1042", "vex:CVE-2023-45853", "vex:CVE-2023-31484", "vex:CVE-2005-2541");
        JsonNode sec = verdict.path("waivers").path("applied").get(0);
        assertThat(sec.path("origin").asText()).isEqualTo("POLICY");
        assertThat(sec.path("owner").asText()).isEqualTo("team-shop");
        assertThat(sec.path("expires").asText()).isEqualTo("2025-03-31T00:00:00Z");
        assertThat(verdict.path("nextChange").path("at").asText()).isEqualTo("2025-03-31T00:00:00Z");
        assertThat(verdict.path("nextChange").path("reason").asText()).isEqualTo("waiver SEC-1042 expires");
        assertThat(verdict.path("reports"))
                .extracting(r -> r.path("kind").asText())
                .containsExactly("SCAN", "SCAN", "ASSESSMENT");
        assertThat(verdict.path("reports"))
                .extracting(r -> r.path("file").asText())
                .containsExactlyElementsOf(REPORTS);
        for (JsonNode violation : verdict.path("violations")) {
            assertThat(violation.path("effect").asText()).isIn("BLOCK", "WARN");
            assertThat(violation.path("message").isTextual()).isTrue();
            assertThat(violation.path("reports").isArray()).isTrue();
        }
    }

    @Test
    void printsSarifThatTheOfficialSchemaAccepts() throws Exception {
        Run run = evaluate("--stage", "deploy", "--at", MONTH_LATER, "--output", "sarif");
        Run json = evaluate("--stage", "deploy", "--at", MONTH_LATER, "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(SarifSchema.problems(run.out())).isEmpty();
        JsonNode results = JSON.readTree(run.out()).path("runs").get(0).path("results");
        assertThat(results).hasSameSizeAs(JSON.readTree(json.out()).path("violations"));
        assertThat(results.get(0)
                        .path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("artifactLocation")
                        .path("uri")
                        .asText())
                .isEqualTo(EXAMPLES.resolve("trivy-shop-api-1.4.2.json").toUri().toString());
    }

    @Test
    void printsAPullRequestCommentAsTheGoldenFileShows() throws Exception {
        Run run = evaluate("--stage", "deploy", "--policy", POLICY, "--at", MONTH_LATER, "--output", "markdown");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        Golden.assertMatches(GOLDEN.resolve("deploy-examples-with-policy.md"), run.out());
    }

    @Test
    void evaluatesAtTheCurrentTimeWithoutAt() throws Exception {
        Instant before = Instant.now();
        Run run = evaluate("--stage", "build", "--output", "json");
        Instant after = Instant.now();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(Instant.parse(JSON.readTree(run.out()).path("evaluatedAt").asText()))
                .isBetween(before, after);
    }

    @Test
    void exitsWith2ForAWrongCommandLine() throws Exception {
        Run noStage = evaluate("--at", MONTH_LATER);
        Run badStage = evaluate("--stage", "pre prod");
        Run unknownStage = evaluate("--stage", "staging");
        Run badAt = evaluate("--stage", "deploy", "--at", "next tuesday");
        Run badOutput = evaluate("--stage", "deploy", "--output", "html");
        Run badFailOn = evaluate("--stage", "deploy", "--fail-on", "never");
        Run noReports = MainTest.shelflife(temp, "evaluate", "--stage", "deploy");

        assertThat(List.of(noStage, badStage, unknownStage, badAt, badOutput, badFailOn, noReports))
                .allSatisfy(run -> {
                    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
                    assertThat(run.out()).isEmpty();
                    assertThat(run.err()).contains("usage: shelflife evaluate --stage STAGE");
                });
        assertThat(noStage.err()).startsWith("shelflife evaluate: missing --stage\n");
        assertThat(badStage.err()).startsWith("shelflife evaluate: --stage: invalid stage name \"pre prod\"");
        assertThat(unknownStage.err())
                .startsWith("shelflife evaluate: the policy defines no stage \"staging\";"
                        + " it defines: build, deploy, run\n");
        assertThat(badAt.err()).startsWith("shelflife evaluate: --at must be an ISO-8601 instant");
        assertThat(badOutput.err())
                .startsWith("shelflife evaluate: --output must be one of text, json, markdown, sarif, not \"html\"");
        assertThat(badFailOn.err())
                .startsWith("shelflife evaluate: --fail-on must be one of warn, fail, not \"never\"");
        assertThat(noReports.err()).startsWith("shelflife evaluate: missing the REPORT files\n");
    }

    @Test
    void exitsWith2AndEveryLocatedProblemForAnInvalidPolicy() throws Exception {
        Path policy = Files.writeString(temp.resolve("policy.yaml"), """
                stages:
                  deploy:
                    mode: enforcing
                    rules:
                      - {rule: sla, within: {high: 30x}}
                """);
        Path missing = temp.resolve("missing.yaml");

        Run invalid = evaluate("--stage", "deploy", "--policy", policy.toString());
        Run absent = evaluate("--stage", "deploy", "--policy", missing.toString());

        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err())
                .startsWith("shelflife evaluate: invalid policy " + policy + ": 2 problems\n")
                .contains("  " + policy + ":3:11 (/stages/deploy/mode): unknown mode \"enforcing\"")
                .contains(policy + ":5:36 (/stages/deploy/rules/0/within/high): bad duration \"30x\"");
        assertThat(absent.exitCode()).isEqualTo(2);
        assertThat(absent.err()).startsWith("shelflife evaluate: cannot read policy " + missing + ": no such file\n");
    }

    @Test
    void exitsWith3ForAnUnreadableReport() throws Exception {
        Path truncated = Files.writeString(
                temp.resolve("cut.json"),
                Files.readString(EXAMPLES.resolve("grype-shop-api-1.4.2.json")).substring(0, 2000));
        Path missing = temp.resolve("missing.json");

        Run cut = MainTest.shelflife(temp, "evaluate", "--stage", "deploy", REPORTS.get(0), truncated.toString());
        Run absent = MainTest.shelflife(temp, "evaluate", "--stage", "deploy", missing.toString());

        assertThat(cut.exitCode()).isEqualTo(3);
        assertThat(cut.out()).isEmpty();
        assertThat(cut.err()).startsWith(truncated + ":").doesNotContain("\tat ");
        assertThat(absent.exitCode()).isEqualTo(3);
        assertThat(absent.err()).isEqualTo(missing + " (/): no such file" + System.lineSeparator());
    }

    @Test
    void listsEvaluateInTheHelp() throws Exception {
        Run help = MainTest.shelflife(temp, "--help");
        Run evaluateHelp = MainTest.shelflife(temp, "evaluate", "--help");

        assertThat(help.out())
                .containsPattern("evaluate +evaluate a stage's policy")
                .contains("1 failing verdict");
        assertThat(evaluateHelp.exitCode()).isZero();
        assertThat(evaluateHelp.out())
                .startsWith("usage: shelflife evaluate --stage STAGE")
                .contains("--fail-on warn|fail");
    }

    @Test
    void blocksAPullRequestOnlyByWhatItIntroducedAgainstTheBaseline() throws Exception {
        Path policy = Files.writeString(temp.resolve("pr-policy.yaml"), """
                stages:
                  pr:
                    mode: enforce
                    rules:
                      - rule: no-new-findings
                        minimum: high
                """);
        String baseline = EXAMPLES.resolve("baseline/trivy-shop-api-main.json") + ","
                + EXAMPLES.resolve("baseline/grype-shop-api-main.json");

        Run gated = evaluate(
                "--stage",
                "pr",
                "--policy",
                policy.toString(),
                "--at",
                DAYS_LATER,
                "--output",
                "json",
                "--baseline",
                baseline);
        Run ungated = evaluate("--stage", "pr", "--policy", policy.toString(), "--at", DAYS_LATER, "--output", "json");

        assertThat(gated.exitCode()).as(gated.err()).isEqualTo(1);
        JsonNode violations = JSON.readTree(gated.out()).get("violations");
        assertThat(violations).isNotEmpty().allSatisfy(violation -> {
            assertThat(violation.get("ruleId").asText()).isEqualTo("no-new-findings");
            assertThat(violation.get("message").asText()).contains("introduced by this change");
        });
        assertThat(ungated.exitCode()).as(ungated.err()).isZero();
        assertThat(JSON.readTree(ungated.out()).get("outcome").asText()).isEqualTo("WARN");
    }
}
