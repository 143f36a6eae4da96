package dev.shelflife.sarif;

import dev.shelflife.ReportLocation;
import dev.shelflife.sarif.SarifLog.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's rules, and how its results use them: which rule a result names, and whether that
 * rule's texts speak for the one result alone.
 *
 * <p>A rule's texts name one package: Trivy writes one rule per vulnerability id with the help of
 * its first package, Grype one rule per vulnerability and package name with the help of its first
 * match. So what the help says of a package (its version, its fix) is this result's only when no
 * other result shares the rule, or when the tool wrote one rule per result (Trivy's templates
 * before 0.18 repeat the rule for every result, and a result's {@code ruleIndex} points at its own).
 * Everything else in a rule (its CVSS scores, title and link) is the vulnerability's, and SARIF
 * gives it to every result of the rule.
 */
final class RunRules {

    /**
     * A rule and where it is.
     *
     * @param rule the rule
     * @param location where it starts
     * @param index its index in {@code tool.driver.rules}
     */
    record LocatedRule(Rule rule, ReportLocation location, int index) {
        LocatedRule {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(location, "location");
        }
    }

    private final List<LocatedRule> rules = new ArrayList<>();
    private final Map<String, List<LocatedRule>> byId = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();

    /**
     * Adds the next rule of {@code tool.driver.rules}.
     *
     * @param rule the bound rule, {@code null} for a JSON {@code null}
     * @param at where it starts
     */
    void add(Rule rule, ReportLocation at) {
        int index = rules.size();
        if (rule == null || rule.id() == null) {
            // Keeps the indexes of the rules after it.
            rules.add(null);
            return;
        }
        LocatedRule located = new LocatedRule(rule, at, index);
        rules.add(located);
        byId.computeIfAbsent(rule.id(), id -> new ArrayList<>()).add(located);
    }

    /**
     * Counts a result that names a rule, so that {@link #speaksFor} knows which rules are shared.
     *
     * @param ruleId the result's {@code ruleId}, or {@code null}
     */
    void use(String ruleId) {
        if (ruleId != null) {
            uses.merge(ruleId, 1, Integer::sum);
        }
    }

    /**
     * The rule a result names: the one at its {@code ruleIndex} when that one has its id, else the
     * first with its id.
     *
     * @param ruleId the result's {@code ruleId}
     * @param ruleIndex the result's {@code ruleIndex}, or {@code null}
     * @return the rule, or empty when the run defines none with that id
     */
    Optional<LocatedRule> find(String ruleId, Integer ruleIndex) {
        Optional<LocatedRule> pinned = pinned(ruleId, ruleIndex);
        if (pinned.isPresent()) {
            return pinned;
        }
        List<LocatedRule> withId = byId.get(ruleId);
        return withId == null ? Optional.empty() : Optional.of(withId.get(0));
    }

    /**
     * Whether the texts of the rule a result names speak for that result alone: no other result
     * names the rule's id and no other rule has it, or several rules have it and the result's
     * {@code ruleIndex} points at this one.
     *
     * @param ruleId the result's {@code ruleId}
     * @param ruleIndex the result's {@code ruleIndex}, or {@code null}
     * @return {@code true} when the rule's help describes this result's package
     */
    boolean speaksFor(String ruleId, Integer ruleIndex) {
        List<LocatedRule> withId = byId.getOrDefault(ruleId, List.of());
        if (withId.size() == 1) {
            return uses.getOrDefault(ruleId, 0) == 1;
        }
        return withId.size() > 1 && pinned(ruleId, ruleIndex).isPresent();
    }

    private Optional<LocatedRule> pinned(String ruleId, Integer ruleIndex) {
        if (ruleIndex == null || ruleIndex < 0 || ruleIndex >= rules.size()) {
            return Optional.empty();
        }
        LocatedRule at = rules.get(ruleIndex);
        return at != null && at.rule().id().equals(ruleId) ? Optional.of(at) : Optional.empty();
    }
}
