package dev.shelflife.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.FixState;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.Coverage;
import dev.shelflife.policy.rule.DenyList;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.policy.rule.SeverityGate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {

    private static PolicyException failure(String yaml) {
        try {
            Policies.parse("policy.yaml", yaml);
        } catch (PolicyException e) {
            return e;
        }
        throw new AssertionError("expected a PolicyException for:\n" + yaml);
    }

    @Test
    void shipsTheDefaultPolicyAsYamlThatLoadsToTheJavaDefault() {
        Policy loaded = Policies.parse("default-policy.yaml", Policies.defaultPolicyYaml());

        assertThat(loaded).isEqualTo(Policies.defaults());
        assertThat(loaded.stages().keySet()).containsExactly(Stage.BUILD, Stage.DEPLOY, Stage.RUN);
    }

    @Test
    void readsTheSamePolicyFromJson() {
        String json = """
                {"stages": {"deploy": {"mode": "enforce", "rules": [
                  {"rule": "sla", "clock": ["fix-available", "published"], "within": {"critical": "7d", "high": "P30D"}},
                  {"rule": "image-age", "max": "90d", "when-unknown": "warn"}]}},
                 "waivers": [{"id": "SEC-1", "vulnerability": "CVE-2024-1", "owner": "team-a", "reason": "not reachable",
                              "expires": "2026-06-30T00:00:00Z", "stages": ["deploy"]}]}
                """;
        Policy expected = Policy.builder()
                .stage(
                        Stage.DEPLOY,
                        Mode.ENFORCE,
                        RemediationSla.of(Map.of(
                                        Severity.CRITICAL, Duration.ofDays(7), Severity.HIGH, Duration.ofDays(30)))
                                .from(DeadlineClock.FIX_AVAILABLE, DeadlineClock.PUBLISHED),
                        AgeLimit.image(Duration.ofDays(90)).whenUnknown(Treatment.WARN))
                .waiver(Waiver.builder("SEC-1")
                        .vulnerability("CVE-2024-1")
                        .owner("team-a")
                        .reason("not reachable")
                        .expires(Instant.parse("2026-06-30T00:00:00Z"))
                        .stages(Stage.DEPLOY)
                        .build())
                .build();

        assertThat(Policies.parse("policy.json", json)).isEqualTo(expected);
    }

    @Test
    void mapsEveryRuleKeyToItsJavaCounterpart() {
        String yaml = """
                stages:
                  pr:
                    mode: warn
                    rules:
                      - rule: severity-gate
                        id: gate
                        effect: warn
                        minimum: critical
                        fix-states: [fixed, wont-fix]
                      - rule: sla
                        clock: kev-added
                        when-unknown: ignore
                        within: {high: 12h}
                      - rule: deny
                        vulnerabilities: [CVE-2021-44228]
                        packages: [telnet, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14"]
                      - rule: coverage
                        no-scan: ignore
                      - rule: scan-age
                        max: PT36H
                      - rule: database-age
                        max: 2d
                  Run:
                    mode: off
                """;
        Policy expected = Policy.builder()
                .stage(
                        Stage.of("pr"),
                        Mode.WARN,
                        SeverityGate.atLeast(Severity.CRITICAL)
                                .withId("gate")
                                .withEffect(Effect.WARN)
                                .fixStates(Set.of(FixState.FIXED, FixState.WONT_FIX)),
                        RemediationSla.of(Map.of(Severity.HIGH, Duration.ofHours(12)))
                                .from(DeadlineClock.KEV_ADDED)
                                .whenUnknown(Treatment.IGNORE),
                        DenyList.of(
                                List.of("CVE-2021-44228"),
                                List.of("telnet", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14")),
                        Coverage.failClosed().noScan(Treatment.IGNORE),
                        AgeLimit.scan(Duration.ofHours(36)),
                        AgeLimit.database(Duration.ofDays(2)))
                .stage(Stage.RUN, Mode.OFF)
                .build();

        assertThat(Policies.parse("policy.yaml", yaml)).isEqualTo(expected);
    }

    @Test
    void readsWaiversWithUnquotedInstantsAndOffsets() {
        Policy policy = Policies.parse("policy.yaml", """
                stages:
                  run: {mode: warn}
                waivers:
                  - id: SEC-1
                    vulnerability: CVE-2024-6119
                    package: pkg:deb/debian/openssl@3.0.13-1~deb12u1
                    owner: team-payments
                    reason: not reachable
                    expires: 2026-12-31T09:00:00+02:00
                    stages: [Run]
                """);

        assertThat(policy.waivers())
                .containsExactly(Waiver.builder("SEC-1")
                        .vulnerability("CVE-2024-6119")
                        .pkg("pkg:deb/debian/openssl@3.0.13-1~deb12u1")
                        .owner("team-payments")
                        .reason("not reachable")
                        .expires(Instant.parse("2026-12-31T07:00:00Z"))
                        .stages(Stage.RUN)
                        .build());
    }

    @Test
    void reportsEveryProblemAtOnceWithLineAndColumn() {
        PolicyException e = failure("""
                stages:
                  build:
                    mode: enforcing
                    rules:
                      - rule: severity-gate
                        minimum: severe
                        fixable: true
                      - rule: sla
                        within: {high: 30x, urgent: 1d}
                """);

        assertThat(e.getMessage())
                .startsWith("invalid policy policy.yaml: 5 problems")
                .contains(
                        "policy.yaml:3:11 (/stages/build/mode): unknown mode \"enforcing\"; expected one of: enforce, warn, off")
                .contains("policy.yaml:6:18 (/stages/build/rules/0/minimum): unknown severity \"severe\"")
                .contains(
                        "policy.yaml:7:9 (/stages/build/rules/0/fixable): unknown key \"fixable\" in rule severity-gate;"
                                + " expected one of: rule, id, effect, minimum, fix-states")
                .contains("policy.yaml:9:24 (/stages/build/rules/1/within/high): bad duration \"30x\"")
                .contains("policy.yaml:9:29 (/stages/build/rules/1/within/urgent): unknown severity \"urgent\"");

        assertThat(e.problems()).hasSize(5);
        PolicyProblem first = e.problems().get(0);
        assertThat(first.location().line()).isEqualTo(3);
        assertThat(first.location().column()).isEqualTo(11);
        assertThat(first.location().path()).isEqualTo("/stages/build/mode");
        assertThat(first.message()).isEqualTo("unknown mode \"enforcing\"; expected one of: enforce, warn, off");
        assertThat(e.problems().get(4).location().path()).isEqualTo("/stages/build/rules/1/within/urgent");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThat(failure("""
                stages:
                  build:
                    mode: warn
                    mode: enforce
                """).getMessage())
                .contains("policy.yaml:4:5 (/stages/build/mode): duplicate key \"mode\" (first at line 3, column 5)");
        assertThatThrownBy(() -> Policies.parse(
                        "policy.json", "{\"stages\": {\"build\": {\"mode\": \"warn\"}}, \"stages\": {}}"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.json:1:41 (/stages): duplicate key \"stages\"");
    }

    @Test
    void rejectsYamlAnchorsAliasesMergeKeysAndTags() {
        String message = failure("""
                stages:
                  build: &strict
                    mode: enforce
                  deploy: *strict
                  run:
                    <<: *strict
                    mode: !!str warn
                """).getMessage();

        assertThat(message)
                .contains("policy.yaml:2:10 (/stages/build): YAML anchors (&strict) are not allowed")
                .contains("policy.yaml:4:11 (/stages/deploy): YAML aliases (*strict) are not allowed")
                .contains("policy.yaml:6:5 (/stages/run/<<): YAML merge keys (<<) are not allowed")
                .contains("(/stages/run/mode): YAML tags (!");
    }

    @Test
    void rejectsAnchorsOnPlainValuesAndKeys() {
        String message = failure("""
                stages:
                  build:
                    mode: &m enforce
                    &k rules: [ &r { rule: severity-gate, minimum: high } ]
                """).getMessage();

        assertThat(message)
                .contains("policy.yaml:3:11 (/stages/build/mode): YAML anchors (&m) are not allowed")
                .contains("policy.yaml:4:5 (/stages/build/rules): YAML anchors (&k) are not allowed")
                .contains("policy.yaml:4:17 (/stages/build/rules/0): YAML anchors (&r) are not allowed");
    }

    @Test
    void rejectsBadDurationsSeveritiesAndInstants() {
        String message = failure("""
                stages:
                  deploy:
                    mode: enforce
                    rules:
                      - {rule: image-age, max: P3M}
                      - {rule: scan-age, max: 0d}
                      - {rule: database-age, max: 7}
                      - {rule: sla, within: {unknown: -1d}}
                waivers:
                  - {id: W1, vulnerability: CVE-1, owner: me, reason: because, expires: 2026-12-31}
                """).getMessage();

        assertThat(message)
                .contains("(/stages/deploy/rules/0/max): bad duration \"P3M\": not an ISO-8601 duration")
                .contains("(/stages/deploy/rules/1/max): bad duration \"0d\": must be positive")
                .contains("(/stages/deploy/rules/2/max): bad duration \"7\": expected days or hours")
                .contains("(/stages/deploy/rules/3/within/unknown): bad duration \"-1d\"")
                .contains("(/waivers/0/expires): bad instant \"2026-12-31\"");
    }

    @Test
    void refusesAWaiverWhoseStagesAreEmptyOrNameAStageThePolicyDoesNotDefine() {
        String message = failure("""
                stages:
                  build: {mode: enforce}
                  deploy: {mode: enforce}
                waivers:
                  - {id: W1, vulnerability: CVE-1, owner: me, reason: because, expires: 2026-12-31T00:00:00Z, stages: []}
                  - id: W2
                    vulnerability: CVE-2
                    owner: me
                    reason: because
                    expires: 2026-12-31T00:00:00Z
                    stages: [deploy, prod]
                """).getMessage();

        assertThat(message)
                .startsWith("invalid policy policy.yaml: 2 problems")
                .contains("policy.yaml:5:103 (/waivers/0/stages): stages: [] names no stage; name the stages the waiver"
                        + " covers, or leave the key out for every stage")
                .contains("policy.yaml:11:22 (/waivers/1/stages/1): a waiver names the stage \"prod\", which the policy"
                        + " does not define; it defines: build, deploy");
    }

    @Test
    void refusesAWaiverBuiltInJavaForAStageThePolicyDoesNotDefine() {
        Waiver forProd = Waiver.builder("W1")
                .vulnerability("CVE-1")
                .owner("me")
                .reason("because")
                .expires(Instant.parse("2026-12-31T00:00:00Z"))
                .stages(Stage.of("prod"))
                .build();

        assertThatThrownBy(() -> Policy.builder()
                        .stage(Stage.DEPLOY, Mode.ENFORCE)
                        .waiver(forProd)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waiver W1 names the stage \"prod\", which the policy does not define; it defines: deploy");
    }

    @Test
    void reportsMissingKeysUnknownRulesAndWrongShapes() {
        String message = failure("""
                stages:
                  build:
                    rules:
                      - rule: reachability
                      - rule: severity-gate
                      - just-a-string
                  deploy: enforce
                waivers:
                  - id: W1
                    owner: me
                    reason: because
                    expires: 2026-12-31T00:00:00Z
                """).getMessage();

        assertThat(message)
                .contains("(/stages/build): missing key \"mode\" in a stage")
                .contains("(/stages/build/rules/0/rule): unknown rule \"reachability\"; expected one of: severity-gate,"
                        + " sla, image-age, scan-age, database-age, deny, coverage, no-new-findings, kev, epss,"
                        + " base-image-current")
                .contains("(/stages/build/rules/1): missing key \"minimum\" in rule severity-gate")
                .contains("(/stages/build/rules/2): expected a mapping for a rule, got \"just-a-string\"")
                .contains("(/stages/deploy): expected a mapping for a stage, got \"enforce\"")
                .contains("(/waivers/0): waiver W1 matches nothing: give a vulnerability, a package or both");
    }

    @Test
    void reportsWhatTheRecordsRejectWhereItIs() {
        String message = failure("""
                stages:
                  build:
                    mode: enforce
                    rules:
                      - {rule: severity-gate, minimum: unknown}
                      - {rule: coverage}
                      - {rule: coverage}
                      - {rule: sla, clock: [published, published], within: {high: 1d}}
                      - {rule: deny, packages: ["pkg:npm/"]}
                  "Bad Stage!":
                    mode: off
                """).getMessage();

        assertThat(message)
                .contains("(/stages/build/rules/0/minimum): minimum must be a known severity")
                .contains("(/stages/build/rules): two rules have the id \"coverage\"")
                .contains("(/stages/build/rules/3/clock): clock must name at least one clock, none twice")
                .contains("(/stages/build/rules/4): \"pkg:npm/\" is not a package URL prefix")
                .contains("(/stages/Bad Stage!): invalid stage name \"bad stage!\"");
    }

    @Test
    void rejectsMalformedDocumentsWithTheirPosition() {
        assertThat(failure("stages:\n  build: {mode: enforce\n").getMessage())
                .startsWith("invalid policy policy.yaml: 1 problem")
                .contains("not well-formed YAML");
        assertThat(failure("").getMessage()).contains("the policy is empty");
        assertThat(failure("stages: {build: {mode: off}}\n---\nstages: {}\n").getMessage())
                .contains("only one document is allowed");
        assertThatThrownBy(() -> Policies.parse("p.json", "{\"stages\": {\"build\": {\"mode\": \"off\"}}"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("p.json:1:")
                .hasMessageContaining("not well-formed JSON");
    }

    @Test
    void readsYamlInFlowStyleAndSkipsAByteOrderMark(@TempDir Path dir) throws IOException {
        Path bom = dir.resolve("flow.yaml");
        Files.writeString(bom, "\uFEFF{stages: {build: {mode: off}}}", StandardCharsets.UTF_8);

        assertThat(Policies.parse("flow.yml", "{stages: {build: {mode: off}}}").stage(Stage.BUILD))
                .isPresent();
        assertThat(Policies.read(bom).stage(Stage.BUILD)).contains(StagePolicy.of(Mode.OFF));
    }

    @Test
    void reportsDuplicateWaiverIdsAmongOtherProblems() {
        String message = failure("""
                stages: {build: {mode: off}}
                waivers:
                  - {id: W1, vulnerability: CVE-1, owner: me, reason: r, expires: "2026-12-31T00:00:00Z"}
                  - {id: W1, package: zlib, owner: me, reason: r, expires: "2026-12-31T00:00:00+02:00"}
                  - {id: W2, vulnerability: CVE-2, owner: me, reason: r, expires: never, stages: [build]}
                """).getMessage();

        assertThat(message)
                .contains("policy.yaml:2:1 (/waivers): two waivers have the id \"W1\"")
                .contains("(/waivers/2/expires): bad instant \"never\"");
    }

    @Test
    void refusesDeeplyNestedAndOversizedDocuments() {
        String deep = "stages: " + "[".repeat(40) + "]".repeat(40) + "\n";
        assertThat(failure(deep).getMessage()).contains("nested deeper than");
        assertThatThrownBy(() -> Policies.parse("big.yaml", "#".repeat(Policies.MAX_POLICY_CHARS + 1)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void readsPolicyFilesAndRejectsOnesThatAreNotUtf8(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("policy.yaml");
        Files.writeString(yaml, "stages:\n  build:\n    mode: off\n", StandardCharsets.UTF_8);
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "stages: {b\u00e9: {mode: off}}".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Policies.read(yaml).stage(Stage.BUILD)).contains(StagePolicy.of(Mode.OFF));
        assertThatThrownBy(() -> Policies.read(latin1))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> Policies.read(dir.resolve("absent.yaml")))
                .isInstanceOf(PolicyException.class)
                .hasMessageEndingWith("absent.yaml: no such file");
    }
}
