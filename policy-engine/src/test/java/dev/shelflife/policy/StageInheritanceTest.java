package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.builtAt;
import static dev.shelflife.policy.Records.days;
import static dev.shelflife.policy.Records.fixable;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ImageRecord;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.DenyList;
import dev.shelflife.policy.rule.RemediationSla;
import dev.shelflife.policy.rule.SeverityGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageInheritanceTest {

    private static final Stage PROD = Stage.of("deploy-prod");
    private static final SeverityGate GATE = SeverityGate.atLeast(Severity.CRITICAL);
    private static final AgeLimit IMAGE_AGE = AgeLimit.image(Duration.ofDays(90));
    private static final StagePolicy DEPLOY = StagePolicy.of(Mode.WARN, GATE, IMAGE_AGE);

    private static String message(String yaml) {
        try {
            Policies.parse("policy.yaml", yaml);
        } catch (PolicyException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a PolicyException for:\n" + yaml);
    }

    @Test
    void addsRulesAfterThoseOfTheStagePolicyItExtends() {
        AgeLimit scanAge = AgeLimit.scan(Duration.ofDays(7));

        StagePolicy prod = DEPLOY.plus(scanAge);

        assertThat(prod.mode()).isEqualTo(Mode.WARN);
        assertThat(prod.rules()).containsExactly(GATE, IMAGE_AGE, scanAge);
        assertThat(DEPLOY.rules()).containsExactly(GATE, IMAGE_AGE);
    }

    @Test
    void replacesARuleOfTheSameIdAndTypeInItsPlace() {
        SeverityGate stricter = SeverityGate.atLeast(Severity.HIGH);

        StagePolicy prod = DEPLOY.plus(stricter).withMode(Mode.ENFORCE);

        assertThat(prod).isEqualTo(StagePolicy.of(Mode.ENFORCE, stricter, IMAGE_AGE));
    }

    @Test
    void refusesToReplaceARuleWithOneOfAnotherTypeUnderTheSameId() {
        assertThatThrownBy(() -> DEPLOY.plus(AgeLimit.scan(Duration.ofDays(7)).withId("image-age")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule \"image-age\" of type scan-age would replace the inherited rule of that id, of type"
                        + " image-age: a rule replaces only a rule of its own type; give it another id");
        assertThatThrownBy(() -> DEPLOY.plus(RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                        .withId(GATE.id())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("of type RemediationSla would replace the inherited rule of that id, of type"
                        + " SeverityGate");
    }

    @Test
    void refusesTwoAddedRulesOfOneId() {
        assertThatThrownBy(() -> DEPLOY.plus(AgeLimit.scan(Duration.ofDays(7)), AgeLimit.scan(Duration.ofDays(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two rules have the id \"scan-age\"");
    }

    @Test
    void loadsAStageThatExtendsAnotherAsTheStagePolicyItResolvesTo() {
        Policy loaded = Policies.parse("policy.yaml", """
                stages:
                  deploy:
                    mode: warn
                    rules:
                      - {rule: severity-gate, minimum: critical}
                      - {rule: image-age, max: 90d}
                  deploy-prod:
                    extends: deploy
                    mode: enforce
                    rules:
                      - {rule: severity-gate, minimum: high}
                      - {rule: scan-age, max: 7d}
                """);

        assertThat(loaded.stage(PROD))
                .contains(StagePolicy.of(
                        Mode.ENFORCE,
                        SeverityGate.atLeast(Severity.HIGH),
                        IMAGE_AGE,
                        AgeLimit.scan(Duration.ofDays(7))));
        assertThat(loaded.stage(Stage.DEPLOY)).contains(DEPLOY);
        assertThat(loaded.stages().keySet()).containsExactly(Stage.DEPLOY, PROD);
    }

    @Test
    void inheritsTheModeAndRulesThroughAChainWrittenInAnyOrder() {
        Stage eu = Stage.of("deploy-prod-eu");
        Policy loaded = Policies.parse("policy.yaml", """
                stages:
                  deploy-prod-eu:
                    extends: deploy-prod
                    rules:
                      - {rule: deny, vulnerabilities: [CVE-2024-3094]}
                  deploy-prod:
                    extends: Deploy
                  deploy:
                    mode: warn
                    rules:
                      - {rule: severity-gate, minimum: critical}
                      - {rule: image-age, max: 90d}
                """);

        assertThat(loaded.stage(PROD)).contains(DEPLOY);
        assertThat(loaded.stage(eu)).contains(DEPLOY.plus(DenyList.of(List.of("CVE-2024-3094"), List.of())));
        assertThat(loaded.stages().keySet()).containsExactly(eu, PROD, Stage.DEPLOY);
    }

    @Test
    void saysWhereAStageExtendsAStageThePolicyDoesNotDefine() {
        String message = message("""
                stages:
                  deploy:
                    mode: warn
                  deploy-prod:
                    extends: deplyo
                """);

        assertThat(message)
                .contains("1 problem")
                .contains("policy.yaml:5:14 (/stages/deploy-prod/extends): stage \"deploy-prod\" extends \"deplyo\","
                        + " which the policy does not define; it defines: deploy, deploy-prod");
    }

    @Test
    void saysWhereAStageExtendsItself() {
        assertThat(message("""
                        stages:
                          deploy:
                            extends: deploy
                            mode: warn
                        """))
                .contains("1 problem")
                .contains("policy.yaml:3:14 (/stages/deploy/extends): stage \"deploy\" extends itself");
    }

    @Test
    void namesACycleOnceWhereItCloses() {
        String message = message("""
                stages:
                  a:
                    extends: c
                  b:
                    extends: a
                  c:
                    extends: b
                  d:
                    extends: a
                    mode: enforce
                """);

        assertThat(message)
                .contains("1 problem")
                .contains(
                        "policy.yaml:5:14 (/stages/b/extends): stages extend each other in a cycle: a -> c -> b -> a");
    }

    @Test
    void saysWhereExtendsIsNotAStageName() {
        String message = message("""
                stages:
                  deploy:
                    mode: warn
                  deploy-prod:
                    extends: [deploy]
                  deploy-eu:
                    extends: "Not a stage!"
                  deploy-us:
                    extends:
                """);

        assertThat(message)
                .contains("3 problems")
                .contains(
                        "policy.yaml:5:14 (/stages/deploy-prod/extends): expected a stage name for extends, got a list")
                .contains("policy.yaml:7:14 (/stages/deploy-eu/extends): ")
                .contains("policy.yaml:9:13 (/stages/deploy-us/extends): invalid stage name \"\"");
    }

    @Test
    void stillRequiresTheModeOfAStageThatExtendsNothing() {
        assertThat(message("""
                        stages:
                          deploy:
                            rules: []
                        """)).contains("1 problem").contains("(/stages/deploy): missing key \"mode\" in a stage");
    }

    @Test
    void saysWhereAnAddedRuleCannotReplaceTheInheritedOneOfItsId() {
        String message = message("""
                stages:
                  deploy:
                    mode: warn
                    rules:
                      - {rule: severity-gate, minimum: critical, id: gate}
                  deploy-prod:
                    extends: deploy
                    rules:
                      - {rule: image-age, max: 30d, id: gate}
                """);

        assertThat(message)
                .contains("1 problem")
                .contains("policy.yaml:9:9 (/stages/deploy-prod/rules/0): rule \"gate\" of type image-age would"
                        + " replace the inherited rule of that id, of type SeverityGate");
    }

    @Test
    void evaluatesAChildStageWithItsOwnModeAndTheRulesItInherits() {
        Policy policy = Policies.parse("policy.yaml", """
                stages:
                  deploy:
                    mode: warn
                    rules:
                      - {rule: severity-gate, minimum: critical}
                      - {rule: image-age, max: 90d}
                  deploy-prod:
                    extends: deploy
                    mode: enforce
                    rules:
                      - {rule: severity-gate, minimum: high}
                """);
        ImageRecord record = builtAt(
                days(-100), report("Trivy", T0, fixable("CVE-2025-1", Severity.HIGH, "openssl", "3.0.1", "3.0.2")));

        Verdict deploy = PolicyEngine.of(policy).evaluate(record, Stage.DEPLOY, days(1));
        Verdict prod = PolicyEngine.of(policy).evaluate(record, PROD, days(1));

        assertThat(deploy.outcome()).isEqualTo(Outcome.WARN);
        assertThat(deploy.violations()).extracting(Violation::ruleId).containsExactly("image-age");
        assertThat(prod.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(prod.stage()).isEqualTo(PROD);
        assertThat(prod.violations()).extracting(Violation::ruleId).containsExactly("severity-gate", "image-age");
    }
}
