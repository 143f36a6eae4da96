package dev.shelflife.cli;

import static dev.shelflife.cli.EvaluateFixtures.AT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelflife.Stage;
import dev.shelflife.output.VerdictJsonKeys;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Waiver;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(Verdict verdict, EvaluateInput input) throws Exception {
        return JSON.readTree(EvaluateFixtures.render(out -> VerdictJson.write(verdict, Optional.empty(), input, out)));
    }

    @Test
    void writesTheVerdictWithEveryKeyInOrder() throws Exception {
        JsonNode verdict = json(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        assertThat(verdict.fieldNames()).toIterable().containsExactlyElementsOf(VerdictJsonKeys.TOP_LEVEL);
        assertThat(verdict.path("outputVersion").asInt()).isEqualTo(VerdictJson.OUTPUT_VERSION);
        assertThat(verdict.path("stage").asText()).isEqualTo("deploy");
        assertThat(verdict.path("mode").asText()).isEqualTo("ENFORCE");
        assertThat(verdict.path("evaluatedAt").asText()).isEqualTo("2026-11-22T09:00:00Z");
        assertThat(verdict.path("outcome").asText()).isEqualTo("FAIL");
        assertThat(verdict.path("policy").isNull()).isTrue();
        assertThat(verdict.path("image").asText()).isEqualTo("ghcr.io/acme/shop-api:1.4.2");
        assertThat(verdict.path("nextChange").path("at").asText()).isEqualTo(EvaluateFixtures.HIGH_DEADLINE.toString());
        assertThat(verdict.path("nextChange").path("reason").asText())
                .startsWith("CVE-2026-1000 HIGH in openssl 3.0.13 reaches");
    }

    @Test
    void writesEachViolationWithItsFindingClockAndReports() throws Exception {
        JsonNode violations = json(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi())
                .path("violations");

        assertThat(violations).extracting(v -> v.path("ruleId").asText()).containsExactly("sla", "sla", "scan-age");
        JsonNode libxml = violations.get(0);
        assertThat(libxml.fieldNames())
                .toIterable()
                .containsExactly(
                        "ruleId",
                        "effect",
                        "vulnerability",
                        "package",
                        "severity",
                        "clock",
                        "clockValue",
                        "deadline",
                        "clockSource",
                        "message",
                        "reports");
        assertThat(libxml.path("effect").asText()).isEqualTo("BLOCK");
        assertThat(libxml.path("vulnerability").asText()).isEqualTo("CVE-2026-1001");
        assertThat(libxml.path("package").path("name").asText()).isEqualTo("libxml2");
        assertThat(libxml.path("package").path("version").asText()).isEqualTo("2.9.14");
        assertThat(libxml.path("package").path("purl").asText()).isEqualTo("pkg:generic/libxml2@2.9.14");
        assertThat(libxml.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(libxml.path("clock").asText()).isEqualTo("fix-available");
        assertThat(libxml.path("clockValue").asText()).isEqualTo("2026-11-15T08:00:00Z");
        assertThat(libxml.path("deadline").asText()).isEqualTo("2026-11-22T08:00:00Z");
        assertThat(libxml.path("reports")).extracting(JsonNode::asText).containsExactly(EvaluateFixtures.TRIVY_FILE);
        JsonNode scanAge = violations.get(2);
        assertThat(scanAge.path("vulnerability").isNull()).isTrue();
        assertThat(scanAge.path("package").isNull()).isTrue();
        assertThat(scanAge.path("severity").isNull()).isTrue();
        assertThat(scanAge.path("clock").asText()).isEqualTo("last-scan");
        assertThat(scanAge.path("reports")).isEmpty();
    }

    @Test
    void writesHostileValuesAsPlainJsonStrings() throws Exception {
        JsonNode hostile = json(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi())
                .path("violations")
                .get(1);

        assertThat(hostile.path("package").path("name").asText()).isEqualTo(EvaluateFixtures.HOSTILE_PACKAGE);
        assertThat(hostile.path("package").path("version").asText()).isEqualTo(EvaluateFixtures.HOSTILE_VERSION);
    }

    @Test
    void writesWaiversActionsAndReports() throws Exception {
        JsonNode verdict = json(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi());

        JsonNode vex = verdict.path("waivers").path("applied").get(0);
        assertThat(vex.path("id").asText()).isEqualTo("vex:CVE-2026-1002");
        assertThat(vex.path("origin").asText()).isEqualTo("VEX");
        assertThat(vex.path("owner").isNull()).isTrue();
        assertThat(vex.path("expires").isNull()).isTrue();
        assertThat(vex.path("reason").asText()).startsWith("VEX not_affected: code_not_present");
        assertThat(vex.path("findings").get(0).path("vulnerability").asText()).isEqualTo("CVE-2026-1002");
        assertThat(vex.path("findings").get(0).path("reports"))
                .extracting(JsonNode::asText)
                .containsExactly(EvaluateFixtures.TRIVY_FILE);
        assertThat(verdict.path("waivers").path("unmatched")).isEmpty();
        assertThat(verdict.path("waivers").path("expired")).isEmpty();
        assertThat(verdict.path("actions"))
                .extracting(a -> a.path("kind").asText())
                .contains("RESCAN", "BUMP");
        JsonNode bump = verdict.path("actions").findParents("kind").stream()
                .filter(a -> a.path("subject").asText().equals("libxml2"))
                .findFirst()
                .orElseThrow();
        assertThat(bump.path("from").asText()).isEqualTo("2.9.14");
        assertThat(bump.path("to").asText()).isEqualTo("2.9.14+dfsg-1.4");
        // The fixture's package names no purl or type, so no version scheme applies: said, not guessed.
        assertThat(bump.path("scheme").isNull()).isTrue();
        assertThat(bump.path("size").asText()).isEqualTo("UNKNOWN");
        assertThat(bump.path("reasons")).hasSize(1);
        JsonNode reports = verdict.path("reports");
        assertThat(reports)
                .extracting(r -> r.path("file").asText())
                .containsExactly(EvaluateFixtures.TRIVY_FILE, EvaluateFixtures.VEX_FILE);
        assertThat(reports).extracting(r -> r.path("kind").asText()).containsExactly("SCAN", "ASSESSMENT");
        assertThat(reports.get(0).path("format").path("adapter").asText()).isEqualTo("trivy");
        assertThat(reports.get(0).path("scanner").path("version").asText()).isEqualTo("0.58.1");
        assertThat(reports.get(0).path("scannedAt").asText()).isEqualTo("2026-11-15T08:00:00Z");
        assertThat(reports.get(1).path("scanner").path("version").isNull()).isTrue();
    }

    @Test
    void listsWaiversThatMatchedNothingOrExpired() throws Exception {
        Waiver stale = Waiver.builder("SEC-1")
                .vulnerability("CVE-2019-0001")
                .owner("team-a")
                .reason("gone")
                .expires(Instant.parse("2027-01-01T00:00:00Z"))
                .stages(Stage.DEPLOY)
                .build();
        Waiver expired = Waiver.builder("SEC-2")
                .pkg("openssl")
                .owner("team-b")
                .reason("until the fix")
                .expires(Instant.parse("2026-11-01T00:00:00Z"))
                .build();
        Policy policy = Policy.builder()
                .stage(Stage.DEPLOY, Mode.ENFORCE)
                .waiver(stale)
                .waiver(expired)
                .build();
        EvaluateInput input = EvaluateInput.of(EvaluateFixtures.shopApi().reports(), false, Optional.of("policy.yaml"));

        JsonNode verdict = json(EvaluateFixtures.evaluate(policy, input, Stage.DEPLOY, AT), input);

        assertThat(verdict.path("policy").asText()).isEqualTo("policy.yaml");
        JsonNode unmatched = verdict.path("waivers").path("unmatched").get(0);
        assertThat(unmatched.fieldNames())
                .toIterable()
                .containsExactly("id", "vulnerability", "package", "owner", "reason", "expires", "stages");
        assertThat(unmatched.path("id").asText()).isEqualTo("SEC-1");
        assertThat(unmatched.path("package").isNull()).isTrue();
        assertThat(unmatched.path("stages")).extracting(JsonNode::asText).containsExactly("deploy");
        JsonNode gone = verdict.path("waivers").path("expired").get(0);
        assertThat(gone.path("id").asText()).isEqualTo("SEC-2");
        assertThat(gone.path("package").asText()).isEqualTo("openssl");
        assertThat(gone.path("expires").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(gone.path("stages")).isEmpty();
    }

    @Test
    void listsAStaleWaiverWithTheFixedVersions() throws Exception {
        JsonNode waivers = json(EvaluateFixtures.shopApiWithStaleWaiver(), EvaluateFixtures.shopApi())
                .path("waivers");

        assertThat(waivers.fieldNames()).toIterable().containsExactly("applied", "unmatched", "expired", "stale");
        JsonNode stale = waivers.path("stale").get(0);
        assertThat(stale.fieldNames()).toIterable().containsExactly("id", "origin", "findings");
        assertThat(stale.path("id").asText()).isEqualTo("SEC-9");
        assertThat(stale.path("origin").asText()).isEqualTo("POLICY");
        JsonNode finding = stale.path("findings").get(0);
        assertThat(finding.path("vulnerability").asText()).isEqualTo("CVE-2026-1000");
        assertThat(finding.path("package").path("name").asText()).isEqualTo("openssl");
        assertThat(finding.path("fixedIn")).extracting(JsonNode::asText).containsExactly("3.0.15");
        assertThat(json(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi())
                        .path("waivers")
                        .path("stale"))
                .isEmpty();
    }

    @Test
    void saysUntilWhenTheVerdictPasses() throws Exception {
        JsonNode passing = JSON.readTree(EvaluateFixtures.render(out -> VerdictJson.write(
                        EvaluateFixtures.shopApiAtScan(),
                        EvaluateFixtures.shopApiAtScanValidUntil(),
                        EvaluateFixtures.shopApi(),
                        out)))
                .path("validUntil");
        JsonNode failing = json(EvaluateFixtures.shopApiAtDeploy(), EvaluateFixtures.shopApi())
                .path("validUntil");

        assertThat(passing.fieldNames()).toIterable().containsExactly("passing", "at", "reason");
        assertThat(passing.path("passing").asBoolean()).isTrue();
        assertThat(passing.path("at").asText()).isEqualTo("2026-11-22T08:00:00Z");
        assertThat(passing.path("reason").asText()).startsWith("CVE-2026-1001");
        assertThat(failing.path("passing").asBoolean()).isFalse();
        assertThat(failing.path("at").isNull()).isTrue();
        assertThat(failing.path("reason").isNull()).isTrue();
    }

    @Test
    void writesEveryKeyEvenWhenNothingIsEvaluated() throws Exception {
        Policy off = Policy.builder().stage(Stage.DEPLOY, Mode.OFF).build();
        EvaluateInput input = EvaluateInput.of(
                List.of(new ImageEvidence.Report("vex.json", EvaluateFixtures.vexDocument())), false, Optional.empty());

        JsonNode verdict = json(EvaluateFixtures.evaluate(off, input, Stage.DEPLOY, AT), input);

        assertThat(verdict.path("outcome").asText()).isEqualTo("PASS");
        assertThat(verdict.path("mode").asText()).isEqualTo("OFF");
        assertThat(verdict.path("image").isNull()).isTrue();
        assertThat(verdict.path("violations")).isEmpty();
        assertThat(verdict.path("waivers").path("applied")).isEmpty();
        assertThat(verdict.path("actions")).isEmpty();
        assertThat(verdict.path("nextChange").isNull()).isTrue();
        assertThat(verdict.path("reports").get(0).path("kind").asText()).isEqualTo("ASSESSMENT");
    }
}
