package com.example.baseregistry;

import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleKey;
import dev.shelflife.policy.RuleNode;
import dev.shelflife.policy.RuleType;
import dev.shelflife.policy.ValueType;
import java.util.List;
import java.util.Optional;

/**
 * Tells policy files about {@link BaseRegistry}: {@code rule: base-registry} with a list of
 * allowed registries.
 *
 * <pre>{@code
 * - rule: base-registry
 *   allowed: [registry.acme.example, ghcr.io]
 *   when-unknown: warn
 * }</pre>
 *
 * <p>Found by ShelfLife's {@code RuleTypes.load()} through
 * {@code META-INF/services/dev.shelflife.policy.RuleType}, so it needs a public no-argument
 * constructor.
 *
 * @since 0.2
 */
public final class BaseRegistryType implements RuleType {

    /** Registry hosts, each checked where the policy file writes it. */
    private static final ValueType<List<String>> HOSTS =
            ValueType.listOf(ValueType.text("registry host", BaseRegistry::host));

    /** Made by the service loader. */
    public BaseRegistryType() {}

    @Override
    public String name() {
        return BaseRegistry.TYPE;
    }

    @Override
    public String description() {
        return "the base image must come from an allowed registry";
    }

    @Override
    public Class<? extends Rule> ruleClass() {
        return BaseRegistry.class;
    }

    @Override
    public List<RuleKey> keys() {
        return List.of(
                RuleKey.required(
                        "allowed",
                        HOSTS,
                        "the registries a base image may come from, such as `registry.acme.example` or"
                                + " `localhost:5000`; Docker Hub is `docker.io`"),
                RuleKey.optional(
                        "when-unknown",
                        ValueType.TREATMENT,
                        "`fail`",
                        "what to do when the image's base image is not known"));
    }

    @Override
    public Optional<BaseRegistry> bind(RuleNode node) {
        Optional<BaseRegistry> rule = node.create("allowed", HOSTS, BaseRegistry::allowing);
        rule = node.with(rule, "when-unknown", ValueType.TREATMENT, BaseRegistry::whenUnknown);
        return node.idAndEffect(rule, BaseRegistry::withId, BaseRegistry::withEffect);
    }
}
