package dev.shelflife.policy.rule;

import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.FixState;
import dev.shelflife.policy.Effect;
import dev.shelflife.policy.Rule;
import dev.shelflife.policy.RuleContext;
import dev.shelflife.policy.RuleKey;
import dev.shelflife.policy.RuleNode;
import dev.shelflife.policy.RuleResult;
import dev.shelflife.policy.RuleTypes;
import dev.shelflife.policy.ValueType;
import dev.shelflife.policy.Violation;
import dev.shelflife.policy.internal.FixStates;
import dev.shelflife.policy.internal.Phrases;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Rule {@code epss}: a finding whose FIRST EPSS score, or its percentile, is at or above a
 * threshold is a violation, whatever its age. With both thresholds, reaching either one violates.
 *
 * <p>The values come from the finding's vulnerability ({@link dev.shelflife.Vulnerability#epss()}):
 * a scanner that carries EPSS, or scores the caller applied to the record before the evaluation.
 * A finding without EPSS values (EPSS scores CVEs only; a GHSA- or distribution-only advisory has
 * none) is not above any threshold. EPSS changes only when a new day's scores are applied, not with
 * time, so this rule has no clock and adds nothing to the forecast.
 *
 * @param id the rule's id; {@code epss} by default
 * @param effect whether its violations block or warn
 * @param score the lowest EPSS score (probability of exploitation in the next 30 days) that
 *     violates, in (0, 1]; empty for none
 * @param percentile the lowest percentile that violates, in (0, 1]; empty for none
 * @param fixStates the fix states that count; every state by default
 * @since 0.1
 */
public record EpssThreshold(
        String id, Effect effect, OptionalDouble score, OptionalDouble percentile, Set<FixState> fixStates)
        implements Rule {

    /** The rule's type name in policy files, and its default id. */
    public static final String TYPE = "epss";

    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the id is invalid, there is no threshold, a threshold is
     *     outside (0, 1], or no fix state counts
     */
    public EpssThreshold {
        RuleIds.require(id);
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(percentile, "percentile");
        if (score.isEmpty() && percentile.isEmpty()) {
            throw new IllegalArgumentException("an EPSS threshold needs a score, a percentile or both");
        }
        requireThreshold(score, "score");
        requireThreshold(percentile, "percentile");
        fixStates = FixStates.copy(fixStates);
    }

    private static void requireThreshold(OptionalDouble value, String what) {
        if (value.isPresent() && !(value.getAsDouble() > 0.0 && value.getAsDouble() <= 1.0)) {
            throw new IllegalArgumentException(
                    "EPSS " + what + " threshold must lie in (0, 1], got " + value.getAsDouble());
        }
    }

    /**
     * A blocking rule on findings whose EPSS score is at least {@code threshold}, in every fix state.
     *
     * @param threshold the lowest score that violates, in (0, 1]
     * @return the rule
     */
    public static EpssThreshold score(double threshold) {
        return new EpssThreshold(
                TYPE, Effect.BLOCK, OptionalDouble.of(threshold), OptionalDouble.empty(), FixStates.ALL);
    }

    /**
     * A blocking rule on findings whose EPSS percentile is at least {@code threshold}, in every fix state.
     *
     * @param threshold the lowest percentile that violates, in (0, 1]
     * @return the rule
     */
    public static EpssThreshold percentile(double threshold) {
        return new EpssThreshold(
                TYPE, Effect.BLOCK, OptionalDouble.empty(), OptionalDouble.of(threshold), FixStates.ALL);
    }

    /**
     * A copy with a score threshold as well (or instead of the one it had).
     *
     * @param threshold the lowest score that violates, in (0, 1]
     * @return the copy
     */
    public EpssThreshold withScore(double threshold) {
        return new EpssThreshold(id, effect, OptionalDouble.of(threshold), percentile, fixStates);
    }

    /**
     * A copy with a percentile threshold as well (or instead of the one it had).
     *
     * @param threshold the lowest percentile that violates, in (0, 1]
     * @return the copy
     */
    public EpssThreshold withPercentile(double threshold) {
        return new EpssThreshold(id, effect, score, OptionalDouble.of(threshold), fixStates);
    }

    /**
     * A copy that counts only fixable findings.
     *
     * @return the copy, with {@code fixStates} = {@code FIXED}
     */
    public EpssThreshold fixableOnly() {
        return fixStates(FixStates.FIXABLE);
    }

    /**
     * A copy that counts findings in the given fix states.
     *
     * @param states the states
     * @return the copy
     */
    public EpssThreshold fixStates(Set<FixState> states) {
        return new EpssThreshold(id, effect, score, percentile, states);
    }

    /**
     * A copy with another id.
     *
     * @param newId the id
     * @return the copy
     */
    public EpssThreshold withId(String newId) {
        return new EpssThreshold(newId, effect, score, percentile, fixStates);
    }

    /**
     * A copy with another effect.
     *
     * @param newEffect the effect
     * @return the copy
     */
    public EpssThreshold withEffect(Effect newEffect) {
        return new EpssThreshold(id, newEffect, score, percentile, fixStates);
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        RuleResult.Builder result = context.result();
        for (Finding finding : context.findings()) {
            Optional<Epss> epss = finding.vulnerability().epss();
            if (epss.isEmpty() || !fixStates.contains(finding.fix().state())) {
                continue;
            }
            Optional<String> reached = reached(epss.get());
            if (reached.isPresent()) {
                result.violation(Violation.builder(
                                id,
                                Phrases.finding(finding) + " has EPSS score "
                                        + epss.get().score()
                                        + " (percentile " + epss.get().percentile()
                                        + epss.get().date().map(d -> ", " + d).orElse("")
                                        + "), " + reached.get() + "; " + Phrases.fix(finding))
                        .effect(effect)
                        .finding(finding)
                        .build());
                result.actions(context.remedies(finding, Phrases.reason(id, finding)));
            }
        }
        return result.build();
    }

    /** Which threshold the values reach, in words, if any. */
    private Optional<String> reached(Epss epss) {
        if (score.isPresent() && epss.score() >= score.getAsDouble()) {
            return Optional.of("at or above the score threshold " + score.getAsDouble());
        }
        if (percentile.isPresent() && epss.percentile() >= percentile.getAsDouble()) {
            return Optional.of("at or above the percentile threshold " + percentile.getAsDouble());
        }
        return Optional.empty();
    }

    /**
     * The rule type {@code epss} of policy files, found by {@link RuleTypes#load()}.
     *
     * @since 0.2
     */
    public static final class Type extends BuiltInType<EpssThreshold> {

        /** Made by {@link java.util.ServiceLoader}. */
        public Type() {
            super(
                    TYPE,
                    EpssThreshold.class,
                    "findings whose EPSS score or percentile is at or above a threshold are violations",
                    List.of(
                            RuleKey.optional(
                                    "score",
                                    ValueType.NUMBER,
                                    "none",
                                    "a score in (0, 1], such as `0.1`; give this key, `percentile`, or both"),
                            RuleKey.optional(
                                    "percentile", ValueType.NUMBER, "none", "a percentile in (0, 1], such as `0.95`"),
                            fixStates("")),
                    Type::read,
                    """
                *Java: `EpssThreshold.score(0.5)`, `EpssThreshold.percentile(0.95)`, `.withScore(…)`.* A finding
                whose FIRST EPSS score (the probability of exploitation in the next 30 days) or percentile is **at
                or above** a threshold is a violation, whatever its age. With both thresholds, reaching either
                violates. The values are the finding's `Vulnerability.epss()`: from the scanner (Grype, Snyk) or
                from a day's scores the caller applies ([freshness.md](freshness.md); `shelflife plan --epss`).

                A finding without EPSS values is below every threshold: EPSS scores CVEs only, so a finding known
                only by a GHSA or distribution id has none. Violation: the finding and `CVE-2025-47273 HIGH in
                setuptools 69.0.3 has EPSS score 0.52307 (percentile 0.97817, 2025-08-31), at or above the score
                threshold 0.5; fixed in 78.1.1`. Actions: a [bump](#actions) when a fix is available. No clock and
                no forecast: EPSS moves when a new day's scores are applied, not with time. To give likely-exploited
                findings a short deadline instead of none, pair a strict `sla` with a lenient `epss` rule, or the
                other way round.
                """);
        }

        private static Optional<EpssThreshold> read(RuleNode node) {
            Optional<EpssThreshold> rule;
            if (node.has("score")) {
                rule = node.create("score", ValueType.NUMBER, EpssThreshold::score);
                rule = node.with(rule, "percentile", ValueType.NUMBER, EpssThreshold::withPercentile);
            } else if (node.has("percentile")) {
                rule = node.create("percentile", ValueType.NUMBER, EpssThreshold::percentile);
            } else {
                node.problem("rule epss needs a score, a percentile or both");
                rule = Optional.empty();
            }
            rule = node.with(rule, "fix-states", ValueType.FIX_STATES, EpssThreshold::fixStates);
            return node.idAndEffect(rule, EpssThreshold::withId, EpssThreshold::withEffect);
        }
    }
}
