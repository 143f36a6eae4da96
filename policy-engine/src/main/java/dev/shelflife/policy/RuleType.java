package dev.shelflife.policy;

import dev.shelflife.policy.rule.AgeLimit;
import java.util.List;
import java.util.Optional;

/**
 * A kind of rule that policy files can name: {@code rule: sla}. Every built-in rule is one, and
 * anyone's can be: a jar with a class that implements this interface and names it in
 * {@code META-INF/services/dev.shelflife.policy.RuleType} is found by {@link RuleTypes#load()},
 * which the policy reader ({@link Policies#read(java.nio.file.Path)}) and the SARIF output use.
 *
 * <p>A type says what it is called ({@link #name()}), which keys it accepts
 * ({@link #keys()}), how a rule is bound from them ({@link #bind(RuleNode)}), and what its rules
 * check ({@link #description()}), which the SARIF output and the rule reference in
 * {@code docs/policy.md} print. A type is stateless and thread-safe; the rules it binds are values
 * (see {@link Rule}).
 *
 * <pre>{@code
 * public final class BaseRegistryType implements RuleType {
 *     public String name() { return "base-registry"; }
 *     public String description() { return "the base image must come from an allowed registry"; }
 *     public Class<? extends Rule> ruleClass() { return BaseRegistry.class; }
 *     public List<RuleKey> keys() {
 *         return List.of(RuleKey.required("allowed", ValueType.TEXTS, "the registries the base may come from"));
 *     }
 *     public Optional<BaseRegistry> bind(RuleNode node) {
 *         Optional<BaseRegistry> rule = node.create("allowed", ValueType.TEXTS, BaseRegistry::of);
 *         return node.idAndEffect(rule, BaseRegistry::withId, BaseRegistry::withEffect);
 *     }
 * }
 * }</pre>
 *
 * @since 0.2
 */
public interface RuleType {

    /**
     * The type's name, the value of {@code rule:} in a policy file, unique among the installed types.
     *
     * @return lower-case letters, digits and {@code -}, such as {@code severity-gate}
     */
    String name();

    /**
     * What a rule of this type checks, as one lower-case clause without a final period, such as
     * {@code findings must be remediated within the time their severity allows, counted from a
     * clock}: the SARIF output says "Policy rule sla at stage deploy: " and this.
     *
     * @return the description
     */
    String description();

    /**
     * The class of the rules this type binds, which tells which rules of a policy it describes.
     *
     * @return the class
     */
    Class<? extends Rule> ruleClass();

    /**
     * Whether a rule is one this type binds: by default, whether it is of {@link #ruleClass()}.
     * A class that several types share ({@link AgeLimit}) tells them apart here.
     *
     * @param rule a rule of a policy
     * @return true if this type describes it
     */
    default boolean describes(Rule rule) {
        return ruleClass().isInstance(rule);
    }

    /**
     * The keys a rule of this type accepts besides {@code rule}, {@code id} and {@code effect}, in
     * the order the reference lists them; any other key is a problem.
     *
     * @return the keys
     */
    List<RuleKey> keys();

    /**
     * Binds a rule from its keys in a policy file. Every problem goes through the node, which says
     * where it is; a type returns empty when it reported one, and reads every key it can even then,
     * so that all problems are reported at once.
     *
     * @param node the rule as written, its keys checked against {@link #keys()} already
     * @return the rule, or empty when a problem was reported
     */
    Optional<? extends Rule> bind(RuleNode node);

    /**
     * More about the type for the rule reference, in Markdown, printed after its table of keys: how
     * to build the rule in Java, its violations, actions and forecast.
     *
     * @return Markdown paragraphs, or an empty string
     */
    default String documentation() {
        return "";
    }
}
