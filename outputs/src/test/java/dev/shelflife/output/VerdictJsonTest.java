package dev.shelflife.output;

import static dev.shelflife.output.Records.SCANNED;
import static dev.shelflife.output.Records.finding;
import static dev.shelflife.output.Records.scan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.rule.RemediationSla;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Finding OPENSSL = finding("CVE-2026-1000", Severity.HIGH, "openssl");
    /** A fixed high finding has 30 days from its first sighting: it passes until then. */
    private static final PolicyEngine ENGINE = PolicyEngine.of(Policy.builder()
            .stage(
                    Stage.DEPLOY,
                    Mode.ENFORCE,
                    RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                            .fixableOnly())
            .build());

    private static final Instant BEFORE = SCANNED.plus(Duration.ofDays(10));
    private static final Instant AFTER = SCANNED.plus(Duration.ofDays(40));

    private static final ImageRecord RECORD = ImageRecord.of(List.of(scan("Trivy", OPENSSL), scan("Grype", OPENSSL)));
    private static final EvaluatedEvidence EVIDENCE =
            new EvaluatedEvidence(RECORD, List.of("trivy.json", "grype.json"), Optional.of("policy.yaml"));

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void writesEveryKeyInTheDocumentedOrder() {
        ObjectNode json = VerdictJson.tree(ENGINE.evaluate(RECORD, Stage.DEPLOY, AFTER), EVIDENCE);

        assertThat(keys(json)).containsExactlyElementsOf(VerdictJsonKeys.TOP_LEVEL);
        assertThat(keys(json.path("waivers"))).containsExactly("applied", "unmatched", "expired", "stale");
        assertThat(json.path("outputVersion").asInt()).isEqualTo(VerdictJson.OUTPUT_VERSION);
        assertThat(json.path("evaluatedAt").asText()).isEqualTo(AFTER.toString());
        assertThat(json.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(json.path("policy").asText()).isEqualTo("policy.yaml");
        assertThat(json.path("image").isNull())
                .as("an image without a reference")
                .isTrue();
    }

    @Test
    void namesTheReportsOfAViolationAndOfTheRecordByTheEvidencesNames() {
        ObjectNode json = VerdictJson.tree(ENGINE.evaluate(RECORD, Stage.DEPLOY, AFTER), EVIDENCE);

        JsonNode violation = json.path("violations").get(0);
        assertThat(violation.path("ruleId").asText()).isEqualTo("sla");
        assertThat(violation.path("vulnerability").asText()).isEqualTo("CVE-2026-1000");
        assertThat(violation.path("package").path("name").asText()).isEqualTo("openssl");
        assertThat(violation.path("reports")).extracting(JsonNode::asText).containsExactly("trivy.json", "grype.json");
        assertThat(json.path("reports"))
                .extracting(report -> report.path("file").asText() + " "
                        + report.path("scanner").path("name").asText())
                .containsExactly("trivy.json Trivy", "grype.json Grype");
    }

    @Test
    void leavesValidUntilNullForAPassingVerdictWithAForecastUnlessTheCallerSays() {
        Verdict passing = ENGINE.evaluate(RECORD, Stage.DEPLOY, BEFORE);
        assertThat(passing.outcome()).isEqualTo(Outcome.PASS);
        Optional<Forecast> until = ENGINE.validUntil(passing, RECORD);
        assertThat(until).isPresent();

        assertThat(VerdictJson.tree(passing, EVIDENCE).path("validUntil").isNull())
                .isTrue();
        JsonNode said = VerdictJson.tree(passing, EVIDENCE, until).path("validUntil");
        assertThat(said.path("passing").asBoolean()).isTrue();
        assertThat(said.path("at").asText()).isEqualTo(until.get().at().toString());
        assertThat(said.path("reason").asText()).isEqualTo(until.get().reason());
    }

    @Test
    void answersValidUntilForAVerdictThatFailsWhateverTheCallerSays() {
        Verdict failing = ENGINE.evaluate(RECORD, Stage.DEPLOY, AFTER);
        Forecast ignored = new Forecast(AFTER.plus(Duration.ofDays(1)), "ignored for a verdict that does not pass");

        for (JsonNode json : List.of(
                VerdictJson.tree(failing, EVIDENCE), VerdictJson.tree(failing, EVIDENCE, Optional.of(ignored)))) {
            JsonNode validUntil = json.path("validUntil");
            assertThat(validUntil.path("passing").asBoolean()).isFalse();
            assertThat(validUntil.path("at").isNull()).isTrue();
            assertThat(validUntil.path("reason").isNull()).isTrue();
        }
    }

    @Test
    void saysAPassingVerdictWithoutAForecastPassesForGood() {
        ImageRecord clean = ImageRecord.of(List.of(scan("Trivy")));
        Verdict verdict = ENGINE.evaluate(clean, Stage.DEPLOY, BEFORE);
        EvaluatedEvidence evidence = new EvaluatedEvidence(clean, List.of("trivy.json"), Optional.empty());

        JsonNode validUntil = VerdictJson.tree(verdict, evidence).path("validUntil");

        assertThat(verdict.nextChange()).isEmpty();
        assertThat(validUntil.path("passing").asBoolean()).isTrue();
        assertThat(validUntil.path("at").isNull()).isTrue();
        assertThat(VerdictJson.tree(verdict, evidence).path("policy").isNull())
                .as("the built-in default policy")
                .isTrue();
    }

    @Test
    void writesTheSameTreePrettyWithALineBreakOrCompactOnOneLine() throws Exception {
        Verdict verdict = ENGINE.evaluate(RECORD, Stage.DEPLOY, AFTER);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        VerdictJson.write(verdict, EVIDENCE, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        byte[] compact = VerdictJson.compact(verdict, EVIDENCE);

        String pretty = bytes.toString(StandardCharsets.UTF_8);
        assertThat(pretty).startsWith("{\n  \"outputVersion\" : 2,").endsWith("}" + System.lineSeparator());
        assertThat(new String(compact, StandardCharsets.UTF_8)).doesNotContain("\n");
        JsonNode tree = VerdictJson.tree(verdict, EVIDENCE);
        assertThat(JSON.readTree(pretty)).isEqualTo(tree);
        assertThat(JSON.readTree(compact)).isEqualTo(tree);
    }
}
