package dev.shelflife.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shelflife.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input matrix for policy files, YAML and JSON: the rows that {@link PoliciesTest} does
 * not already hold (it has duplicate keys, anchors, aliases, merge keys and tags, bad durations,
 * unknown keys and rules, malformed documents, a byte-order mark, oversized documents and Latin-1
 * files). docs/guarantees.md lists where each row lives.
 */
class PoliciesBadInputMatrixTest {

    /** A policy with every rule and a waiver, in YAML. */
    static final String EVERY_RULE_YAML = """
            stages:
              build:
                mode: enforce
                rules:
                  - {rule: severity-gate, id: gate, effect: warn, minimum: high, fix-states: [fixed, wont-fix]}
                  - {rule: coverage, no-scan: fail, report-problems: warn, unknown-severity: warn}
                  - {rule: deny, vulnerabilities: [CVE-2021-44228], packages: ["pkg:maven/org.apache.logging.log4j/log4j-core@2.14"]}
              deploy:
                mode: enforce
                rules:
                  - rule: sla
                    clock: [fix-available, published]
                    when-unknown: fail
                    within: {critical: 7d, high: P30D, medium: 2160h}
                  - {rule: image-age, max: 90d, when-unknown: warn}
                  - {rule: scan-age, max: PT36H}
                  - {rule: database-age, max: 10d, when-unknown: ignore}
                  - {rule: kev}
                  - {rule: epss, score: 0.5, percentile: 0.95}
                  - {rule: no-new-findings}
                  - {rule: base-image-current, grace: 7d}
              run: {mode: warn}
            waivers:
              - id: SEC-1
                vulnerability: CVE-2024-6119
                package: pkg:deb/debian/openssl@3.0.13-1~deb12u1
                owner: team-payments
                reason: not reachable
                expires: 2026-12-31T09:00:00+02:00
                stages: [run]
            """;

    /** A policy with every rule of the deploy stage, in JSON. */
    static final String EVERY_RULE_JSON = """
            {"stages": {"deploy": {"mode": "enforce", "rules": [
               {"rule": "sla", "clock": ["fix-available", "published"], "within": {"critical": "7d", "high": "P30D"}},
               {"rule": "image-age", "max": "90d", "when-unknown": "warn"},
               {"rule": "epss", "score": 0.5},
               {"rule": "deny", "vulnerabilities": ["CVE-2021-44228"]}]}},
             "waivers": [{"id": "SEC-1", "vulnerability": "CVE-2024-1", "owner": "team-a", "reason": "not reachable",
                          "expires": "2026-06-30T00:00:00Z", "stages": ["deploy"]}]}
            """;

    private static PolicyException failure(String name, String text) {
        Throwable thrown = catchThrowable(() -> Policies.parse(name, text));
        assertThat(thrown).as("parsing %s", text).isInstanceOf(PolicyException.class);
        return (PolicyException) thrown;
    }

    @Test
    void readsBothSeedPolicies() {
        assertThat(Policies.parse("every-rule.yaml", EVERY_RULE_YAML).stages()).hasSize(3);
        assertThat(Policies.parse("every-rule.json", EVERY_RULE_JSON).stages()).containsOnlyKeys(Stage.DEPLOY);
    }

    @Test
    void endsATruncationAtEveryCharacterInAPolicyOrAPolicyExceptionThatNamesTheFile() {
        for (int length = 0; length < EVERY_RULE_YAML.length(); length++) {
            String cut = EVERY_RULE_YAML.substring(0, length);
            Throwable thrown = catchThrowable(() -> Policies.parse("every-rule.yaml", cut));
            if (thrown != null) {
                assertThat(thrown)
                        .as("cut at %d", length)
                        .isInstanceOf(PolicyException.class)
                        .hasMessageStartingWith("invalid policy every-rule.yaml: ");
            }
        }
        int end = EVERY_RULE_JSON.stripTrailing().length();
        for (int length = 0; length < end; length++) {
            assertThat(failure("every-rule.json", EVERY_RULE_JSON.substring(0, length))
                            .getMessage())
                    .as("cut at %d", length)
                    .containsAnyOf(
                            "every-rule.json (/): the policy is empty",
                            "not well-formed JSON: Unexpected end-of-input",
                            "not well-formed JSON: Unexpected character",
                            "not well-formed JSON: Unrecognized token");
        }
    }

    @Test
    void endsTrailingContentInAPolicyException() {
        String json = "{\"stages\": {\"build\": {\"mode\": \"off\"}}}";

        assertThat(failure("p.json", json + "\n garbage").getMessage())
                .contains("p.json:2:2 (/): not well-formed JSON: Unrecognized token 'garbage'");
        assertThat(failure("p.json", json + "\n{}").getMessage())
                .contains("p.json:2:1 (/): only one document is allowed; remove what follows the first");
        assertThat(failure("p.yaml", "stages: {build: {mode: off}}\n}}").getMessage())
                .contains("p.yaml:1:29 (/): not well-formed YAML: while parsing a block mapping");
    }

    @Test
    void endsARawNulCharacterInAPolicyExceptionAndKeepsAnEscapedOne() {
        assertThat(failure("p.yaml", "stages:\n  build:\n    mode: o\u0000ff\n").getMessage())
                .contains("p.yaml:1:1 (/): not well-formed YAML: special characters are not allowed");
        assertThat(failure("p.json", "{\"stages\": {\"build\": {\"mode\": \"o\u0000ff\"}}}")
                        .getMessage())
                .contains("p.json:1:33 (/): not well-formed JSON: Illegal unquoted character");

        String waiver =
                "stages: {build: {mode: off}}\nwaivers:\n  - {id: W1, vulnerability: \"CVE-%s1\", owner: me, reason: r,"
                        + " expires: \"2026-12-31T00:00:00Z\"}\n";
        assertThat(Policies.parse("p.yaml", waiver.formatted("\\0")).waivers())
                .singleElement()
                .satisfies(w -> assertThat(w.vulnerability()).hasValue("CVE-\u00001"));
    }

    @Test
    void endsFiveThousandDeepNestingInsideAnUnknownKeyInAPolicyException() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThat(failure("p.yaml", "stages: {build: {mode: off, x: " + deep + "}}")
                        .getMessage())
                .contains("(/stages/build/x/0/0/0/0/0/0/0/0/0/0/0/0/0/0): nested deeper than 16 levels");
        assertThat(failure("p.json", "{\"stages\": {\"build\": {\"mode\": \"off\", \"x\": " + deep + "}}}")
                        .getMessage())
                .contains("(/stages/build/x/0/0/0/0/0/0/0/0/0/0/0/0/0/0): nested deeper than 16 levels");
    }

    @Test
    void endsLongAndOverflowingNumbersInAPolicyException() {
        String stage = "stages: {build: {mode: enforce, rules: [%s]}}";

        assertThat(failure("p.yaml", stage.formatted("{rule: sla, within: {high: 99999999999999999999d}}"))
                        .getMessage())
                .contains(
                        "(/stages/build/rules/0/within/high): bad duration \"99999999999999999999d\": expected days or hours");
        assertThat(failure("p.yaml", stage.formatted("{rule: sla, within: {high: 999999d}}"))
                        .getMessage())
                .contains("(/stages/build/rules/0/within/high): bad duration \"999999d\": longer than 36500d");
        assertThat(failure("p.yaml", stage.formatted("{rule: image-age, max: PT9223372036854775807S}"))
                        .getMessage())
                .contains("(/stages/build/rules/0/max): bad duration \"PT9223372036854775807S\": longer than 36500d");
        assertThat(failure("p.yaml", stage.formatted("{rule: image-age, max: P99999999999999999999D}"))
                        .getMessage())
                .contains(
                        "(/stages/build/rules/0/max): bad duration \"P99999999999999999999D\": not an ISO-8601 duration");
        assertThat(failure("p.yaml", stage.formatted("{rule: epss, score: 1e999}"))
                        .getMessage())
                .contains("(/stages/build/rules/0/score):");
        assertThat(failure("p.yaml", stage.formatted("{rule: epss, score: " + "1".repeat(2000) + "}"))
                        .getMessage())
                .contains("(/stages/build/rules/0/score):");
        assertThat(failure(
                                "p.json",
                                "{\"stages\": {\"build\": {\"mode\": \"enforce\", \"rules\": [{\"rule\": \"epss\", \"score\": "
                                        + "1".repeat(2000) + "}]}}}")
                        .getMessage())
                .contains("not well-formed JSON: Number value length (2000) exceeds the maximum allowed (1000");
    }

    @Test
    void readsNullEmptyAndMissingValuesAsTheyAreMeant() {
        assertThat(failure("p.yaml", "stages: null").getMessage())
                .contains("p.yaml:1:9 (/stages): expected a mapping for stages, got nothing (null)");
        assertThat(failure("p.yaml", "stages: {}").getMessage())
                .contains("p.yaml:1:9 (/stages): stages must define at least one stage");
        assertThat(failure("p.yaml", "waivers: []").getMessage())
                .contains("p.yaml:1:1 (/): missing key \"stages\" in the policy");
        assertThat(failure("p.yaml", "stages:\n  build:\n    mode: enforce\n    rules: null")
                        .getMessage())
                .contains("p.yaml:4:12 (/stages/build/rules): expected a list for rules, got nothing (null)");
        assertThat(Policies.parse("p.yaml", "stages:\n  build:\n    mode: enforce\n    rules: []")
                        .stage(Stage.BUILD))
                .contains(StagePolicy.of(Mode.ENFORCE));
        assertThat(failure("p.yaml", "stages:\n  build:\n    mode: \"\"").getMessage())
                .contains("p.yaml:3:11 (/stages/build/mode): unknown mode \"\"; expected one of: enforce, warn, off");
    }

    @Test
    void readsNumbersWhereTextBelongsAsTheirTextAndRefusesListsAndMappings() {
        String stage = "stages: {build: {mode: enforce, rules: %s}}";

        assertThat(failure("p.yaml", "stages: {build: {mode: 1}}").getMessage())
                .contains("(/stages/build/mode): unknown mode \"1\"; expected one of: enforce, warn, off");
        assertThat(failure("p.yaml", stage.formatted("[{rule: severity-gate, minimum: 3}]"))
                        .getMessage())
                .contains("(/stages/build/rules/0/minimum): unknown severity \"3\"");
        assertThat(failure("p.yaml", stage.formatted("[{rule: severity-gate, minimum: [high]}]"))
                        .getMessage())
                .contains("(/stages/build/rules/0/minimum): expected a text, got a list");
        assertThat(failure("p.yaml", stage.formatted("{rule: severity-gate, minimum: high}"))
                        .getMessage())
                .contains("(/stages/build/rules): expected a list for rules, got a mapping");
    }

    @Test
    void refusesAnUnknownVersionKeyAndAScannerReportGivenAsAPolicy() {
        assertThat(failure("p.yaml", "version: 2\nstages: {build: {mode: off}}").getMessage())
                .contains(
                        "p.yaml:1:1 (/version): unknown key \"version\" in the policy; expected one of: stages, waivers");
        assertThat(failure("trivy.json", "{\"SchemaVersion\": 2, \"ArtifactName\": \"alpine:3.19\", \"Results\": []}")
                        .getMessage())
                .contains("trivy.json:1:2 (/SchemaVersion): unknown key \"SchemaVersion\" in the policy")
                .contains("missing key \"stages\" in the policy");
    }

    @Test
    void refusesBillionLaughsAtTheirAnchorsWithoutExpandingThem() {
        StringBuilder laughs = new StringBuilder("lol0: &lol0 \"lol\"\n");
        for (int level = 1; level <= 9; level++) {
            laughs.append("lol")
                    .append(level)
                    .append(": &lol")
                    .append(level)
                    .append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*lol" + (level - 1))))
                    .append("]\n");
        }
        laughs.append("stages: {build: {mode: off}}\n");

        long start = System.nanoTime();
        String message = failure("laughs.yaml", laughs.toString()).getMessage();

        assertThat(message)
                .contains("laughs.yaml:2:7 (/lol1): YAML anchors (&lol1) are not allowed")
                .contains("laughs.yaml:10:7 (/lol9): YAML anchors (&lol9) are not allowed")
                .contains("(/lol9/9): YAML aliases (*lol8) are not allowed");
        assertThat(System.nanoTime() - start)
                .as("nanoseconds to refuse, not expand")
                .isLessThan(2_000_000_000L);
    }

    @Test
    void refusesTagsThatNameJavaClassesWithoutLoadingThem() {
        assertThat(failure(
                                "p.yaml",
                                "stages: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                                        + " [[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]")
                        .getMessage())
                .contains(
                        "p.yaml:1:9 (/stages): YAML tags (!tag:yaml.org,2002:javax.script.ScriptEngineManager) are not allowed")
                .contains("YAML tags (!tag:yaml.org,2002:java.net.URL) are not allowed");
    }

    @Test
    void refusesUtf16AndInvalidUtf8PolicyFiles(@TempDir Path dir) throws IOException {
        String yaml = "\uFEFFstages: {build: {mode: off}}\n";
        Path utf16 = Files.write(dir.resolve("utf16.yaml"), yaml.getBytes(StandardCharsets.UTF_16LE));
        Path invalid = Files.write(dir.resolve("invalid.yaml"), new byte[] {'a', ':', ' ', (byte) 0xC3, 0x28});

        assertThatThrownBy(() -> Policies.read(utf16))
                .isExactlyInstanceOf(PolicyException.class)
                .hasMessageEndingWith("utf16.yaml: not UTF-8 text");
        assertThatThrownBy(() -> Policies.read(invalid))
                .isExactlyInstanceOf(PolicyException.class)
                .hasMessageEndingWith("invalid.yaml: not UTF-8 text");
    }
}
