package com.example.baseregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Stage;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyException;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.Treatment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule read from policy files, with the type that the service loader finds on this module's class path. */
class BaseRegistryTypeTest {

    @Test
    void isFoundBesideTheBuiltInRules() {
        assertThat(RuleTypes.load().names()).contains("severity-gate", "sla", "base-registry");
    }

    @Test
    void readsTheRuleFromAPolicyFile() {
        Policy policy = Policies.parse("policy.yaml", """
                stages:
                  deploy:
                    mode: enforce
                    rules:
                      - rule: base-registry
                        id: acme-bases
                        allowed: [registry.acme.example, GHCR.io]
                        when-unknown: warn
                        effect: warn
                """);

        assertThat(policy.stage(Stage.DEPLOY).orElseThrow().rules())
                .containsExactly(new BaseRegistry(
                        "acme-bases", Effect.WARN, List.of("registry.acme.example", "ghcr.io"), Treatment.WARN));
    }

    @Test
    void reportsEveryBadKeyWhereItIsWritten() {
        assertThatThrownBy(() -> Policies.parse("policy.yaml", """
                        stages:
                          deploy:
                            mode: enforce
                            rules:
                              - rule: base-registry
                                allowed: [registry.acme.example, "https://ghcr.io"]
                                when-unknown: maybe
                              - rule: base-registry
                                id: second
                                allowed: []
                              - rule: base-registry
                                id: third
                                registries: [ghcr.io]
                        """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(
                        "policy.yaml:6:42 (/stages/deploy/rules/0/allowed/1): \"https://ghcr.io\" is not a"
                                + " registry host")
                .hasMessageContaining("(/stages/deploy/rules/0/when-unknown): unknown treatment \"maybe\"")
                .hasMessageContaining("(/stages/deploy/rules/1/allowed): allow at least one registry")
                .hasMessageContaining("(/stages/deploy/rules/2/registries): unknown key \"registries\" in rule"
                        + " base-registry; expected one of: rule, id, effect, allowed, when-unknown")
                .hasMessageContaining("(/stages/deploy/rules/2): missing key \"allowed\" in rule base-registry");
    }

    @Test
    void declaresItsKeysWithTheirTypes() {
        BaseRegistryType type = new BaseRegistryType();

        assertThat(type.keys())
                .extracting(k -> k.name() + ": " + k.type().name())
                .containsExactly("allowed: list of registry host", "when-unknown: treatment");
        assertThat(type.describes(BaseRegistry.allowing(List.of("ghcr.io")))).isTrue();
    }
}
